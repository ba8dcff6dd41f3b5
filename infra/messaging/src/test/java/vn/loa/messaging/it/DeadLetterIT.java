package vn.loa.messaging.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.InvalidEventException;
import vn.loa.messaging.Topics;
import vn.loa.messaging.UnknownDataVersionException;
import vn.loa.messaging.deadletter.DeadLetterReplayer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.concurrent.CountDownLatch;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.messaging.outbox.MessagingProducer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterIT extends MessagingIntegrationTest {

    @Autowired
    EnvelopeCodec codec;
    @Autowired
    MessagingProducer producer;
    @Autowired
    PlatformTransactionManager transactionManager;
    @LocalServerPort
    int port;

    private RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    @AfterEach
    void failAgain() {
        listener.failing.set(true);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndThePartitionKeepsMoving() throws Exception {
        String key = UUID.randomUUID().toString();
        String poison = "ceci n'est pas un événement " + key;
        producer.template().send(new ProducerRecord<>(Topics.PLAN_EVENTS, 1, key, poison)).get();
        EventEnvelope<ThingHappened> good = codec.wrap(key, ThingHappened.ok(key, "after the poison"), null);
        producer.template().send(new ProducerRecord<>(Topics.PLAN_EVENTS, 1, key, codec.write(good))).get();

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> effectsOf(good.id()) == 1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(poison) != null);

        ConsumerRecord<String, String> dlt = deadLettered(poison);
        assertThat(dlt.topic()).isEqualTo(Topics.PLAN_EVENTS + "-dlt");
        assertThat(dlt.partition()).isEqualTo(1);
        assertThat(dlt.key()).isEqualTo(key);
        Map<String, Object> row = jdbc.queryForMap("select * from dead_letter where payload = ?", poison);
        assertThat(row).containsEntry("topic", Topics.PLAN_EVENTS)
                .containsEntry("record_partition", 1)
                .containsEntry("record_key", key)
                .containsEntry("consumer_group", "messaging-it")
                .containsEntry("exception_class", InvalidEventException.class.getName());
    }

    @Test
    void aValidationErrorIsNotRetried() throws Exception {
        String key = UUID.randomUUID().toString();
        EventEnvelope<ThingHappened> invalid = codec.wrap(key, new ThingHappened(key, "invalid", "invalid"), null);
        send(key, invalid);

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> deadLetterRows(invalid.id()) == 1);
        assertThat(listener.attempts.get(invalid.id())).hasValue(1);
        assertThat(effectsOf(invalid.id())).isZero();
        assertThat(jdbc.queryForObject("select exception_class from dead_letter where event_id = ?", String.class,
                invalid.id().toString())).isEqualTo(IllegalArgumentException.class.getName());
    }

    @Test
    void aFailingEventIsRetriedThenDeadLetteredAndAReplayedDeadLetterIsProcessed() throws Exception {
        listener.failing.set(true);
        String key = UUID.randomUUID().toString();
        EventEnvelope<ThingHappened> event = codec.wrap(key, new ThingHappened(key, "Xã Trường Sơn", "fail-while-switched"), null);
        send(key, event);

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> deadLetterRows(event.id()) == 1);
        // 3 attempts, each rolled back with its JPA effect and its inbox row.
        assertThat(listener.attempts.get(event.id())).hasValue(3);
        assertThat(effectsOf(event.id())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class,
                event.id())).isZero();

        // The operator lists it ...
        JsonNode page = http().get().uri("/api/ops/dead-letters?page=0&size=200").retrieve().body(JsonNode.class);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(200);
        assertThat(page.get("total").asLong()).isPositive();
        JsonNode item = null;
        for (JsonNode candidate : page.get("items")) {
            if (event.id().toString().equals(candidate.get("eventId").asString())) {
                item = candidate;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("eventType").asString()).isEqualTo("thing-happened");
        assertThat(item.get("payload").asString()).contains("Xã Trường Sơn");
        assertThat(item.get("replayedAt").isNull()).isTrue();

        String id = item.get("id").asString();

        // A replay before the cause is fixed runs the handler again, in place, and keeps nothing: 409.
        int attemptsBefore = listener.attempts.get(event.id()).get();
        JsonNode stillFailing = http().post().uri("/api/ops/dead-letters/{id}/replay", id)
                .exchange((request, response) -> {
                    assertThat(response.getStatusCode().value()).isEqualTo(409);
                    return response.bodyTo(JsonNode.class);
                });
        assertThat(stillFailing.get("code").asString()).isEqualTo("replay-failed");
        assertThat(stillFailing.get("detail").asString()).contains("transient failure of " + event.id());
        assertThat(listener.attempts.get(event.id())).hasValue(attemptsBefore + 1);
        assertThat(effectsOf(event.id())).isZero();
        assertThat(inboxRows(event.id())).isZero();
        assertThat(jdbc.queryForObject("select replayed_at is null from dead_letter where id = ?::uuid", Boolean.class, id)).isTrue();

        // ... fixes the cause and replays it: this service's own listener handles the stored record, in place.
        listener.failing.set(false);
        JsonNode replayed = http().post().uri("/api/ops/dead-letters/{id}/replay", id).retrieve().body(JsonNode.class);
        assertThat(replayed.get("replayedAt").isNull()).isFalse();
        // Applied by the time the answer came: the effect and the inbox row committed with the replay.
        assertThat(effectsOf(event.id())).isEqualTo(1);
        assertThat(inboxRows(event.id())).isEqualTo(1);
        assertThat(listener.attempts.get(event.id())).hasValue(attemptsBefore + 2);

        // A second replay finds the event in the inbox: not applied twice, the handler not even called.
        http().post().uri("/api/ops/dead-letters/{id}/replay", id).retrieve().toBodilessEntity();
        assertThat(effectsOf(event.id())).isEqualTo(1);
        assertThat(listener.attempts.get(event.id())).hasValue(attemptsBefore + 2);

        // Nothing was written to the original topic (under the ACLs this service may not write it): a marker sent
        // after the replays to the same partition arrives, and the event's record is still the one first sent.
        EventEnvelope<ThingHappened> marker = codec.wrap(key, ThingHappened.ok(key, "sau khi phát lại"), null);
        send(key, marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> !observer.withEventId(marker.id()).isEmpty());
        assertThat(observer.withEventId(event.id())).hasSize(1)
                .allSatisfy(r -> assertThat(TopicObserver.header(r, DeadLetterReplayer.REPLAY_OF_HEADER)).isNull());
        assertThat(deadLetterRows(event.id())).isEqualTo(1);
        System.out.printf("DEAD LETTER REPLAY: in place, 1 failed replay kept nothing, applied %d, second replay skipped "
                + "by the inbox, records of the event on %s: %d%n", effectsOf(event.id()), Topics.PLAN_EVENTS,
                observer.withEventId(event.id()).size());
    }

    @Test
    void aDeadLetterNoListenerOfThisServiceConsumesCannotBeReplayedHere() {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into dead_letter (id, topic, record_partition, record_offset, record_key, event_id, event_type,
                    payload, exception_class, exception_message, consumer_group)
                values (?, ?, 0, 7, 'k', ?, 'thing-happened', '{}', 'java.lang.IllegalStateException', 'x', 'another-service')""",
                id, Topics.PLAN_EVENTS, UUID.randomUUID().toString());
        JsonNode problem = http().post().uri("/api/ops/dead-letters/{id}/replay", id)
                .exchange((request, response) -> {
                    assertThat(response.getStatusCode().value()).isEqualTo(409);
                    return response.bodyTo(JsonNode.class);
                });
        assertThat(problem.get("code").asString()).isEqualTo("replay-unavailable");
        assertThat(problem.get("detail").asString()).contains("another-service", Topics.PLAN_EVENTS);
        assertThat(jdbc.queryForObject("select replayed_at is null from dead_letter where id = ?", Boolean.class, id)).isTrue();
    }

    @Test
    void aTransientDatabaseErrorIsRetriedPastTheUsualAttemptsAndNeverDeadLettered() throws Exception {
        String key = UUID.randomUUID().toString();
        UUID thingId = UUID.randomUUID();
        jdbc.update("insert into thing (id, name) values (?, 'Nhà văn hóa thôn 3')", thingId);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        Thread holder = new Thread(() -> tx.executeWithoutResult(status -> {
            jdbc.queryForList("select id from thing where id = ? for update", thingId);
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "row-lock-holder");
        holder.start();
        assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        try {
            EventEnvelope<ThingHappened> event = codec.wrap(key, new ThingHappened(thingId.toString(), "khóa", "lock-the-thing"), null);
            send(key, event);
            // Far more than the 3 attempts after which any other failure goes to the dead-letter topic.
            await().atMost(Duration.ofSeconds(60)).until(() -> listener.attempts.getOrDefault(event.id(),
                    new java.util.concurrent.atomic.AtomicInteger()).get() >= 6);
            assertThat(deadLetterRows(event.id())).isZero();
            release.countDown();
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> effectsOf(event.id()) == 1);
            assertThat(deadLetterRows(event.id())).isZero();
            System.out.printf("TRANSIENT DB ERROR: 55P03 lock timeouts retried %d times, applied %d, dead-lettered %d%n",
                    listener.attempts.get(event.id()).get() - 1, effectsOf(event.id()), deadLetterRows(event.id()));
        } finally {
            release.countDown();
            holder.join(10_000);
        }
    }

    @Test
    void anEventInAnUnknownDataversionIsDeadLetteredWithThatReason() throws Exception {
        String key = UUID.randomUUID().toString();
        UUID id = UUID.randomUUID();
        String v2 = """
                {"specversion":"1.0","id":"%s","source":"/plan-service","type":"thing-happened","dataversion":2,
                 "data":{"thingId":"%s","label":"phiên bản mới"}}""".formatted(id, key);
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.PLAN_EVENTS, key, v2);
        record.headers().add(new RecordHeader("ce_id", id.toString().getBytes(StandardCharsets.UTF_8)));
        producer.template().send(record).get();

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> deadLetterRows(id) == 1);
        Map<String, Object> row = jdbc.queryForMap("select exception_class, exception_message from dead_letter where event_id = ?",
                id.toString());
        assertThat(row.get("exception_class")).isEqualTo(UnknownDataVersionException.class.getName());
        assertThat((String) row.get("exception_message")).contains("dataversion 2", "thing-effects");
        assertThat(listener.attempts.get(id)).isNull(); // never bound to the version-1 record
        assertThat(effectsOf(id)).isZero();
    }

    @Test
    void theOperatorEndpointsAnswerProblemsForBadPagingAndUnknownIds() {
        HttpStatusCode tooBig = http().get().uri("/api/ops/dead-letters?size=201")
                .exchange((request, response) -> response.getStatusCode());
        assertThat(tooBig.value()).isEqualTo(400);
        HttpStatusCode unknown = http().post().uri("/api/ops/dead-letters/{id}/replay", UUID.randomUUID())
                .exchange((request, response) -> response.getStatusCode());
        assertThat(unknown.value()).isEqualTo(404);
        // The parked outbox rows beside them answer the same way.
        assertThat(http().get().uri("/api/ops/outbox/parked?size=201")
                .exchange((request, response) -> response.getStatusCode()).value()).isEqualTo(400);
        assertThat(http().post().uri("/api/ops/outbox/parked/{id}/replay", UUID.randomUUID())
                .exchange((request, response) -> response.getStatusCode()).value()).isEqualTo(404);
        assertThat(http().get().uri("/api/ops/outbox/parked").retrieve().body(JsonNode.class).has("items")).isTrue();
    }

    private void send(String key, EventEnvelope<?> event) throws Exception {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.PLAN_EVENTS, key, codec.write(event));
        record.headers().add(new RecordHeader("ce_id", event.id().toString().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", event.type().getBytes(StandardCharsets.UTF_8)));
        producer.template().send(record).get();
    }

    private ConsumerRecord<String, String> deadLettered(String value) {
        return observer.deadLetters.stream().filter(r -> value.equals(r.value())).findFirst().orElse(null);
    }

    private int inboxRows(UUID eventId) {
        return jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class, eventId);
    }

    private int deadLetterRows(UUID eventId) {
        return jdbc.queryForObject("select count(*) from dead_letter where event_id = ?", Integer.class, eventId.toString());
    }
}
