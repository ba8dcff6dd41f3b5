package vn.loa.testsupport.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * One vocabulary (issue 16.2) as ArchUnit rules every service checks on its compiled classes: problems only through
 * infra/common's catalogue (no deprecated {@code ApiException} factory, which takes a private code and a text of its
 * own), the caller only as service-support's {@code CurrentUser} and {@code OrgScope} (no {@code Actor}/{@code Caller}
 * copy), no channel enum beside infra/common's {@code Channel}, and role checks in the service's access policy only.
 *
 * <p>The types are named, not referenced: service-support's own tests depend on this module, so it cannot depend
 * on service-support.
 */
public final class VocabularyRules {

    private static final String API_EXCEPTION = "vn.loa.support.web.ApiException";
    private static final String CURRENT_USER = "vn.loa.support.security.CurrentUser";
    private static final String ORG_SCOPE = "vn.loa.support.security.OrgScope";

    private VocabularyRules() {
    }

    /** The service's main classes, packages of {@code applicationClass} and below. */
    public static JavaClasses mainClassesOf(Class<?> applicationClass) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackagesOf(applicationClass);
    }

    public static ArchRule noLegacyApiExceptionFactoryIsCalled() {
        return noClasses().should().callMethodWhere(DescribedPredicate.describe("a deprecated ApiException factory",
                (JavaMethodCall call) -> call.getTargetOwner().getName().equals(API_EXCEPTION)
                        && call.getTarget().resolveMember().map(m -> m.isAnnotatedWith(Deprecated.class)).orElse(false)));
    }

    public static ArchRule theCallerIsServiceSupportsCurrentUser() {
        return noClasses().should().haveSimpleNameEndingWith("Actor").orShould().haveSimpleName("Caller")
                .orShould().haveSimpleName("Callers").orShould().haveSimpleName("CurrentUser")
                .orShould().haveSimpleName("OrgScope")
                .because("the caller model is service-support's CurrentUser/OrgScope (issue 16.2)");
    }

    /**
     * A row of figures per channel (a record) is fine; a second enum of the communication forms is not.
     *
     * @param allowed fully qualified names of enums called {@code Channel} that are something else (a delivery channel)
     */
    public static ArchRule noChannelEnumOfOurOwn(String... allowed) {
        Set<String> exceptions = Set.of(allowed);
        return noClasses().that().areEnums().and(DescribedPredicate.describe("are not " + exceptions,
                        (JavaClass c) -> !exceptions.contains(c.getName())))
                .should().haveSimpleName("Channel");
    }

    /** @param accessPackage the service's access policy, e.g. {@code vn.loa.planning.access} */
    public static ArchRule onlyTheAccessPolicyChecksRoles(String accessPackage) {
        return noClasses().that().resideOutsideOfPackage(accessPackage + "..")
                .should().callMethod(CURRENT_USER, "hasRole", String.class.getName())
                .orShould().callMethod(CURRENT_USER, "roles")
                .orShould().callMethod(CURRENT_USER, "hasAnyRole", String[].class.getName())
                .orShould().callMethod(CURRENT_USER, "canWrite")
                .orShould().callMethod(CURRENT_USER, "readsBusinessData")
                .orShould().callMethodWhere(DescribedPredicate.describe("OrgScope", (JavaMethodCall call) ->
                        call.getTargetOwner().getName().equals(ORG_SCOPE)))
                .because("authorization is one policy per service (issue 16.2)");
    }
}
