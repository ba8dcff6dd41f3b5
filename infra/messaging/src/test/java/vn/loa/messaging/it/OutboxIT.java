package vn.loa.messaging.it;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import vn.loa.messaging.EventPublisher;
import vn.loa.messaging.Topics;
import vn.loa.messaging.outbox.OutboxRelay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class OutboxIT extends MessagingIntegrationTest {

    @Autowired
    EventPublisher publisher;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MeterRegistry meters;

    @Test
    void anEventIsPublishedOnceAfterCommitWithItsHeadersAndVietnameseTextIntact() {
        String key = UUID.randomUUID().toString();
        UUID eventId = things.create(key, "Tuyên truyền cải cách hành chính – Xã Liên Minh");

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> observer.withEventId(eventId).size() == 1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> published(eventId));

        ConsumerRecord<String, String> record = observer.withEventId(eventId).get(0);
        assertThat(record.topic()).isEqualTo(Topics.PLAN_EVENTS);
        assertThat(record.key()).isEqualTo(key);
        assertThat(TopicObserver.header(record, "ce_type")).isEqualTo("thing-happened");
        assertThat(TopicObserver.header(record, "ce_source")).isEqualTo("/messaging-it");
        assertThat(TopicObserver.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(record.value())
                .contains("\"id\":\"" + eventId + "\"", "\"type\":\"thing-happened\"", "\"dataversion\":1",
                        "Tuyên truyền cải cách hành chính – Xã Liên Minh")
                .isEqualTo(jdbc.queryForObject("select payload from outbox_event where id = ?", String.class, eventId));
        // The consumer applied it once.
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> effectsOf(eventId) == 1);
        // Nothing more arrives for it.
        UUID marker = things.create(key, "marker");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> observer.withEventId(marker).size() == 1);
        assertThat(observer.withEventId(eventId)).hasSize(1);
    }

    @Test
    void anEventIsNeverPublishedAfterRollback() {
        String key = UUID.randomUUID().toString();
        UUID rolledBack = null;
        try {
            things.createThenFail(key, "rolled back");
        } catch (ThingService.RolledBack e) {
            rolledBack = e.eventId;
        }
        assertThat(rolledBack).isNotNull();
        // A later event of the same key is published, in order: once it arrived, the first would have too.
        UUID later = things.create(key, "committed");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> observer.withEventId(later).size() == 1);

        assertThat(observer.withEventId(rolledBack)).isEmpty();
        assertThat(outboxRows(rolledBack)).isZero();
        assertThat(effectsOf(rolledBack)).isZero();
    }

    @Test
    void publishingWithoutTransactionFailsLoudly() {
        assertThatThrownBy(() -> publisher.publish("k", "s", ThingHappened.ok("t", "no transaction")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void oneKeysEventsArriveInTheOrderTheyWereCommitted() {
        String key = UUID.randomUUID().toString();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(things.create(key, "thing " + i));
        }

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> observer.withEventId(ids.get(29)).size() == 1);

        List<String> arrived = observer.records.stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> TopicObserver.header(r, "ce_id"))
                .toList();
        assertThat(arrived).containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
    }

    @Test
    void eventsPublishedInOneBatchArriveOnceEachInTheirOrderAndWithTheChange() {
        String key = UUID.randomUUID().toString();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            names.add("Chuyên mục " + i);
        }
        List<UUID> ids = things.createAll(key, names);

        assertThat(ids).hasSize(250).doesNotHaveDuplicates();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> observer.withEventId(ids.get(249)).size() == 1);
        List<String> arrived = observer.records.stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> TopicObserver.header(r, "ce_id"))
                .toList();
        assertThat(arrived).containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> effectsOf(ids.get(249)) == 1);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where id = any(?) and published_at is not null",
                Long.class, (Object) ids.toArray(UUID[]::new))).isEqualTo(250);
    }

    @Test
    void aBatchWithoutTransactionFailsLoudly() {
        assertThatThrownBy(() -> publisher.publishAll(List.of(new EventPublisher.Event("k", "s",
                ThingHappened.ok("t", "no transaction"))))).isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void publishedRowsAreDeletedAfterTheRetentionAndPendingOnesNever() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID pendingForLong = UUID.randomUUID();
        insertRow(old, "now() - interval '8 days'", "now() - interval '8 days'");
        insertRow(recent, "now() - interval '8 days'", "now() - interval '1 day'");
        // Not really pending (the relay would publish it): a row the relay is not allowed to delete.
        relay.stop();
        try {
            insertRow(pendingForLong, "now() - interval '30 days'", "null");

            assertThat(relay.cleanup()).isGreaterThanOrEqualTo(1);

            assertThat(outboxRows(old)).isZero();
            assertThat(outboxRows(recent)).isEqualTo(1);
            assertThat(outboxRows(pendingForLong)).isEqualTo(1);
        } finally {
            jdbc.update("delete from outbox_event where id = ?", pendingForLong);
            relay.start();
        }
    }

    @Test
    void theRelayCountsWhatItPublishes() {
        UUID eventId = things.create(UUID.randomUUID().toString(), "counted");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> published(eventId));

        assertThat(meters.get("loa.outbox.published").tag("topic", Topics.PLAN_EVENTS).counter().count()).isPositive();
        assertThat(meters.get("loa.outbox.send.latency").timer().count()).isPositive();
        assertThat(meters.get("loa.outbox.pending").gauge()).isNotNull();
    }

    private void insertRow(UUID id, String createdAt, String publishedAt) {
        jdbc.update("insert into outbox_event (id, topic, record_key, event_type, payload, created_at, published_at) "
                + "values (?, 'loa.plan.events', 'k', 'thing-happened', '{}', " + createdAt + ", " + publishedAt + ")", id);
    }
}
