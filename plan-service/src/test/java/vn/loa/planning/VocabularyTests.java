package vn.loa.planning;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import vn.loa.testsupport.architecture.VocabularyRules;

import static vn.loa.testsupport.architecture.VocabularyRules.mainClassesOf;

/** One vocabulary (issue 16.2), checked on the compiled classes with test-support's shared rules. */
class VocabularyTests {

    static final JavaClasses MAIN = mainClassesOf(PlanServiceApplication.class);

    @Test
    void noLegacyApiExceptionFactoryIsCalled() {
        VocabularyRules.noLegacyApiExceptionFactoryIsCalled().check(MAIN);
    }

    @Test
    void theCallerIsServiceSupportsCurrentUser() {
        VocabularyRules.theCallerIsServiceSupportsCurrentUser().check(MAIN);
    }

    @Test
    void noChannelEnumOfOurOwn() {
        VocabularyRules.noChannelEnumOfOurOwn().check(MAIN);
    }

    @Test
    void onlyTheAccessPolicyChecksRoles() {
        VocabularyRules.onlyTheAccessPolicyChecksRoles("vn.loa.planning.access").check(MAIN);
    }
}
