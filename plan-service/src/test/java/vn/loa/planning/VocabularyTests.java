package vn.loa.planning;

import org.junit.jupiter.api.Test;
import vn.loa.testsupport.architecture.ServiceVocabularyTests;
import vn.loa.testsupport.architecture.VocabularyRules;

/** One vocabulary (issue 16.2), checked on the compiled classes with test-support's shared rules. */
class VocabularyTests extends ServiceVocabularyTests {

    VocabularyTests() {
        super(PlanServiceApplication.class);
    }

    @Test
    void onlyTheAccessPolicyChecksRoles() {
        VocabularyRules.onlyTheAccessPolicyChecksRoles("vn.loa.planning.access").check(main);
    }
}
