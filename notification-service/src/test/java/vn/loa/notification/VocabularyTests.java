package vn.loa.notification;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.web.ApiException;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * One vocabulary (issue 16.2), checked on the compiled classes: problems only through infra/common's catalogue (no
 * deprecated {@link ApiException} factory, which takes a private code and a text of its own), the caller only as
 * service-support's {@link CurrentUser} and {@link OrgScope} (no {@code Actor}/{@code Caller} copy), no channel enum
 * of our own beside infra/common's {@code Channel}, and role checks in the access policy only.
 * ({@code ProblemCodesTests} checks the sources for codes written as strings.)
 */
class VocabularyTests {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackagesOf(NotificationServiceApplication.class);

    @Test
    void noLegacyApiExceptionFactoryIsCalled() {
        noClasses().should().callMethodWhere(DescribedPredicate.describe("a deprecated ApiException factory",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(ApiException.class)
                                && call.getTarget().resolveMember().map(m -> m.isAnnotatedWith(Deprecated.class)).orElse(false)))
                .check(MAIN);
    }

    @Test
    void theCallerIsServiceSupportsCurrentUser() {
        noClasses().should().haveSimpleNameEndingWith("Actor").orShould().haveSimpleName("Caller")
                .orShould().haveSimpleName("Callers").orShould().haveSimpleName("CurrentUser")
                .orShould().haveSimpleName("OrgScope")
                .because("the caller model is service-support's CurrentUser/OrgScope (issue 16.2)").check(MAIN);
    }

    @Test
    void noChannelEnumOfOurOwn() {
        // a subscription's EMAIL/WEBHOOK is how a message travels, not a communication form of the plans
        noClasses().that(DescribedPredicate.describe("are not the delivery channel",
                        (JavaClass c) -> !c.getName().equals("vn.loa.notification.subscription.Subscription$Channel")))
                .should().haveSimpleName("Channel").check(MAIN);
    }

    @Test
    void onlyTheAccessPolicyChecksRoles() {
        noClasses().that().resideOutsideOfPackage("vn.loa.notification.access..")
                .should().callMethod(CurrentUser.class, "hasRole", String.class)
                .orShould().callMethod(CurrentUser.class, "roles")
                .orShould().callMethod(CurrentUser.class, "hasAnyRole", String[].class)
                .orShould().callMethod(CurrentUser.class, "canWrite")
                .orShould().callMethod(CurrentUser.class, "readsBusinessData")
                .orShould().callMethodWhere(DescribedPredicate.describe("OrgScope", (JavaMethodCall call) ->
                        call.getTargetOwner().isEquivalentTo(OrgScope.class)))
                .because("authorization is one policy per service (issue 16.2)").check(MAIN);
    }
}
