package vn.loa.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import vn.loa.testsupport.TestTokens;

/** Health probes, metrics (for operators), and the one Swagger UI over the gateway's and every service's API. */
class OperationsIT extends GatewayITBase {

    @Test
    void reportsLivenessAndReadiness() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void exposesPrometheusMetrics() {
        // Latency histograms make the scrape larger than WebTestClient's default 256 kB buffer.
        client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(uniqueUser("operator"), "OPERATOR", "ha-tinh"))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes", "http_server_requests_seconds_bucket"));
    }

    @Test
    void documentsTheIdentityEndpoints() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/auth/token'].post").exists()
                .jsonPath("$.paths['/auth/jwks'].get").exists();
    }

    @Test
    void listsEveryServiceDocumentInTheSwaggerUi() {
        client.get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[?(@.name == 'plan-service')].url").isEqualTo("/api-docs/plan")
                .jsonPath("$.urls[?(@.name == 'activity-service')].url").isEqualTo("/api-docs/activity")
                .jsonPath("$.urls[?(@.name == 'reporting-service')].url").isEqualTo("/api-docs/reporting")
                .jsonPath("$.urls[?(@.name == 'notification-service')].url").isEqualTo("/api-docs/notification")
                .jsonPath("$.urls[?(@.name == 'gateway')].url").isEqualTo("/v3/api-docs");
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
