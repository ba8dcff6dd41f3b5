package vn.loa.messaging.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The parked rows of this service's outbox, for operators: list them, and replay one once its cause is
 * fixed (a topic's or the producer's size limit raised, an ACL granted). A replay only makes the row
 * pending again: the relay sends it in its place (before the rows of its key that waited behind it),
 * or parks it again if the cause is still there.
 */
public class OutboxParking {

    private static final Logger log = LoggerFactory.getLogger(OutboxParking.class);

    private static final String COLUMNS = """
            o.id, o.seq, o.topic, o.record_key, o.event_type, o.subject, octet_length(o.payload) as payload_bytes,
            o.created_at, o.parked_at, o.park_reason, o.replayed_at,
            (select count(*) from outbox_event h where h.record_key = o.record_key and h.seq > o.seq
                and h.published_at is null and h.parked_at is null) as held_behind""";

    private static final RowMapper<ParkedEvent> MAPPER = (rs, i) -> new ParkedEvent(
            rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getString("topic"), rs.getString("record_key"),
            rs.getString("event_type"), rs.getString("subject"), rs.getLong("payload_bytes"),
            rs.getObject("created_at", OffsetDateTime.class), rs.getObject("parked_at", OffsetDateTime.class),
            rs.getString("park_reason"), rs.getObject("replayed_at", OffsetDateTime.class), rs.getLong("held_behind"));

    private final JdbcTemplate jdbc;

    public OutboxParking(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Parked rows, oldest first (the order the relay will send them in once replayed). */
    public List<ParkedEvent> page(int page, int size) {
        return jdbc.query("select " + COLUMNS + " from outbox_event o where o.parked_at is not null and o.published_at is null "
                + "order by o.seq limit ? offset ?", MAPPER, size, (long) page * size);
    }

    public long count() {
        Long count = jdbc.queryForObject(
                "select count(*) from outbox_event where parked_at is not null and published_at is null", Long.class);
        return count == null ? 0 : count;
    }

    public Optional<ParkedEvent> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from outbox_event o where o.id = ?", MAPPER, id).stream().findFirst();
    }

    /**
     * Makes a parked row pending again and wakes the relay.
     *
     * @return the row as now stored, or empty if no parked row has this id
     */
    public Optional<ParkedEvent> replay(UUID id) {
        int changed = jdbc.update("update outbox_event set parked_at = null, replayed_at = now() "
                + "where id = ? and parked_at is not null and published_at is null", id);
        if (changed == 0) {
            return Optional.empty();
        }
        jdbc.execute("select pg_notify('" + OutboxRelay.CHANNEL + "', '')");
        Optional<ParkedEvent> row = find(id);
        row.ifPresent(r -> log.info("Outbox row {} ({}, key {}) replayed by an operator: the relay sends it again, "
                + "then the {} row(s) of its key that waited", id, r.eventType(), r.key(), r.heldBehind()));
        return row;
    }

    /**
     * A parked row as operators see it (not its payload, which may be the very thing that is too large).
     *
     * @param payloadBytes the envelope's size in bytes (UTF-8)
     * @param parkedAt     null once replayed (the row is pending again)
     * @param reason       the producer's or broker's error
     * @param heldBehind   rows of the same key waiting behind it
     */
    public record ParkedEvent(UUID id, long seq, String topic, String key, String eventType, String subject,
                              long payloadBytes, OffsetDateTime createdAt, OffsetDateTime parkedAt, String reason,
                              OffsetDateTime replayedAt, long heldBehind) {
    }
}
