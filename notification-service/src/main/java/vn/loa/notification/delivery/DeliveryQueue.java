package vn.loa.notification.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.notification.notice.Notice;
import vn.loa.notification.subscription.Subscription;
import vn.loa.notification.template.RenderedMessage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The set-based side of deliveries, on JdbcClient: the idempotent insert of a new delivery, the
 * claim of due ones, and the attempt log. JPA has no {@code on conflict do nothing} (a duplicate
 * would fail the consumer's whole transaction) and no {@code for update skip locked} claim with
 * {@code returning}; the outcomes go through the {@link Delivery} entity.
 */
@Repository
public class DeliveryQueue {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** When a new delivery is first due: the retry schedule's first entry (at once by default). */
    private final Duration firstAttempt;

    DeliveryQueue(JdbcClient jdbc, JsonMapper json, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.firstAttempt = RetrySchedule.of(properties).firstAttempt();
    }

    /**
     * Records a delivery for the subscription, with the exact webhook body.
     * The unique key (event id, recipient, channel, target) makes a redelivered event a no-op, even
     * when two consumers race.
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
                                :language, :subject, :body, :payload, 'PENDING',
                                now() + :firstMs * interval '1 millisecond')
                        on conflict on constraint delivery_once do nothing
                        """)
                .param("id", id).param("eventId", notice.eventId()).param("type", notice.type())
                .param("recipient", s.recipientKey()).param("channel", s.channel().name())
                .param("target", s.target()).param("subscriptionId", s.id())
                .param("path", s.orgUnitPath().toArray(String[]::new)).param("language", s.language())
                .param("subject", message.subject()).param("body", message.body())
                .param("payload", json.writeValueAsString(body)).param("firstMs", firstAttempt.toMillis())
                .update() == 1;
    }

    /** Model values as JSON-friendly text (dates ISO, localized values in Vietnamese and English). */
    private static Map<String, Object> plain(Map<String, Object> model) {
        Map<String, Object> out = new LinkedHashMap<>();
        model.forEach((k, v) -> out.put(k, v instanceof TemporalAccessor || v instanceof LocalDate ? v.toString() : v));
        return out;
    }

    /**
     * Claims up to {@code limit} due deliveries for this instance: {@code FOR UPDATE SKIP LOCKED}, so
     * two replicas never claim the same row, and the next attempt time pushed past the lease, so no
     * other replica picks it up while this one is sending. The version is bumped: an outcome from a
     * holder whose lease ran out (and whose delivery was claimed again) no longer matches.
     */
    List<ClaimedDelivery> claimDue(int limit, Duration lease) {
        Instant claimedAt = Instant.now();
        return jdbc.sql("""
                        with due as (
                            select id from delivery
                            where status in ('PENDING', 'FAILED') and next_attempt_at <= now()
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        update delivery d set next_attempt_at = now() + :leaseMs * interval '1 millisecond',
                                              updated_at = now(), version = d.version + 1
                        from due where d.id = due.id
                        returning d.id, d.event_id, d.event_type, d.channel, d.target, d.subscription_id, d.subject,
                                  d.body, d.payload, d.attempts, d.version
                        """)
                .param("limit", limit).param("leaseMs", lease.toMillis())
                .query((rs, i) -> claimed(rs, claimedAt)).list();
    }

    /**
     * Puts claimed deliveries back without spending an attempt (their target's lane is full, their
     * breaker is open): due again after {@code in}. One statement for a whole batch; a row that changed
     * since its claim (its version moved on) is left alone.
     */
    void release(List<ClaimedDelivery> claimed, Duration in, String reason) {
        if (claimed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update delivery d set next_attempt_at = now() + :ms * interval '1 millisecond',
                                              last_error = :reason, updated_at = now(), version = d.version + 1
                        from unnest(cast(:ids as uuid[]), cast(:versions as bigint[])) as c(id, version)
                        where d.id = c.id and d.version = c.version and d.status in ('PENDING', 'FAILED')
                        """)
                .param("ms", in.toMillis()).param("reason", reason)
                .param("ids", claimed.stream().map(c -> c.id().toString()).toArray(String[]::new))
                .param("versions", claimed.stream().map(ClaimedDelivery::version).toArray(Long[]::new))
                .update();
    }

    /** One line of the attempt log, in the caller's transaction (the outcome's). */
    void logAttempt(UUID deliveryId, int attempt, String outcome, String error, long durationMs) {
        jdbc.sql("""
                        insert into delivery_attempt (delivery_id, attempt, outcome, error, duration_ms)
                        values (:id, :attempt, :outcome, :error, :duration)
                        """)
                .param("id", deliveryId).param("attempt", attempt).param("outcome", outcome)
                .param("error", error == null || error.length() <= Delivery.MAX_ERROR ? error
                        : error.substring(0, Delivery.MAX_ERROR))
                .param("duration", durationMs).update();
    }

    private static ClaimedDelivery claimed(ResultSet rs, Instant claimedAt) throws SQLException {
        return new ClaimedDelivery(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("event_type"), rs.getString("channel"), rs.getString("target"),
                rs.getObject("subscription_id", UUID.class), rs.getString("subject"), rs.getString("body"),
                rs.getString("payload"), rs.getInt("attempts"), rs.getLong("version"), claimedAt);
    }
}
