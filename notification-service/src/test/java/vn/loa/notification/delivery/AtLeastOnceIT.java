package vn.loa.notification.delivery;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.MediaType;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
import vn.loa.testsupport.Figures;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.loa.notification.TestEvents.activity;

/**
 * The delivery contract: at least once, never twice at the same time. A send whose recording fails
 * (as after a crash between the two) comes back with the same webhook-id when its lease runs out; one whose
 * recording the database did not take because it was away is recorded when it answers, and sent once; two
 * workers on one database (two replicas) never send the same delivery.
 */
class AtLeastOnceIT extends NotificationIT {


    @Autowired
    DeliveryQueue queue;
    @Autowired
    DeliveryOutcomes outcomes;
    @Autowired
    DeliveryProperties properties;
    @Autowired
    List<DeliverySender> senders;

    @Test
    void aSendWhoseRecordingFailsIsDeliveredAgainWithTheSameWebhookId() throws Exception {
        String commune = unique("an-loc");
        String hook = "/hooks/" + commune + "/crash";
        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(204)));
        UUID subscription = subscribe(commune, hook);
        // The "crash": the first time this subscription's delivery is marked SENT, the transaction fails.
        try (FirstSentWriteFails crash = new FirstSentWriteFails(subscription, "it_crash_",
                "'simulated crash between the send and recording it'")) {
            UUID event = schedule(commune);

            // After the lease (10 s here) the claim runs out and the delivery is sent a second time.
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(jdbc.sql(
                    "select status from delivery where event_id = :e").param("e", event).query(String.class).single()));
            UUID delivery = jdbc.sql("select id from delivery where event_id = :e").param("e", event)
                    .query(UUID.class).single();
            List<LoggedRequest> received = RECEIVER.findAll(postRequestedFor(urlEqualTo(hook)));
            assertThat(received).hasSize(2)
                    .allSatisfy(r -> assertThat(r.getHeader("webhook-id")).isEqualTo(delivery.toString()));
            // Both signed, each with its own timestamp: the receiver verifies both and keeps one (same id).
            assertThat(received).allSatisfy(r -> assertThat(r.getHeader("webhook-signature")).startsWith("v1,"));
            assertThat(jdbc.sql("select count(*) from delivery_attempt where delivery_id = :d and outcome = 'SENT'")
                    .param("d", delivery).query(Long.class).single()).isEqualTo(1);
            Figures.print("at-least-once: delivery %s received %d times with the same webhook-id",
                    delivery, received.size());
        }
    }

    @Test
    void anOutcomeTheDatabaseDidNotTakeIsWrittenWhenItAnswersAndTheReceiverGetsTheDeliveryOnce() throws Exception {
        String commune = unique("an-phu");
        String hook = "/hooks/" + commune + "/outage";
        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(204)));
        UUID subscription = subscribe(commune, hook);
        // The outage, as the service sees it: the first write of SENT gets a connection failure (SQLSTATE 08006,
        // what a lost connection gives), as if PostgreSQL went away between the send and its record; then it answers.
        try (FirstSentWriteFails outage = new FirstSentWriteFails(subscription, "it_outage_",
                "'connection lost (simulated outage)' using errcode = '08006'")) {
            UUID event = schedule(commune);

            // Written once the database answers: the next poll, well within the lease (10 s here), not after it.
            await().ignoreExceptions().atMost(Duration.ofSeconds(8)).until(() -> "SENT".equals(jdbc.sql(
                    "select status from delivery where event_id = :e").param("e", event).query(String.class).single()));
            UUID delivery = jdbc.sql("select id from delivery where event_id = :e").param("e", event)
                    .query(UUID.class).single();
            assertThat(outage.writesTried()).as("the first write failed, a second one went through").isEqualTo(2);
            // Past the lease: nothing came back to be sent again.
            await().during(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(15))
                    .until(() -> RECEIVER.findAll(postRequestedFor(urlEqualTo(hook))).size() == 1);
            assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(hook))))
                    .singleElement().satisfies(r -> assertThat(r.getHeader("webhook-id")).isEqualTo(delivery.toString()));
            assertThat(jdbc.sql("select count(*) from delivery_attempt where delivery_id = :d and outcome = 'SENT'")
                    .param("d", delivery).query(Long.class).single()).isEqualTo(1);
        }
    }

    @Test
    void twoWorkersOnOneDatabaseNeverSendTheSameDelivery() throws Exception {
        String commune = unique("hai-replica");
        String hook = "/hooks/" + commune + "/both";
        // A little latency, so that the two workers' claims and sends overlap.
        RECEIVER.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(204).withFixedDelay(5)));
        UUID subscription = subscribe(commune, hook);
        int n = 200;
        jdbc.sql("""
                        insert into delivery (id, event_id, event_type, recipient, channel, target, subscription_id,
                                              org_unit_path, language, subject, body, payload, status, next_attempt_at)
                        select gen_random_uuid(), gen_random_uuid(), 'activity-scheduled', s.org_unit, 'WEBHOOK', s.target,
                               s.id, s.org_unit_path, 'vi', 'Hai bản sao', 'Thử hai bản sao', '{"eventType":"activity-scheduled"}',
                               'PENDING', now() + interval '1 hour'
                        from subscription s cross join generate_series(1, :n)
                        where s.id = :s""")
                .param("n", n).param("s", subscription).update();

        SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("meters", secondMeters));
        DeliveryWorker second = new DeliveryWorker(queue, outcomes, properties, senders,
                beans.getBeanProvider(MeterRegistry.class));
        AtomicBoolean stop = new AtomicBoolean();
        Thread replica = new Thread(() -> {
            while (!stop.get()) {
                second.poll();
                sleep(50);
            }
        }, "second-replica");
        replica.start();
        try {
            // Released ten at a time, so that either worker may claim each batch.
            for (int i = 0; i < n / 10; i++) {
                jdbc.sql("""
                                update delivery set next_attempt_at = now() where id in (
                                    select id from delivery where subscription_id = :s and status = 'PENDING'
                                    and next_attempt_at > now() + interval '10 minutes' limit 10)""")
                        .param("s", subscription).update();
                sleep(40);
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
                    "select count(*) from delivery where subscription_id = :s and status = 'SENT'")
                    .param("s", subscription).query(Long.class).single() == n);
        } finally {
            stop.set(true);
            replica.join(10_000);
            second.destroy();
        }
        Map<String, Long> perId = RECEIVER.findAll(postRequestedFor(urlEqualTo(hook))).stream()
                .collect(Collectors.groupingBy(r -> r.getHeader("webhook-id"), Collectors.counting()));
        double bySecond = secondMeters.find("loa.notification.deliveries").tag("outcome", "sent").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        Figures.print("two workers: %d deliveries, %d distinct webhook-ids received, %d received twice; "
                + "second worker sent %.0f, the application's %.0f", n, perId.size(),
                perId.values().stream().filter(c -> c > 1).count(), bySecond, n - bySecond);
        assertThat(perId).hasSize(n);
        assertThat(perId.values()).allMatch(c -> c == 1);
        assertThat(bySecond).as("both workers took part").isBetween(1.0, n - 1.0);
    }

    /**
     * A trigger that fails the first write of SENT for one subscription's deliveries with {@code raise exception
     * <what>}, then lets every write through: a sequence counts the writes, and it is not rolled back with the
     * transaction it failed. Dropped on close.
     */
    private final class FirstSentWriteFails implements AutoCloseable {

        private final String name;

        FirstSentWriteFails(UUID subscription, String prefix, String what) {
            this.name = prefix + subscription.toString().replace("-", "");
            jdbc.sql("create sequence " + name).update();
            jdbc.sql("""
                    create function %1$s() returns trigger language plpgsql as $f$
                    begin
                        if nextval('%1$s') = 1 then
                            raise exception %2$s;
                        end if;
                        return new;
                    end $f$""".formatted(name, what)).update();
            jdbc.sql("""
                    create trigger %1$s before update on delivery for each row
                    when (new.status = 'SENT' and new.subscription_id = '%2$s')
                    execute function %1$s()""".formatted(name, subscription)).update();
        }

        /** How many writes of SENT reached the trigger so far. */
        long writesTried() {
            return jdbc.sql("select last_value from " + name).query(Long.class).single();
        }

        @Override
        public void close() {
            jdbc.sql("drop trigger " + name + " on delivery").update();
            jdbc.sql("drop function " + name + "()").update();
            jdbc.sql("drop sequence " + name).update();
        }
    }

    private UUID subscribe(String commune, String hook) throws Exception {
        String created = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/subscriptions")
                        .header("Authorization", officerOf(commune)).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "WEBHOOK",
                                "target", RECEIVER.baseUrl() + hook, "events", List.of("activity-scheduled")))))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return UUID.fromString(json.readTree(created).get("id").asString());
    }

    private UUID schedule(String commune) {
        UUID activityId = UUID.randomUUID();
        return publish(Topics.ACTIVITY_EVENTS, commune, "activity-scheduled", activityId.toString(),
                activity(activityId, UUID.randomUUID(), "15/KH-UBND", commune, List.of("ha-tinh", "duc-tho", commune),
                        "noi-vu", List.of(), LocalDate.of(2022, 3, 31)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms); // the second replica's poll interval, not a wait for an effect
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
