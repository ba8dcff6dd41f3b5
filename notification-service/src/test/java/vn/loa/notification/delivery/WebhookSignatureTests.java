package vn.loa.notification.delivery;

import org.junit.jupiter.api.Test;
import vn.loa.notification.subscription.WebhookSecrets;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

    @Test
    void signsLikeTheStandardWebhooksSpecificationsExample() {
        // The example of the Standard Webhooks specification (and of its reference libraries' tests).
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertThat(WebhookSignature.sign(WebhookSecrets.key(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theIdAndTheTimestampAreSignedWithTheBody() {
        byte[] key = WebhookSecrets.key(WebhookSecrets.generate());
        byte[] body = "{\"text\":\"Báo cáo quý 1\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(key, "d-1", 1_700_000_000L, body);
        assertThat(signature).startsWith("v1,");
        assertThat(WebhookSignature.sign(key, "d-2", 1_700_000_000L, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(key, "d-1", 1_700_000_001L, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(key, "d-1", 1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature);
    }
}
