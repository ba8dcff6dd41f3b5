package vn.loa.notification.delivery;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Picks due deliveries (FOR UPDATE SKIP LOCKED, so several instances share the work) and hands each
 * to its target's bulkhead. There the target's circuit breaker decides whether to call at all; a
 * failure schedules the next attempt with exponential back-off, and the last failure makes the
 * delivery DEAD. Everything is written to the delivery table, so a restart resumes where it was.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration BULKHEAD_FULL_RETRY = Duration.ofSeconds(1);

    private final Deliveries deliveries;
    private final TargetGuards guards;
    private final DeliveryProperties properties;
    private final Map<String, DeliverySender> senders;
    /** Claimed deliveries in this instance's queues: a lease that runs out never doubles a send. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    /** loa.notification.deliveries{channel, outcome}: sent, failed (another attempt scheduled), dead. */
    private final MeterRegistry meters;

    DeliveryWorker(Deliveries deliveries, TargetGuards guards, DeliveryProperties properties,
                   List<DeliverySender> senders, ObjectProvider<MeterRegistry> meters) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.deliveries = deliveries;
        this.guards = guards;
        this.properties = properties;
        this.senders = senders.stream().collect(Collectors.toMap(DeliverySender::channel, Function.identity()));
    }

    @Scheduled(fixedDelayString = "${loa.delivery.poll-interval:200ms}", initialDelayString = "${loa.delivery.initial-delay:1s}")
    void poll() {
        if (!properties.workerEnabled()) {
            return;
        }
        try {
            List<Delivery> due;
            do {
                due = deliveries.claimDue(properties.batchSize(), properties.lease());
                due.forEach(this::dispatch);
            } while (due.size() == properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Delivery poll failed: {}", e.toString());
        }
    }

    private void dispatch(Delivery d) {
        DeliverySender sender = senders.get(d.channel());
        if (sender == null) {
            deliveries.markDead(d.id(), d.attempts() + 1, "unknown channel " + d.channel(), 0);
            return;
        }
        if (!inFlight.add(d.id())) {
            return;
        }
        String key = sender.guardKey(d);
        try {
            guards.bulkhead(key).submit(() -> {
                try {
                    attempt(d, sender, key);
                } finally {
                    inFlight.remove(d.id());
                }
                return null;
            });
        } catch (BulkheadFullException e) {
            inFlight.remove(d.id());
            deliveries.defer(d.id(), BULKHEAD_FULL_RETRY, "queue of " + key + " full");
        }
    }

    void attempt(Delivery d, DeliverySender sender, String key) {
        CircuitBreaker cb = guards.circuitBreaker(key);
        if (!cb.tryAcquirePermission()) {
            // Not an attempt: the target is known to be failing; try again when the breaker may let us.
            deliveries.defer(d.id(), guards.openWait(), "circuit open for " + key);
            return;
        }
        int attempt = d.attempts() + 1;
        long start = System.nanoTime();
        try {
            sender.send(d);
            long nanos = System.nanoTime() - start;
            cb.onSuccess(nanos, TimeUnit.NANOSECONDS);
            deliveries.markSent(d.id(), attempt, TimeUnit.NANOSECONDS.toMillis(nanos));
            count(d, "sent");
        } catch (Exception e) {
            long nanos = System.nanoTime() - start;
            cb.onError(nanos, TimeUnit.NANOSECONDS, e);
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
            if (attempt >= guards.maxAttempts()) {
                log.warn("Delivery {} to {} is DEAD after {} attempts: {}", d.id(), d.target(), attempt, error);
                deliveries.markDead(d.id(), attempt, error, ms);
                count(d, "dead");
            } else {
                Duration wait = guards.backoffAfter(attempt);
                log.info("Delivery {} to {} failed (attempt {}), next in {}: {}", d.id(), d.target(), attempt, wait, error);
                deliveries.markFailed(d.id(), attempt, error, wait, ms);
                count(d, "failed");
            }
        }
    }

    private void count(Delivery d, String outcome) {
        Counter.builder("loa.notification.deliveries")
                .description("Delivery attempts by outcome: sent, failed (retried later), dead (out of attempts)")
                .tag("channel", String.valueOf(d.channel())).tag("outcome", outcome)
                .register(meters).increment();
    }
}
