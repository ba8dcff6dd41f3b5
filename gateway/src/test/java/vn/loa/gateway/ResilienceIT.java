package vn.loa.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.loa.testsupport.TestTokens;

/**
 * A service that is down or too slow gives a 503 problem naming it, within the time limit; the
 * breaker opens after a handful of failures and the route recovers by itself when the service
 * returns. Only GETs are retried.
 */
class ResilienceIT extends GatewayITBase {

    private final String bearer = TestTokens.bearer(uniqueUser("hatinh.viewer"), "PROVINCE_VIEWER", "ha-tinh");

    @Test
    void answersAProblemNamingTheServiceWhenItIsTooSlow() {
        REPORTING.server().stubFor(get(urlPathEqualTo("/api/dashboards/duc-tho"))
                .willReturn(aResponse().withFixedDelay(8_000).withStatus(200)));
        long started = System.nanoTime();
        client.get().uri("/api/dashboards/duc-tho?period=2022-Q1").header(HttpHeaders.AUTHORIZATION, bearer)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("service-unavailable")
                .jsonPath("$.service").isEqualTo("reporting-service")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("time limit"));
        // Time limit 3 s (test configuration): well before the backend's 8 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(6_000));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theFallbacksLogLineCarriesTheRequestsTrace(CapturedOutput output) {
        ACTIVITY.server().stubFor(post(urlPathEqualTo("/api/activities/trace-in-the-log"))
                .willReturn(aResponse().withStatus(503)));
        String traceId = client.post().uri("/api/activities/trace-in-the-log").header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");
        assertThat(traceId).matches("[0-9a-f]{32}");
        // the fallback is reached by a forward: its line names /fallback and the service
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains(traceId)))
                .anyMatch(line -> line.contains("Answered 503 for POST /fallback: activity-service")));
    }

    @Test
    void fallsBackWhenTheServiceStopsThenRecoversWhenItReturns() {
        CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().find("notification").orElse(null);
        NOTIFICATION.stop();
        try {
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                unavailable(client.get().uri("/api/notifications?unread=true")
                        .header(HttpHeaders.AUTHORIZATION, bearer).exchange(), "notification-service");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_500));
            }
            breaker = breakers.getCircuitBreakerRegistry().find("notification").orElseThrow();
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            // While open the gateway does not even try: the answer is immediate.
            long started = System.nanoTime();
            unavailable(client.get().uri("/api/notifications").header(HttpHeaders.AUTHORIZATION, bearer).exchange(),
                    "notification-service");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        }
        finally {
            NOTIFICATION.start();
        }
        CircuitBreaker opened = breaker;
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                client.get().uri("/api/notifications?unread=true").header(HttpHeaders.AUTHORIZATION, bearer)
                        .exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.service").isEqualTo("notification"));
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            client.get().uri("/api/notifications").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                    .expectStatus().isOk();
            assertThat(opened.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
    }

    /**
     * Spring Cloud CircuitBreaker wraps every call in a Resilience4j bulkhead of 25 concurrent calls
     * by default, which turned the 26th concurrent request to one service into a 503; the gateway
     * switches that bulkhead off (the breaker and the time limit stay).
     */
    @Test
    void servesMoreConcurrentCallsToOneServiceThanTheLibraryBulkheadAllowed() throws Exception {
        PLAN.server().stubFor(get(urlEqualTo("/api/plans/slow")).willReturn(okJsonSlowly()));
        int calls = 40;
        List<String> users = List.of(uniqueUser("lienminh.vhtt"), uniqueUser("tungchau.vhtt"));
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<String>> statuses = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < calls; i++) {
                String user = users.get(i % users.size());
                statuses.add(pool.submit(() -> {
                    start.await();
                    var result = client.get().uri("/api/plans/slow").header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(user, "COMMUNE_OFFICER", "lien-minh"))
                            .exchange().expectBody(String.class).returnResult();
                    return result.getStatus().value() + " " + result.getResponseBody();
                }));
            }
            start.countDown();
            List<String> answered = new ArrayList<>();
            for (Future<String> status : statuses) {
                answered.add(status.get(30, TimeUnit.SECONDS));
            }
            // A bulkhead of 25 would refuse 15 of the 40 at once (a 503 of its own reason). On a machine loaded
            // far beyond its cores a call may still pass the 3 s time limit, and a few such failures open the
            // breaker: those 503s say so and are not what this test is about.
            assertThat(answered).hasSize(calls).allSatisfy(answer -> assertThat(answer).satisfiesAnyOf(
                    a -> assertThat(a).startsWith("200 "),
                    a -> assertThat(a).startsWith("503 ").contains("time limit"),
                    a -> assertThat(a).startsWith("503 ").contains("failed repeatedly")));
            assertThat(answered).anySatisfy(a -> assertThat(a).startsWith("200 "));
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJsonSlowly() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"slow\"}").withFixedDelay(400);
    }

    @Test
    void retriesAFailedGetButNeverAPost() {
        ACTIVITY.server().stubFor(get(urlEqualTo("/api/activities/flaky"))
                .willReturn(aResponse().withStatus(503)));
        ACTIVITY.server().stubFor(post(urlEqualTo("/api/activities/flaky/complete"))
                .willReturn(aResponse().withStatus(503)));

        unavailable(client.get().uri("/api/activities/flaky").header(HttpHeaders.AUTHORIZATION, bearer).exchange(),
                "activity-service");
        ACTIVITY.server().verify(3, requestedFor("GET", urlEqualTo("/api/activities/flaky")));

        unavailable(client.post().uri("/api/activities/flaky/complete").header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"quantity\":4}").exchange(), "activity-service");
        ACTIVITY.server().verify(1, requestedFor("POST", urlEqualTo("/api/activities/flaky/complete")));
    }

    @Test
    void passesAServiceErrorThatIsNotAnOutageThrough() {
        PLAN.server().stubFor(post(urlEqualTo("/api/plans/x/issue")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":422,\"code\":\"plan-incomplete\"}")));
        client.post().uri("/api/plans/x/issue").header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("plan-incomplete");
    }

    private static void unavailable(WebTestClient.ResponseSpec response, String service) {
        response.expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.code").isEqualTo("service-unavailable")
                .jsonPath("$.service").isEqualTo(service);
    }
}
