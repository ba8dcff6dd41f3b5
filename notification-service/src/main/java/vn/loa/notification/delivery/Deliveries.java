package vn.loa.notification.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.notification.dispatch.Notice;
import vn.loa.notification.subscription.Subscription;
import vn.loa.notification.template.RenderedMessage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery table: what must be sent, to whom, and how far it got. Times are the database's
 * ({@code now()}), so several instances agree on what is due.
 */
@Repository
public class Deliveries {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Deliveries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records a delivery for the subscription, with the exact webhook body. The unique key (event id,
     * recipient, channel, target) makes a redelivered event a no-op.
     *
     * @return false if this message was already recorded
     */
    public boolean enqueue(Notice notice, Subscription s, Map<String, Object> model, RenderedMessage message) {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", id.toString());
        body.put("eventId", notice.eventId().toString());
        body.put("eventType", notice.type());
        body.put("occurredAt", notice.occurredAt() == null ? null : notice.occurredAt().toString());
        body.put("orgUnit", s.orgUnit());
        body.put("unit", s.unit());
        body.put("language", s.language());
        body.put("subject", message.subject());
        body.put("text", message.body());
        body.put("data", plain(model));
        return jdbc.sql("""
                        insert into delivery (id, event_id, event_type, recipient, channel, target, subscription_id,
                                              org_unit_path, language, subject, body, payload, status, next_attempt_at)
                        values (:id, :eventId, :type, :recipient, :channel, :target, :subscriptionId, :path,
                                :language, :subject, :body, :payload, 'PENDING', now())
                        on conflict on constraint delivery_once do nothing
                        """)
                .param("id", id).param("eventId", notice.eventId()).param("type", notice.type())
                .param("recipient", s.recipientKey()).param("channel", s.channel().name())
                .param("target", s.target()).param("subscriptionId", s.id())
                .param("path", s.orgUnitPath().toArray(String[]::new)).param("language", s.language())
                .param("subject", message.subject()).param("body", message.body())
                .param("payload", json.writeValueAsString(body))
                .update() == 1;
    }

    /** Model values as JSON-friendly text (dates ISO, localized values in Vietnamese and English). */
    private static Map<String, Object> plain(Map<String, Object> model) {
        Map<String, Object> out = new LinkedHashMap<>();
        model.forEach((k, v) -> out.put(k, v instanceof TemporalAccessor || v instanceof LocalDate ? v.toString() : v));
        return out;
    }

    /**
     * Claims up to {@code limit} due deliveries (FOR UPDATE SKIP LOCKED, so instances never claim the
     * same row) by pushing their next attempt time past the lease.
     */
    List<Delivery> claimDue(int limit, Duration lease) {
        return jdbc.sql("""
                        with due as (
                            select id from delivery
                            where status in ('PENDING', 'FAILED') and next_attempt_at <= now()
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        update delivery d set next_attempt_at = now() + :leaseMs * interval '1 millisecond',
                                              updated_at = now()
                        from due where d.id = due.id
                        returning d.*
                        """)
                .param("limit", limit).param("leaseMs", lease.toMillis())
                .query(Deliveries::map).list();
    }

    // Each outcome updates the delivery and logs the attempt in one statement: one now() for both,
    // so the attempt log shows the back-off exactly.

    void markSent(UUID id, int attempt, long durationMs) {
        jdbc.sql("""
                        with d as (
                            update delivery set status = 'SENT', attempts = :attempt, sent_at = now(), last_error = null,
                                                updated_at = now()
                            where id = :id returning id)
                        insert into delivery_attempt (delivery_id, attempt, outcome, duration_ms)
                        select id, :attempt, 'SENT', :duration from d
                        """)
                .param("id", id).param("attempt", attempt).param("duration", durationMs).update();
    }

    void markFailed(UUID id, int attempt, String error, Duration retryIn, long durationMs) {
        jdbc.sql("""
                        with d as (
                            update delivery set status = 'FAILED', attempts = :attempt, last_error = :error,
                                next_attempt_at = now() + :retryMs * interval '1 millisecond', updated_at = now()
                            where id = :id and status <> 'SENT' returning id)
                        insert into delivery_attempt (delivery_id, attempt, outcome, error, duration_ms)
                        select id, :attempt, 'FAILED', :error, :duration from d
                        """)
                .param("id", id).param("attempt", attempt).param("error", truncate(error))
                .param("retryMs", retryIn.toMillis()).param("duration", durationMs).update();
    }

    void markDead(UUID id, int attempt, String error, long durationMs) {
        jdbc.sql("""
                        with d as (
                            update delivery set status = 'DEAD', attempts = :attempt, last_error = :error, updated_at = now()
                            where id = :id and status <> 'SENT' returning id)
                        insert into delivery_attempt (delivery_id, attempt, outcome, error, duration_ms)
                        select id, :attempt, 'FAILED', :error, :duration from d
                        """)
                .param("id", id).param("attempt", attempt).param("error", truncate(error))
                .param("duration", durationMs).update();
    }

    /** Puts a claimed delivery back without counting an attempt (circuit open, bulkhead full). */
    void defer(UUID id, Duration in, String reason) {
        jdbc.sql("""
                        update delivery set next_attempt_at = now() + :ms * interval '1 millisecond', last_error = :reason,
                                            updated_at = now()
                        where id = :id and status in ('PENDING', 'FAILED')
                        """)
                .param("id", id).param("ms", in.toMillis()).param("reason", reason).update();
    }

    /** An operator's retry: a fresh set of attempts, due now. */
    boolean retry(UUID id) {
        return jdbc.sql("""
                        update delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(), updated_at = now()
                        where id = :id and status in ('DEAD', 'FAILED')
                        """)
                .param("id", id).update() == 1;
    }

    Optional<Delivery> find(UUID id) {
        return jdbc.sql("select * from delivery where id = :id").param("id", id).query(Deliveries::map).optional();
    }

    List<Delivery> list(DeliveryStatus status, int offset, int limit) {
        return jdbc.sql("""
                        select * from delivery where (cast(:status as text) is null or status = cast(:status as text))
                        order by created_at desc, id limit :limit offset :offset
                        """)
                .param("status", status == null ? null : status.name()).param("limit", limit).param("offset", offset)
                .query(Deliveries::map).list();
    }

    long count(DeliveryStatus status) {
        return jdbc.sql("select count(*) from delivery where (cast(:status as text) is null or status = cast(:status as text))")
                .param("status", status == null ? null : status.name()).query(Long.class).single();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    static Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("event_type"), rs.getString("recipient"), rs.getString("channel"),
                rs.getString("target"), rs.getObject("subscription_id", UUID.class), rs.getString("language"),
                rs.getString("subject"), rs.getString("body"), rs.getString("payload"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class));
    }
}
