package vn.loa.activity;

import org.junit.jupiter.api.Test;
import vn.loa.testsupport.architecture.ServiceVocabularyTests;
import vn.loa.testsupport.architecture.VocabularyRules;

/** One vocabulary (issue 16.2), checked on the compiled classes with test-support's shared rules. */
class VocabularyTests extends ServiceVocabularyTests {

    VocabularyTests() {
        super(ActivityServiceApplication.class);
    }

    @Test
    void onlyTheAccessPolicyChecksRoles() {
        VocabularyRules.onlyTheAccessPolicyChecksRoles("vn.loa.activity.access").check(main);
    }
}
