package vn.loa.messaging.deadletter;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays a dead letter: sends its original payload with its original key to its original topic,
 * waits for Kafka's acknowledgement and marks it replayed. Every consumer group of the topic sees
 * the record again; those that processed the event already skip it by event id.
 */
public class DeadLetterReplayer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);

    private final DeadLetterStore store;
    private final KafkaTemplate<String, Object> kafka;
    private final Duration timeout;

    public DeadLetterReplayer(DeadLetterStore store, KafkaTemplate<String, Object> kafka, Duration timeout) {
        this.store = store;
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /** @return the dead letter as now stored, or empty if there is none with this id */
    public Optional<DeadLetter> replay(UUID id) {
        Optional<DeadLetter> found = store.find(id);
        if (found.isEmpty()) {
            return found;
        }
        DeadLetter letter = found.get();
        ProducerRecord<String, Object> record = new ProducerRecord<>(letter.topic(), letter.key(), letter.payload());
        if (letter.eventId() != null) {
            record.headers().add(new RecordHeader("ce_id", letter.eventId().getBytes(StandardCharsets.UTF_8)));
        }
        if (letter.eventType() != null) {
            record.headers().add(new RecordHeader("ce_type", letter.eventType().getBytes(StandardCharsets.UTF_8)));
        }
        record.headers().add(new RecordHeader("loa_replay_of", letter.id().toString().getBytes(StandardCharsets.UTF_8)));
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying dead letter " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReplayFailedException("Kafka did not accept the replay of dead letter " + id + ": "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
        store.markReplayed(id);
        log.info("Replayed dead letter {} (event {}, {}) to {}", id, letter.eventId(), letter.eventType(), letter.topic());
        return store.find(id);
    }

    /** Kafka did not take the replayed record; the dead letter stays as it was. */
    public static class ReplayFailedException extends RuntimeException {
        ReplayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
