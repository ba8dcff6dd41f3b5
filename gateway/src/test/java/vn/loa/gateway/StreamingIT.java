package vn.loa.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import vn.loa.testsupport.TestTokens;

/**
 * The dashboards' server-sent events pass the gateway as a stream: events arrive as the service
 * writes them, and the stream outlives the circuit breaker's time limit (3 s in tests) and the
 * per-attempt response timeout (1.5 s in tests). The page itself and its assets need no token.
 */
class StreamingIT extends GatewayITBase {

    private final String bearer = TestTokens.bearer(uniqueUser("ductho.vhtt"), "DISTRICT_OFFICER", "duc-tho");

    @Test
    void dashboardEventsStreamThroughPastTheTimeLimit() {
        String events = "event:ready\ndata:{}\n\n" + "event:changed\ndata:{}\n\n".repeat(2) + ":keep-alive\n\n"
                + "event:changed\ndata:{\"last\":true}\n\n";
        REPORTING.server().stubFor(get(urlPathEqualTo("/api/dashboards/duc-tho/events"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_EVENT_STREAM_VALUE)
                        .withBody(events)
                        .withChunkedDribbleDelay(3, 4_500)));

        long started = System.nanoTime();
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        StringBuilder received = new StringBuilder();
        client.mutate().responseTimeout(Duration.ofSeconds(20)).build()
                .get().uri("/api/dashboards/duc-tho/events?period=2022-Q1")
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(byte[].class).getResponseBody()
                .doOnNext(chunk -> {
                    arrivals.add((System.nanoTime() - started) / 1_000_000);
                    received.append(new String(chunk, java.nio.charset.StandardCharsets.UTF_8));
                })
                .blockLast(Duration.ofSeconds(20));

        long total = (System.nanoTime() - started) / 1_000_000;
        assertThat(received.toString()).isEqualTo(events);
        assertThat(total).isGreaterThan(3_000); // longer than the breaker's time limit, yet not cut
        // Streamed, not buffered: the first part came well before the last.
        assertThat(arrivals.get(0)).isLessThan(arrivals.get(arrivals.size() - 1) - 1_500);
        REPORTING.server().verify(1, getRequestedFor(urlPathEqualTo("/api/dashboards/duc-tho/events")));
    }

    @Test
    void theDashboardPageAndItsAssetsPassWithoutAToken() {
        for (String path : List.of("/dashboards/duc-tho", "/dashboards/assets/dashboard.js", "/dashboards/assets/dashboard.css")) {
            client.get().uri(path).exchange().expectStatus().isOk();
            REPORTING.server().verify(1, getRequestedFor(urlPathEqualTo(path)));
        }
        // The figures themselves still need a token at the gateway.
        client.get().uri("/api/dashboards/duc-tho/events?period=2022-Q1").exchange().expectStatus().isUnauthorized();
    }
}
