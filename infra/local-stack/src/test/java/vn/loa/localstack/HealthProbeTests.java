package vn.loa.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthProbeTests {

    @Test
    void theOverallStatusIsTheFirstOne() {
        assertThat(HealthProbe.statusOf(200, "{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}"))
                .isEqualTo("UP");
        assertThat(HealthProbe.statusOf(503, "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"UP\"}}}"))
                .isEqualTo("DOWN");
    }

    @Test
    void anAnswerWithoutStatusIsReportedByItsHttpCode() {
        assertThat(HealthProbe.statusOf(401, "")).isEqualTo("HTTP 401");
    }
}
