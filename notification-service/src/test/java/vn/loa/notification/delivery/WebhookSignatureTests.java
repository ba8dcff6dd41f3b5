package vn.loa.notification.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

    @Test
    void signsLikeAnyHmacSha256ReceiverExpects() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void verifiesOnlyTheExactBodyAndSecret() {
        byte[] body = "{\"text\":\"Báo cáo quý 1\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.sign("bí-mật-của-xã-liên-minh", body);
        assertThat(WebhookSignature.verify("bí-mật-của-xã-liên-minh", body, header)).isTrue();
        assertThat(WebhookSignature.verify("another-secret-value", body, header)).isFalse();
        assertThat(WebhookSignature.verify("bí-mật-của-xã-liên-minh", "{}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
    }
}
