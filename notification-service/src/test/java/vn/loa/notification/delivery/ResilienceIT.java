package vn.loa.notification.delivery;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.loa.notification.TestEvents.activity;

/** Retries by the schedule, DEAD and an operator's retry (If-Match), per-subscription breakers, bounded threads. */
class ResilienceIT extends NotificationIT {

    static final String OPERATOR = TestTokens.bearer("operator", "OPERATOR", "ha-tinh");

    @Autowired
    DeliveryWorker worker;

    /** A receiver on a server of its own: a hanging host does not share the healthy one's lane. */
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
    void aFailingTargetIsRetriedWithBackOffThenDeadThenRetriedByAnOperatorWithIfMatch() throws Exception {
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
        mvc.perform(retry(delivery).header("Authorization", TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", commune)))
                .andExpect(status().isForbidden());

        String etag = mvc.perform(get("/api/deliveries/" + delivery).header("Authorization", OPERATOR))
                .andExpect(status().isOk()).andExpect(header().exists("ETag"))
                .andReturn().getResponse().getHeader("ETag");
        // A change needs the version read: none is 428, another is 412.
        mvc.perform(retry(delivery).header("Authorization", OPERATOR))
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.code").value("precondition-required"));
        mvc.perform(retry(delivery).header("Authorization", OPERATOR).header("If-Match", "\"999\""))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.code").value("version-conflict"));

        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(200)));
        mvc.perform(retry(delivery).header("Authorization", OPERATOR).header("If-Match", etag))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));
        // The same ETag again: the delivery changed with the retry.
        mvc.perform(retry(delivery).header("Authorization", OPERATOR).header("If-Match", etag))
                .andExpect(status().isPreconditionFailed());

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(deliveryStatus(event)));
        String sentTag = mvc.perform(get("/api/deliveries/" + delivery).header("Authorization", OPERATOR))
                .andReturn().getResponse().getHeader("ETag");
        mvc.perform(retry(delivery).header("Authorization", OPERATOR).header("If-Match", sentTag))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("invalid-transition"));
    }

    @Test
    void aFailingSubscriptionOpensItsOwnBreakerOnlyWhichClosesWhenItRecovers() throws Exception {
        String flaky = "/hooks/" + commune + "/flaky";
        String healthy = "/hooks/" + commune + "/healthy";
        RECEIVER.stubFor(post(urlEqualTo(flaky)).willReturn(aResponse().withStatus(500)));
        RECEIVER.stubFor(post(urlEqualTo(healthy)).willReturn(aResponse().withStatus(204)));
        UUID failing = subscribe(flaky);
        UUID other = subscribe(healthy); // the same host and port: the same lane, not the same breaker
        List<UUID> events = List.of(schedule(), schedule(), schedule(), schedule(), schedule(), schedule());

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() ->
                worker.breaker(failing).getState() == CircuitBreaker.State.OPEN);
        // While open, its deliveries wait without calling the target ...
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        select count(*) from delivery where subscription_id = :s and last_error like 'circuit open%'""")
                .param("s", failing).query(Long.class).single() > 0);
        assertThat(worker.breaker(failing).getMetrics().getNumberOfNotPermittedCalls()).isPositive();
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(flaky))).size()).isLessThan(6 * 4);
        // ... and the other subscriber's are all sent, its breaker closed.
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                .allMatch(e -> "SENT".equals(statusOf(e, other))));
        assertThat(worker.breaker(other).getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        RECEIVER.stubFor(post(urlEqualTo(flaky)).willReturn(aResponse().withStatus(200)));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> events.stream()
                .allMatch(e -> "SENT".equals(statusOf(e, failing))));
        assertThat(worker.breaker(failing).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aDeadTargetDoesNotHoldUpTheOthers() throws Exception {
        String slow = "/hooks/" + commune + "/hanging";
        String fast = "/hooks/" + commune + "/fast";
        // The hanging receiver answers after 10 s; the request timeout is 3 s.
        HANGING.stubFor(post(urlEqualTo(slow)).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        RECEIVER.stubFor(post(urlEqualTo(fast)).willReturn(aResponse().withStatus(200)));
        UUID slowSubscription = subscribeTo(HANGING.baseUrl() + slow);
        UUID fastSubscription = subscribe(fast);
        List<UUID> events = List.of(schedule(), schedule(), schedule(), schedule(), schedule(), schedule());

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> events.stream().allMatch(e ->
                statusOf(e, slowSubscription) != null && statusOf(e, fastSubscription) != null));
        // The hanging host holds at most its lane's threads (loa.delivery.threads-per-target) of the shared
        // pool; the rest deliver (15 s leaves room for a busy machine, where even the fast receiver may need a retry).
        await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> events.stream().allMatch(e ->
                "SENT".equals(statusOf(e, fastSubscription))));
        assertThat(events.stream().filter(e -> "SENT".equals(statusOf(e, slowSubscription)))).isEmpty();
    }

    @Test
    void aStoredAddressThatIsNotOneAddressGoesDeadAtOnceAndStopsNobodysMail() throws Exception {
        // A row from before the strict check, with a list where one address belongs: never sent as two mails.
        UUID bad = subscribeMail("van-thu@" + commune + ".loa.test");
        jdbc.sql("update subscription set target = :t where id = :id").param("t", "a@b.vn,c@" + commune + ".loa.test")
                .param("id", bad).update();
        UUID good = subscribeMail("chu-tich@" + commune + ".loa.test");
        UUID event = schedule();

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() ->
                "DEAD".equals(statusOf(event, bad)) && "SENT".equals(statusOf(event, good)));
        assertThat(jdbc.sql("select attempts from delivery where event_id = :e and subscription_id = :s")
                .param("e", event).param("s", bad).query(Integer.class).single()).isEqualTo(1);
        assertThat(worker.breaker(bad).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder retry(UUID delivery) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/deliveries/" + delivery + "/retry");
    }

    private UUID subscribe(String hook) throws Exception {
        return subscribeTo(RECEIVER.baseUrl() + hook);
    }

    private UUID subscribeTo(String target) throws Exception {
        return create(Map.of("orgUnit", commune, "channel", "WEBHOOK", "target", target,
                "events", List.of("activity-scheduled")));
    }

    private UUID subscribeMail(String address) throws Exception {
        return create(Map.of("orgUnit", commune, "channel", "EMAIL", "target", address,
                "events", List.of("activity-scheduled")));
    }

    private UUID create(Map<String, Object> body) throws Exception {
        String created = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/subscriptions")
                        .header("Authorization", officerOf(commune))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(body)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return UUID.fromString(json.readTree(created).get("id").asString());
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

    private String statusOf(UUID event, UUID subscription) {
        return jdbc.sql("select status from delivery where event_id = :id and subscription_id = :s").param("id", event)
                .param("s", subscription).query(String.class).optional().orElse(null);
    }

    private UUID deliveryOf(UUID event) {
        return jdbc.sql("select id from delivery where event_id = :id").param("id", event).query(UUID.class).single();
    }
}
