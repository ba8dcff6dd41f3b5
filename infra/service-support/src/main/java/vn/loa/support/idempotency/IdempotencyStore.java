package vn.loa.support.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;
import java.util.Optional;

/**
 * The first answers to {@code Idempotency-Key} requests, in the service's own database
 * ({@code idempotency_record}). Every statement runs on the connection of the request's transaction
 * ({@link IdempotencyFilter}): the answer commits with the business change, or not at all.
 * <p>
 * "In progress" is not a row but a transaction-level advisory lock on the key: PostgreSQL releases it when
 * the transaction ends, whether it committed, rolled back, or its connection died with the process.
 */
public class IdempotencyStore {

    /** The advisory lock space of idempotency keys (two-int form, apart from single-bigint locks such as the outbox relay's). */
    static final int LOCK_SPACE = 0x49444D50; // "IDMP"

    record StoredResponse(String requestHash, Integer status, String contentType, String location, String etag,
            byte[] body) {
    }

    private final JdbcTemplate jdbc;
    private final Duration retention;

    public IdempotencyStore(JdbcTemplate jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /**
     * Takes the key for the current transaction, without waiting.
     *
     * @return false if another request with this key is running now
     */
    boolean tryLock(String principal, String key) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?, hashtext(?))", Boolean.class,
                LOCK_SPACE, principal + "\n" + key));
    }

    /**
     * Bounds how long the request's transaction may sit idle (the application paused, hung, or gone without its
     * connection being closed): past {@code lease} PostgreSQL ends the session, which rolls back and frees the key.
     */
    void lease(Duration lease) {
        jdbc.queryForObject("select set_config('idle_in_transaction_session_timeout', ?, true)", String.class,
                String.valueOf(lease.toMillis()));
    }

    /** The stored first answer (rows of the former filter without an answer are ignored). */
    Optional<StoredResponse> find(String principal, String key) {
        return jdbc.query("""
                select request_hash, status, content_type, location, etag, body
                from idempotency_record where principal = ? and idem_key = ? and status is not null""",
                (rs, i) -> new StoredResponse(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBytes(6)),
                principal, key).stream().findFirst();
    }

    /** Stores the first answer (replacing a row left without an answer by the former filter). */
    void save(String principal, String key, String path, String requestHash, int status, String contentType,
            String location, String etag, byte[] body) {
        jdbc.update("""
                insert into idempotency_record (principal, idem_key, path, request_hash, status, content_type, location, etag, body)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (principal, idem_key) do update set path = excluded.path, request_hash = excluded.request_hash,
                    status = excluded.status, content_type = excluded.content_type, location = excluded.location,
                    etag = excluded.etag, body = excluded.body, created_at = now()
                where idempotency_record.status is null""",
                principal, key, path, requestHash, status, contentType, location, etag, body);
    }

    @Scheduled(fixedDelayString = "${loa.idempotency.purge-interval:PT1H}")
    public void purgeExpired() {
        jdbc.update("delete from idempotency_record where created_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
    }
}
