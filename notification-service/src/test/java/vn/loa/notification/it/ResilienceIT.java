package vn.loa.notification.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
import vn.loa.notification.delivery.TargetGuards;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.loa.notification.TestEvents.activity;

/** Retry with back-off, DEAD and an operator's retry, the circuit breaker, and the bulkhead. */
class ResilienceIT extends NotificationIT {

    static final String OPERATOR = TestTokens.bearer("operator", "OPERATOR", "ha-tinh");

    @Autowired
    TargetGuards guards;

    /** A receiver on a server of its own: a hanging host does not share the healthy one's threads. */
    static final WireMockServer HANGING = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        HANGING.start();
    }

    String commune;
    List<String> path;

    @BeforeEach
    void commune() {
        commune = unique("truong-son");
        path = List.of("ha-tinh", "duc-tho", commune);
    }

    @Test
    void aFailingTargetIsRetriedWithBackOffThenDeadThenRetriedByAnOperator() throws Exception {
        String hook = "/hooks/" + commune + "/failing";
        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(503)));
        subscribe(hook);
        UUID event = schedule();

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "DEAD".equals(deliveryStatus(event)));
        UUID delivery = deliveryOf(event);
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(hook)))).hasSize(4);
        List<Long> gaps = jdbc.sql("""
                        select (extract(epoch from at - lag(at) over (order by at)) * 1000)::bigint
                        from delivery_attempt where delivery_id = :id order by at""")
                .param("id", delivery).query(Long.class).list().stream().skip(1).toList();
        // Never before the back-off: at least 200 ms, 400 ms, 800 ms between attempts (the call and polling add to it)
        assertThat(gaps).hasSize(3);
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(200);
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(400);
        assertThat(gaps.get(2)).isGreaterThanOrEqualTo(800);

        mvc.perform(get("/api/deliveries?status=DEAD&size=200").header("Authorization", OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id", hasItem(delivery.toString())));
        mvc.perform(get("/api/deliveries?status=DEAD")
                        .header("Authorization", TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", commune)))
                .andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/deliveries/" + delivery + "/retry")
                        .header("Authorization", TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", commune)))
                .andExpect(status().isForbidden());

        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(200)));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/deliveries/" + delivery + "/retry").header("Authorization", OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(deliveryStatus(event)));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/deliveries/" + delivery + "/retry").header("Authorization", OPERATOR))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("invalid-transition"));
    }

    @Test
    void aTargetThatKeepsFailingOpensItsCircuitWhichClosesWhenItRecovers() throws Exception {
        String hook = "/hooks/" + commune + "/flaky";
        String target = RECEIVER.baseUrl() + hook;
        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(500)));
        subscribe(hook);
        List<UUID> events = List.of(schedule(), schedule(), schedule(), schedule(), schedule(), schedule());

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() ->
                guards.circuitBreaker(target).getState() == CircuitBreaker.State.OPEN);
        // While open, deliveries wait without calling the target.
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        select count(*) from delivery where target = :t and last_error like 'circuit open%'""")
                .param("t", target).query(Long.class).single() > 0);
        assertThat(guards.circuitBreaker(target).getMetrics().getNumberOfNotPermittedCalls()).isPositive();
        int callsWhileFailing = RECEIVER.findAll(postRequestedFor(urlEqualTo(hook))).size();
        assertThat(callsWhileFailing).isLessThan(6 * 4); // far fewer calls than attempts without a breaker

        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(200)));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> events.stream().allMatch(e -> "SENT".equals(deliveryStatus(e))));
        assertThat(guards.circuitBreaker(target).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aDeadTargetDoesNotHoldUpTheOthers() throws Exception {
        String slow = "/hooks/" + commune + "/hanging";
        String slowTarget = HANGING.baseUrl() + slow;
        String fast = "/hooks/" + commune + "/fast";
        // The hanging receiver answers after 10 s; the request timeout is 3 s.
        HANGING.stubFor(post(urlEqualTo(slow)).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        RECEIVER.stubFor(post(urlEqualTo(fast)).willReturn(aResponse().withStatus(200)));
        subscribeTo(slowTarget);
        subscribe(fast);
        List<UUID> events = List.of(schedule(), schedule(), schedule(), schedule(), schedule(), schedule());

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> events.stream().allMatch(e ->
                statusAt(e, slowTarget) != null && statusAt(e, RECEIVER.baseUrl() + fast) != null));
        // The hanging target's calls take 6 × 3 s and more on shared threads; on its own bulkhead it holds up
        // nobody (15 s leaves room for a busy machine, where even the fast receiver may need a retry).
        await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> events.stream().allMatch(e ->
                "SENT".equals(statusAt(e, RECEIVER.baseUrl() + fast))));
        assertThat(events.stream().filter(e -> "SENT".equals(statusAt(e, slowTarget)))).isEmpty();
    }

    private void subscribe(String hook) throws Exception {
        subscribeTo(RECEIVER.baseUrl() + hook);
    }

    private void subscribeTo(String target) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/subscriptions")
                        .header("Authorization", TestTokens.bearer("operator", "OPERATOR", "ha-tinh"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "WEBHOOK",
                                "target", target, "events", List.of("activity-scheduled"),
                                "secret", "a-secret-of-sixteen-or-more"))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.signed").value(true));
    }

    private UUID schedule() {
        UUID activityId = UUID.randomUUID();
        return publish(Topics.ACTIVITY_EVENTS, commune, "activity-scheduled", activityId.toString(),
                activity(activityId, UUID.randomUUID(), "15/KH-UBND", commune, path, "noi-vu", List.of(),
                        LocalDate.of(2022, 3, 31)));
    }

    private String deliveryStatus(UUID event) {
        return jdbc.sql("select status from delivery where event_id = :id").param("id", event)
                .query(String.class).optional().orElse(null);
    }

    private String statusAt(UUID event, String target) {
        return jdbc.sql("select status from delivery where event_id = :id and target = :t").param("id", event)
                .param("t", target).query(String.class).optional().orElse(null);
    }

    private UUID deliveryOf(UUID event) {
        return jdbc.sql("select id from delivery where event_id = :id").param("id", event).query(UUID.class).single();
    }
}
