package vn.loa.notification;

import org.junit.jupiter.api.Test;
import vn.loa.testsupport.architecture.ServiceVocabularyTests;
import vn.loa.testsupport.architecture.VocabularyRules;

/** One vocabulary (issue 16.2); a subscription's EMAIL/WEBHOOK channel is how a message travels, not a communication form. */
class VocabularyTests extends ServiceVocabularyTests {

    VocabularyTests() {
        super(NotificationServiceApplication.class, "vn.loa.notification.subscription.Subscription$Channel");
    }

    @Test
    void onlyTheAccessPolicyChecksRoles() {
        VocabularyRules.onlyTheAccessPolicyChecksRoles("vn.loa.notification.access").check(main);
    }
}
