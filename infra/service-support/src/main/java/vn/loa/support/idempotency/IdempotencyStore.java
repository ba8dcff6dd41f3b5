package vn.loa.support.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;
import java.util.Optional;

/**
 * The stored first answers, in the service's own database ({@code idempotency_record}). Each
 * statement commits on its own: the record must outlive the request's transaction.
 */
public class IdempotencyStore {

    record StoredResponse(String requestHash, Integer status, String contentType, String location, String etag,
            byte[] body) {
    }

    private final JdbcTemplate jdbc;
    private final Duration retention;

    public IdempotencyStore(JdbcTemplate jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /** @return true if this request holds the key now (first use). */
    boolean claim(String principal, String key, String path, String requestHash) {
        return jdbc.update("""
                insert into idempotency_record (principal, idem_key, path, request_hash)
                values (?, ?, ?, ?) on conflict do nothing""", principal, key, path, requestHash) == 1;
    }

    Optional<StoredResponse> find(String principal, String key) {
        return jdbc.query("""
                select request_hash, status, content_type, location, etag, body
                from idempotency_record where principal = ? and idem_key = ?""",
                (rs, i) -> new StoredResponse(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBytes(6)),
                principal, key).stream().findFirst();
    }

    void complete(String principal, String key, int status, String contentType, String location, String etag,
            byte[] body) {
        jdbc.update("""
                update idempotency_record set status = ?, content_type = ?, location = ?, etag = ?, body = ?
                where principal = ? and idem_key = ?""", status, contentType, location, etag, body, principal, key);
    }

    void release(String principal, String key) {
        jdbc.update("delete from idempotency_record where principal = ? and idem_key = ? and status is null",
                principal, key);
    }

    @Scheduled(fixedDelayString = "${loa.idempotency.purge-interval:PT1H}")
    public void purgeExpired() {
        jdbc.update("delete from idempotency_record where created_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
    }
}
