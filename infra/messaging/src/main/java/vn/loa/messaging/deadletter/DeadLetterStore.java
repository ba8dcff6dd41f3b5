package vn.loa.messaging.deadletter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code dead_letter} table: one row per record this service dead-lettered. */
public class DeadLetterStore {

    private static final String COLUMNS = """
            id, topic, record_partition, record_offset, record_key, event_id, event_type, payload,
            exception_class, exception_message, consumer_group, created_at, replayed_at""";

    private static final RowMapper<DeadLetter> MAPPER = (rs, i) -> new DeadLetter(
            rs.getObject("id", UUID.class), rs.getString("topic"), rs.getInt("record_partition"),
            rs.getLong("record_offset"), rs.getString("record_key"), rs.getString("event_id"),
            rs.getString("event_type"), rs.getString("payload"), rs.getString("exception_class"),
            rs.getString("exception_message"), rs.getString("consumer_group"),
            rs.getObject("created_at", OffsetDateTime.class), rs.getObject("replayed_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public DeadLetterStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Records a dead letter; a record dead-lettered again by the same group (a retried recovery) is kept once. */
    public void insert(DeadLetter letter) {
        jdbc.update("""
                        insert into dead_letter (id, topic, record_partition, record_offset, record_key, event_id,
                            event_type, payload, exception_class, exception_message, consumer_group)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (consumer_group, topic, record_partition, record_offset) do nothing""",
                letter.id(), letter.topic(), letter.partition(), letter.offset(), letter.key(), letter.eventId(),
                letter.eventType(), letter.payload(), letter.exceptionClass(), letter.exceptionMessage(),
                letter.consumerGroup());
    }

    /** Newest first. */
    public List<DeadLetter> page(int page, int size) {
        return jdbc.query("select " + COLUMNS + " from dead_letter order by created_at desc, id limit ? offset ?",
                MAPPER, size, (long) page * size);
    }

    public long count() {
        Long count = jdbc.queryForObject("select count(*) from dead_letter", Long.class);
        return count == null ? 0 : count;
    }

    /** Dead letters not replayed yet: what an operator still has to look at. */
    public long countNotReplayed() {
        Long count = jdbc.queryForObject("select count(*) from dead_letter where replayed_at is null", Long.class);
        return count == null ? 0 : count;
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from dead_letter where id = ?", MAPPER, id).stream().findFirst();
    }

    /** Locks the row until the transaction ends (one replay of a dead letter at a time). */
    public void lock(UUID id) {
        jdbc.query("select id from dead_letter where id = ? for update", (rs, i) -> rs.getObject(1), id);
    }

    public void markReplayed(UUID id) {
        jdbc.update("update dead_letter set replayed_at = now() where id = ?", id);
    }
}
