package vn.loa.messaging.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.GenericMessageListener;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.inbound.DatabaseUnavailable;
import vn.loa.messaging.inbound.TransientDatabaseError;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Replays a dead letter <b>in place</b>: the stored record is handed to the listener of this service that
 * dead-lettered it (the listener container of the dead letter's consumer group that listens to its topic), in
 * this process, in one transaction with marking the dead letter replayed. The listener's routes run the handler
 * inside the inbox ({@code Inbox.processOnce}), which joins that transaction: the event's id is recorded with its
 * effect, so an event that was applied already (a second replay, or a redelivery that got through meanwhile) is
 * skipped, and a replay whose handler fails changes nothing.
 * <p>
 * Nothing is written to Kafka. Re-publishing to the original topic, as replay did before, needs {@code Write} on a
 * topic another service owns, which the ACLs refuse (docs/runbook.md, "Kafka"), and showed the record again to every
 * other consumer group of the topic.
 */
public class DeadLetterReplayer {

    /** Header naming the dead letter a replayed record comes from (the handler can tell a replay by it). */
    public static final String REPLAY_OF_HEADER = "loa_replay_of";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);

    private final DeadLetterStore store;
    private final Supplier<ListenerContainerRegistry> listeners;
    private final TransactionTemplate transactions;

    public DeadLetterReplayer(DeadLetterStore store, Supplier<ListenerContainerRegistry> listeners,
                              PlatformTransactionManager transactionManager) {
        this.store = store;
        this.listeners = listeners;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** @return the dead letter as now stored (replayed), or empty if there is none with this id */
    public Optional<DeadLetter> replay(UUID id) {
        Optional<DeadLetter> found = store.find(id);
        if (found.isEmpty()) {
            return found;
        }
        DeadLetter letter = found.get();
        MessageListenerContainer container = listenerOf(letter);
        ConsumerRecord<String, String> record = record(letter);
        try {
            transactions.executeWithoutResult(status -> {
                // One replay of a dead letter at a time; a second one waits and finds the event in the inbox.
                store.lock(id);
                deliver(container, record);
                store.markReplayed(id);
            });
        } catch (RuntimeException e) {
            Throwable cause = e instanceof ListenerExecutionFailedException && e.getCause() != null ? e.getCause() : e;
            boolean transientFailure = DatabaseUnavailable.in(e) || TransientDatabaseError.in(e);
            log.warn("Replay of dead letter {} (event {}, {}) failed; it stays as it was: {}", id, letter.eventId(),
                    letter.eventType(), cause.toString());
            throw new ReplayFailedException("The handler of " + letter.topic() + " (group " + letter.consumerGroup()
                    + ") failed again on dead letter " + id + ": " + cause, cause, transientFailure);
        }
        log.info("Replayed dead letter {} (event {}, {}) in place: {}-{}@{} handed to group {}'s listener", id,
                letter.eventId(), letter.eventType(), letter.topic(), letter.partition(), letter.offset(),
                letter.consumerGroup());
        return store.find(id);
    }

    /** The listener container of the dead letter's group that listens to its topic, running. */
    private MessageListenerContainer listenerOf(DeadLetter letter) {
        ListenerContainerRegistry registry = listeners.get();
        List<MessageListenerContainer> candidates = new ArrayList<>();
        if (registry != null) {
            for (MessageListenerContainer container : registry.getAllListenerContainers()) {
                if (Objects.equals(container.getGroupId(), letter.consumerGroup()) && topics(container).contains(letter.topic())) {
                    candidates.add(container);
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new ReplayUnavailableException("No listener of group " + letter.consumerGroup() + " for "
                    + letter.topic() + " in this service: dead letter " + letter.id() + " cannot be replayed here");
        }
        if (candidates.size() > 1) {
            throw new ReplayUnavailableException(candidates.size() + " listeners of group " + letter.consumerGroup()
                    + " consume " + letter.topic() + ": replay cannot tell which one dead-lettered " + letter.id());
        }
        MessageListenerContainer container = candidates.get(0);
        if (!container.isRunning()) {
            // Stopped on purpose (reporting-service's projection rebuild stops its listeners): applying an event
            // beside what stopped them could be undone by it. Replay once it runs again.
            throw new ReplayUnavailableException("The listener of group " + letter.consumerGroup() + " for "
                    + letter.topic() + " is stopped: replay dead letter " + letter.id() + " once it runs again");
        }
        return container;
    }

    private static List<String> topics(MessageListenerContainer container) {
        ContainerProperties properties = container.getContainerProperties();
        List<String> topics = new ArrayList<>();
        if (properties.getTopics() != null) {
            topics.addAll(Arrays.asList(properties.getTopics()));
        }
        if (properties.getTopicPartitions() != null) {
            for (TopicPartitionOffset partition : properties.getTopicPartitions()) {
                topics.add(partition.getTopic());
            }
        }
        return topics;
    }

    /** The record as the consumer saw it: topic, partition, offset, key, value, and the event's id and type. */
    private static ConsumerRecord<String, String> record(DeadLetter letter) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(letter.topic(), letter.partition(), letter.offset(),
                letter.key(), letter.payload());
        if (letter.eventId() != null) {
            record.headers().add(new RecordHeader("ce_id", letter.eventId().getBytes(StandardCharsets.UTF_8)));
        }
        if (letter.eventType() != null) {
            record.headers().add(new RecordHeader("ce_type", letter.eventType().getBytes(StandardCharsets.UTF_8)));
        }
        record.headers().add(new RecordHeader(REPLAY_OF_HEADER, letter.id().toString().getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** Calls the container's listener (the {@code @KafkaListener} method's adapter) as the container would. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void deliver(MessageListenerContainer container, ConsumerRecord<String, String> record) {
        Object listener = container.getContainerProperties().getMessageListener();
        if (listener instanceof BatchMessageListener batch) {
            batch.onMessage(List.of(record), null, null);
        } else if (listener instanceof GenericMessageListener single) {
            single.onMessage(record, null, null);
        } else {
            throw new ReplayUnavailableException("The listener of " + record.topic() + " is a "
                    + (listener == null ? "null" : listener.getClass().getName()) + ", which replay cannot call");
        }
    }

    /** The handler failed again; nothing of the replay was kept and the dead letter stays as it was. */
    public static class ReplayFailedException extends RuntimeException {

        private final boolean transientFailure;

        ReplayFailedException(String message, Throwable cause, boolean transientFailure) {
            super(message, cause);
            this.transientFailure = transientFailure;
        }

        /** The consumer's database was unreachable or had a transient error: the same replay may work soon. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    /** No running listener of this service can take the dead letter (none, several, or stopped). */
    public static class ReplayUnavailableException extends RuntimeException {
        ReplayUnavailableException(String message) {
            super(message);
        }
    }
}
