package vn.loa.notification.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One message to one subscription's target, and how far it got: PENDING (not tried yet), FAILED
 * (an attempt failed, the next is scheduled), SENT, DEAD (out of attempts, until an operator
 * retries it). Its id is the Standard Webhooks {@code webhook-id}: the same on every attempt, so a
 * receiver deduplicates on it. {@code version} is bumped by every change, the worker's claim
 * included, so an outcome written after someone else took the delivery over is refused.
 */
@Entity
@Table(name = "delivery")
// Only the columns an outcome changes: the body and payload are written once, by the insert.
@DynamicUpdate
public class Delivery {

    /** The longest error text kept (the column is text; an error page could be long). */
    static final int MAX_ERROR = 1000;

    @Id
    private UUID id;
    @Column(name = "event_id", nullable = false)
    private UUID eventId;
    @Column(name = "event_type", nullable = false)
    private String eventType;
    @Column(nullable = false)
    private String recipient;
    @Column(nullable = false)
    private String channel;
    @Column(nullable = false)
    private String target;
    @Column(name = "subscription_id")
    private UUID subscriptionId;
    @Column(nullable = false)
    private String language;
    @Column(nullable = false)
    private String subject;
    @Column(nullable = false)
    private String body;
    @Column(nullable = false)
    private String payload;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStatus status;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    private OffsetDateTime nextAttemptAt;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;
    @Column(name = "sent_at")
    private OffsetDateTime sentAt;
    @Version
    private Long version;

    protected Delivery() {
        // for JPA; deliveries are created by DeliveryQueue's idempotent insert
    }

    void sent(int attempt, OffsetDateTime now) {
        status = DeliveryStatus.SENT;
        attempts = attempt;
        sentAt = now;
        lastError = null;
        updatedAt = now;
    }

    void failed(int attempt, String error, Duration retryIn, OffsetDateTime now) {
        status = DeliveryStatus.FAILED;
        attempts = attempt;
        lastError = truncate(error);
        nextAttemptAt = now.plus(retryIn);
        updatedAt = now;
    }

    void dead(int attempt, String error, OffsetDateTime now) {
        status = DeliveryStatus.DEAD;
        attempts = attempt;
        lastError = truncate(error);
        updatedAt = now;
    }

    /** An operator's retry: a fresh set of attempts, due now. Only a DEAD or FAILED delivery may be retried. */
    boolean retry(OffsetDateTime now) {
        if (status != DeliveryStatus.DEAD && status != DeliveryStatus.FAILED) {
            return false;
        }
        status = DeliveryStatus.PENDING;
        attempts = 0;
        nextAttemptAt = now;
        updatedAt = now;
        return true;
    }

    boolean waiting() {
        return status == DeliveryStatus.PENDING || status == DeliveryStatus.FAILED;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }

    public UUID id() {
        return id;
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public String recipient() {
        return recipient;
    }

    public String channel() {
        return channel;
    }

    public String target() {
        return target;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    public String language() {
        return language;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public String payload() {
        return payload;
    }

    public DeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public OffsetDateTime nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime sentAt() {
        return sentAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
