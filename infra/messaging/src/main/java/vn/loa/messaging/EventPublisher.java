package vn.loa.messaging;

import java.util.List;
import java.util.UUID;

/**
 * Publishes an event through the transactional outbox: the event is written to the outbox table in
 * the caller's transaction (there must be one) and relayed to Kafka after commit. Nothing is sent if
 * the transaction rolls back.
 */
public interface EventPublisher {

    /**
     * @param key     the Kafka key: the aggregate whose events must stay in order (a plan's id for
     *                plan and activity events)
     * @param subject the CloudEvents subject: the object the event is about (e.g. the activity id)
     * @param data    a record annotated with {@link EventType}
     * @return the event id
     */
    UUID publish(String key, String subject, Object data);

    /**
     * Several events, in this order, as {@link #publish} would write them one by one, in one batched insert (a
     * CSV import's thousands of events in a few round trips instead of one each).
     *
     * @return the event ids, in the order of {@code events}
     */
    default List<UUID> publishAll(List<Event> events) {
        return events.stream().map(e -> publish(e.key(), e.subject(), e.data())).toList();
    }

    /** One event of {@link #publishAll}: the arguments of {@link #publish}. */
    record Event(String key, String subject, Object data) {
    }
}
