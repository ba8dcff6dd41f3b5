package vn.loa.messaging.it;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.Topics;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.messaging.outbox.MessagingProducer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InboxIT extends MessagingIntegrationTest {

    @Autowired
    EnvelopeCodec codec;
    @Autowired
    MessagingProducer producer;

    @Test
    void aDuplicateDeliveryHasOneEffect() throws Exception {
        String key = UUID.randomUUID().toString();
        EventEnvelope<ThingHappened> event = codec.wrap(key, ThingHappened.ok(key, "Xã Tùng Châu"), null);
        String json = codec.write(event);

        send(key, json, event.id());
        send(key, json, event.id());
        UUID marker = things.create(key, "marker after the duplicates");

        // The marker comes after both copies on the same partition: once it is applied, so were they.
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> effectsOf(marker) == 1);
        assertThat(observer.withEventId(event.id())).hasSize(2);
        assertThat(effectsOf(event.id())).isEqualTo(1);
        assertThat(listener.attempts.get(event.id())).hasValue(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where consumer = ? and event_id = ?",
                Integer.class, ThingListener.CONSUMER, event.id())).isEqualTo(1);
    }

    @Test
    void theHandlerRunsWithTheEventIdTypeAndTraceInTheMdc() throws Exception {
        String key = UUID.randomUUID().toString();
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        EventEnvelope<ThingHappened> event = codec.wrap(key, ThingHappened.ok(key, "traced"), traceparent);

        send(key, codec.write(event), event.id());

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> effectsOf(event.id()) == 1);
        assertThat(listener.mdc.get(event.id()))
                .containsEntry("eventId", event.id().toString())
                .containsEntry("eventType", "thing-happened")
                .containsEntry("traceparent", traceparent)
                .containsEntry("traceId", "0af7651916cd43dd8448eb211c80319c");
    }

    private void send(String key, String json, UUID eventId) throws Exception {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.PLAN_EVENTS, key, json);
        record.headers().add(new RecordHeader("ce_id", eventId.toString().getBytes(StandardCharsets.UTF_8)));
        producer.template().send(record).get();
    }
}
