package vn.loa.notification.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Consumer;

/**
 * Writes what happened to a claimed delivery: through the {@link Delivery} entity, and only while the
 * claim is still the delivery's current version. If the lease ran out and another replica claimed it
 * again, or an operator retried it meanwhile, the outcome is dropped (the other holder records its
 * own). The attempt log line joins the same transaction.
 */
@Component
class DeliveryOutcomes {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutcomes.class);

    private final DeliveryRepository deliveries;
    private final DeliveryQueue queue;
    private final TransactionTemplate tx;
    /** Delivery times are real times (the injected Clock is the reminders' "today", which tests move). */
    private final Clock wallClock = Clock.systemUTC();

    DeliveryOutcomes(DeliveryRepository deliveries, DeliveryQueue queue, PlatformTransactionManager transactions) {
        this.deliveries = deliveries;
        this.queue = queue;
        this.tx = new TransactionTemplate(transactions);
    }

    boolean sent(ClaimedDelivery c, int attempt, long durationMs) {
        return apply(c, d -> {
            d.sent(attempt, now());
            queue.logAttempt(c.id(), attempt, "SENT", null, durationMs);
        });
    }

    boolean failed(ClaimedDelivery c, int attempt, String error, Duration retryIn, long durationMs) {
        return apply(c, d -> {
            d.failed(attempt, error, retryIn, now());
            queue.logAttempt(c.id(), attempt, "FAILED", error, durationMs);
        });
    }

    boolean dead(ClaimedDelivery c, int attempt, String error, long durationMs) {
        return apply(c, d -> {
            d.dead(attempt, error, now());
            queue.logAttempt(c.id(), attempt, "FAILED", error, durationMs);
        });
    }

    private boolean apply(ClaimedDelivery c, Consumer<Delivery> change) {
        try {
            Boolean applied = tx.execute(status -> {
                Delivery d = deliveries.findById(c.id()).orElse(null);
                if (d == null || d.version() != c.version()) {
                    return false;
                }
                change.accept(d);
                return true;
            });
            if (!Boolean.TRUE.equals(applied)) {
                log.info("Delivery {} changed since it was claimed (lease ran out, or an operator retried it): "
                        + "its outcome here is not recorded", c.id());
            }
            return Boolean.TRUE.equals(applied);
        } catch (OptimisticLockingFailureException e) {
            log.info("Delivery {} changed while its outcome was written: not recorded", c.id());
            return false;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(wallClock);
    }
}
