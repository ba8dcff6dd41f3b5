package vn.loa.notification.subscription;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSecretsTests {

    @Test
    void generatedSecretsAreStandardWebhooksSecretsOf32Bytes() {
        String secret = WebhookSecrets.generate();
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSecrets.problem(secret)).isEmpty();
        assertThat(WebhookSecrets.key(secret)).hasSize(32);
        assertThat(WebhookSecrets.generate()).isNotEqualTo(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bí-mật-của-xã-liên-minh-2022", "whsec_", "whsec_c2hvcnQ=", "whsec_!!!notbase64!!!",
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
    void anythingElseIsRefusedWithTheExpectedForm(String secret) {
        assertThat(WebhookSecrets.problem(secret)).hasValueSatisfying(p -> assertThat(
                vn.loa.common.problem.ProblemTexts.shared().resolve(p, vn.loa.common.problem.ProblemTexts.ENGLISH)).contains("whsec_"));
    }
}
