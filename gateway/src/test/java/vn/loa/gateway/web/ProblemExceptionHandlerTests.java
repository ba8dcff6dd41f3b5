package vn.loa.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;

/** The gateway's own failures as problems; an unreachable identity provider is a 503, not the gateway's 500. */
class ProblemExceptionHandlerTests {

    @Test
    void answers503WhenTheIdentityProvidersKeysCannotBeFetched() {
        for (Throwable error : new Throwable[] {
                new IllegalStateException("Could not obtain the keys", new java.net.ConnectException("Connection refused")),
                new JwtDecoderInitializationException("Failed to lazily resolve the supplied JwtDecoder instance",
                        new IllegalArgumentException("Unable to resolve the Configuration with the provided Issuer"))}) {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/plans")
                    .header("Accept-Language", "en"));
            new ProblemExceptionHandler().handle(exchange, error).block();
            assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
            assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(exchange.getResponse().getBodyAsString().block())
                    .contains("\"type\":\"https://loa.gov.vn/problems/service-unavailable\"", "identity provider");
            MockServerWebExchange vietnamese = MockServerWebExchange.from(MockServerHttpRequest.get("/api/plans"));
            new ProblemExceptionHandler().handle(vietnamese, error).block();
            assertThat(vietnamese.getResponse().getBodyAsString().block())
                    .contains("\"title\":\"Dịch vụ tạm thời không khả dụng\"", "hệ thống xác thực");
        }
    }

    @Test
    void answers500WithoutInternalsForAnythingElse() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/plans"));
        new ProblemExceptionHandler().handle(exchange, new IllegalStateException("boom at vn.loa.Secret")).block();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("internal-error").doesNotContain("boom");
    }

    @Test
    void aStatusWithoutACodeOfItsOwnGetsTheCataloguesGenericOne() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/plans"));
        new ProblemExceptionHandler().handle(exchange,
                new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.GATEWAY_TIMEOUT)).block();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(504);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"code\":\"gateway-timeout\"", "\"title\":\"Hết thời gian chờ dịch vụ\"");
    }
}
