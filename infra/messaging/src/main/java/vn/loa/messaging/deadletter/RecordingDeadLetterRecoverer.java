package vn.loa.messaging.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Publishes a failed record to {@code <topic>-dlt} (same partition) and then records it in
 * {@code dead_letter}, so that this service's operators can list and replay what it gave up on.
 */
public class RecordingDeadLetterRecoverer implements ConsumerAwareRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(RecordingDeadLetterRecoverer.class);
    private static final int MAX_MESSAGE = 4000;

    private final DeadLetterPublishingRecoverer publisher;
    private final DeadLetterStore store;
    private final JsonMapper mapper;
    private final String defaultGroup;
    private final MeterRegistry meters;

    public RecordingDeadLetterRecoverer(DeadLetterPublishingRecoverer publisher, DeadLetterStore store,
                                        JsonMapper mapper, String defaultGroup, MeterRegistry meters) {
        this.publisher = publisher;
        this.store = store;
        this.mapper = mapper;
        this.defaultGroup = defaultGroup;
        this.meters = meters;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        publisher.accept(record, consumer, exception);
        Throwable cause = exception instanceof ListenerExecutionFailedException && exception.getCause() != null
                ? exception.getCause() : exception;
        String payload = payload(record, exception);
        String eventId = header(record, "ce_id");
        String eventType = header(record, "ce_type");
        if (payload != null && (eventId == null || eventType == null)) {
            JsonNode attributes = attributes(payload);
            if (attributes != null) {
                eventId = eventId != null ? eventId : text(attributes, "id");
                eventType = eventType != null ? eventType : text(attributes, "type");
            }
        }
        String group = groupId(consumer);
        store.insert(new DeadLetter(UUID.randomUUID(), record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : String.valueOf(record.key()), eventId, eventType, payload,
                cause.getClass().getName(), truncate(cause.getMessage()), group, null, null));
        meters.counter("loa.messaging.dead.letters", "topic", record.topic()).increment();
        log.warn("Dead-lettered {}-{}@{} (event {}, {}) for group {}: {}", record.topic(), record.partition(),
                record.offset(), eventId, eventType, group, cause.toString());
    }

    private String groupId(Consumer<?, ?> consumer) {
        if (consumer != null) {
            try {
                String group = consumer.groupMetadata().groupId();
                if (group != null && !group.isBlank()) {
                    return group;
                }
            } catch (RuntimeException e) {
                // no group (manual assignment): fall back to the configured one
            }
        }
        return defaultGroup;
    }

    private static String payload(ConsumerRecord<?, ?> record, Exception exception) {
        Object value = record.value();
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value != null) {
            return value.toString();
        }
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof DeserializationException de && !de.isKey() && de.getData() != null) {
                return new String(de.getData(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private JsonNode attributes(String payload) {
        try {
            JsonNode node = mapper.readTree(payload);
            return node != null && node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asString() : null;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String truncate(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE);
    }
}
