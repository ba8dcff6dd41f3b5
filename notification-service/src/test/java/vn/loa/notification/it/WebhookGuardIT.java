package vn.loa.notification.it;

import org.junit.jupiter.api.Test;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.loa.notification.TestEvents.activity;

/**
 * The SSRF guard at send time. A subscription's host name is made to resolve, later, to a refused
 * address by the tests' resolver: the sends are refused before any connection is opened (nothing is
 * ever sent to the refused address), and the connection goes to the very address that was checked.
 */
class WebhookGuardIT extends NotificationIT {

    static final String OPERATOR = TestTokens.bearer("operator", "OPERATOR", "ha-tinh");

    @Test
    void aNameThatNowResolvesToAPrivateAddressIsRefusedAtEverySend() throws Exception {
        String commune = unique("vu-quang");
        String host = commune + ".hooks.loa.test";
        String hook = "/hooks/" + commune;
        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(204)));
        HOSTS.answer(host, "127.0.0.1");
        subscribe(commune, "http://" + host + ":" + RECEIVER.port() + hook);

        HOSTS.answer(host, "10.0.0.5"); // the name now points into the private network
        UUID event = schedule(commune);

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "DEAD".equals(statusOf(event)));
        List<String> errors = jdbc.sql("""
                        select a.error from delivery_attempt a join delivery d on d.id = a.delivery_id
                        where d.event_id = :e order by a.attempt""")
                .param("e", event).query(String.class).list();
        assertThat(errors).hasSize(4).allSatisfy(e -> assertThat(e).contains("private address (10.0.0.5)"));
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(hook)))).isEmpty();

        // Back on an allowed address, an operator's retry goes through: to the address just checked.
        HOSTS.answer(host, "127.0.0.1");
        retry(event);
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(statusOf(event)));
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(hook)))).hasSize(1);
    }

    @Test
    void anAnswerThatChangesBetweenTheCheckAndTheConnectIsRefused() throws Exception {
        String commune = unique("huong-son");
        String host = commune + ".hooks.loa.test";
        String hook = "/hooks/" + commune;
        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(204)));
        HOSTS.answer(host, "127.0.0.1");
        subscribe(commune, "http://" + host + ":" + RECEIVER.port() + hook);
        int before = HOSTS.lookups(host);

        // DNS rebinding: the check before the send sees loopback (allowed here), the connect would see the
        // cloud metadata address.
        HOSTS.answerThen(host, "127.0.0.1", "169.254.169.254");
        UUID event = schedule(commune);

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        select a.error from delivery_attempt a join delivery d on d.id = a.delivery_id
                        where d.event_id = :e and a.attempt = 1""")
                .param("e", event).query(String.class).optional().isPresent());
        String first = jdbc.sql("""
                        select a.error from delivery_attempt a join delivery d on d.id = a.delivery_id
                        where d.event_id = :e and a.attempt = 1""")
                .param("e", event).query(String.class).single();
        assertThat(first).contains("link-local").contains("169.254.169.254");
        // The check and the connect each looked the name up: the connect did not reuse an unchecked answer.
        assertThat(HOSTS.lookups(host) - before).isGreaterThanOrEqualTo(2);
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(hook)))).isEmpty();
    }

    private void retry(UUID event) throws Exception {
        UUID delivery = jdbc.sql("select id from delivery where event_id = :e").param("e", event)
                .query(UUID.class).single();
        String etag = mvc.perform(get("/api/deliveries/" + delivery).header("Authorization", OPERATOR))
                .andReturn().getResponse().getHeader("ETag");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/deliveries/" + delivery + "/retry").header("Authorization", OPERATOR)
                        .header("If-Match", etag))
                .andExpect(status().isOk());
    }

    private void subscribe(String commune, String target) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/subscriptions")
                        .header("Authorization", officerOf(commune)).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "WEBHOOK",
                                "target", target, "events", List.of("activity-scheduled")))))
                .andExpect(status().isCreated());
    }

    private UUID schedule(String commune) {
        UUID activityId = UUID.randomUUID();
        return publish(Topics.ACTIVITY_EVENTS, commune, "activity-scheduled", activityId.toString(),
                activity(activityId, UUID.randomUUID(), "15/KH-UBND", commune, List.of("ha-tinh", "ha-tinh-2", commune),
                        "noi-vu", List.of(), LocalDate.of(2022, 3, 31)));
    }

    private String statusOf(UUID event) {
        return jdbc.sql("select status from delivery where event_id = :e").param("e", event)
                .query(String.class).optional().orElse(null);
    }
}
