package vn.loa.messaging.outbox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.EventPublisher;
import vn.loa.messaging.EventType;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.messaging.tracing.TraceContext;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes the event to {@code outbox_event} with the caller's connection, so that it commits or
 * rolls back with the change (Propagation.MANDATORY: without a transaction it fails). Any Spring
 * transaction that holds a connection of the same DataSource will do: a {@code JpaTransactionManager}
 * (whose JPA work and this insert share the connection) or a {@code DataSourceTransactionManager}.
 * The insert fires a {@code pg_notify} that wakes the relay after commit.
 */
public class OutboxEventPublisher implements EventPublisher {

    static final String INSERT = """
            insert into outbox_event (id, topic, record_key, event_type, subject, payload, traceparent)
            values (?, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EnvelopeCodec codec;
    private final TraceContext traceContext;

    public OutboxEventPublisher(DataSource dataSource, EnvelopeCodec codec, TraceContext traceContext) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.codec = codec;
        this.traceContext = traceContext;
    }

    @Override
    public UUID publish(String key, String subject, Object data) {
        Object[] row = row(key, subject, data);
        jdbc.update(INSERT, row);
        return (UUID) row[0];
    }

    /** One JDBC batch (multi-row inserts where the driver rewrites batches: {@code reWriteBatchedInserts}). */
    @Override
    public List<UUID> publishAll(List<Event> events) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (Event e : events) {
            rows.add(row(e.key(), e.subject(), e.data()));
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
        return rows.stream().map(r -> (UUID) r[0]).toList();
    }

    private Object[] row(String key, String subject, Object data) {
        Objects.requireNonNull(data, "data");
        EventType eventType = EnvelopeCodec.eventType(data.getClass());
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("EventPublisher.publish(" + eventType.value()
                    + ") needs the caller's transaction (Propagation.MANDATORY): the event must commit with the change");
        }
        if (!TransactionSynchronizationManager.hasResource(dataSource)) {
            // A transaction of another resource (another DataSource, a transaction manager that binds no
            // connection): the insert would run on a connection of its own and commit without the change.
            throw new IllegalTransactionStateException("EventPublisher.publish(" + eventType.value()
                    + ") needs a transaction on the outbox's DataSource (JpaTransactionManager or"
                    + " DataSourceTransactionManager of the same DataSource); the active one does not hold its connection");
        }
        EventEnvelope<Object> envelope = codec.wrap(subject, data, traceContext.currentTraceparent());
        return new Object[] {envelope.id(), eventType.topic(), key, envelope.type(), subject, codec.write(envelope),
                envelope.traceparent()};
    }
}
