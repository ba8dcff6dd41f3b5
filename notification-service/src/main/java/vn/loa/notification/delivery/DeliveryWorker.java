package vn.loa.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Claims due deliveries (every replica polls; {@code FOR UPDATE SKIP LOCKED} gives each row to one
 * of them) and hands each to the lane of its target on the shared, bounded delivery threads. There
 * the subscription's circuit breaker decides whether to call at all; a failure schedules the next
 * attempt by the retry schedule, and the last failure makes the delivery DEAD. Everything is written
 * to the delivery table, so a restart resumes where it was.
 * <p>
 * At least once: a crash (or a failed write) between a send and recording it leaves the delivery
 * claimed; when the lease runs out it is sent again, with the same {@code webhook-id}. An outcome the database
 * did not take because it was away is kept and written when it answers again ({@link UnrecordedOutcomes}), so a
 * database outage alone does not make a receiver get a delivery twice.
 */
@Component
class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration LANE_FULL_RETRY = Duration.ofSeconds(1);

    private final DeliveryQueue queue;
    private final DeliveryOutcomes outcomes;
    private final DeliveryProperties properties;
    private final Map<String, DeliverySender> senders;
    private final RetrySchedule schedule;
    private final TargetBreakers breakers;
    private final DeliveryLanes lanes;
    /** Claimed deliveries held by this instance: a lease that runs out while one waits never doubles it here. */
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final UnrecordedOutcomes unrecorded = new UnrecordedOutcomes();
    private final MeterRegistry meters;

    DeliveryWorker(DeliveryQueue queue, DeliveryOutcomes outcomes, DeliveryProperties properties,
                   List<DeliverySender> senders, ObjectProvider<MeterRegistry> meters) {
        this.queue = queue;
        this.outcomes = outcomes;
        this.properties = properties;
        this.senders = senders.stream().collect(Collectors.toMap(DeliverySender::channel, Function.identity()));
        this.schedule = RetrySchedule.of(properties);
        this.breakers = new TargetBreakers(properties);
        this.lanes = new DeliveryLanes(properties.threads(), properties.threadsPerTarget(), properties.queuePerTarget(),
                properties.maxQueued());
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        // Metrics without labels: no URL, no address, no subscription id (issue 15).
        Gauge.builder("loa.notification.delivery.threads.active", lanes, DeliveryLanes::activeThreads)
                .description("Delivery threads busy now (of loa.delivery.threads)").register(this.meters);
        Gauge.builder("loa.notification.delivery.held", lanes, DeliveryLanes::held)
                .description("Deliveries this instance holds, running or waiting for their target's lane")
                .register(this.meters);
        Gauge.builder("loa.notification.delivery.unrecorded", unrecorded, UnrecordedOutcomes::size)
                .description("Outcomes of attempts made but not yet written: the database did not answer")
                .register(this.meters);
        Gauge.builder("loa.notification.delivery.breakers.open", breakers, TargetBreakers::open)
                .description("Subscriptions whose circuit breaker is open").register(this.meters);
        log.info("Delivery retry schedule: {}; {} delivery threads, {} per target host", schedule,
                properties.threads(), properties.threadsPerTarget());
    }

    @Scheduled(fixedDelayString = "${loa.delivery.poll-interval:200ms}", initialDelayString = "${loa.delivery.initial-delay:1s}")
    void poll() {
        if (!properties.workerEnabled()) {
            return;
        }
        try {
            unrecorded.retry(Instant.now());
            int room;
            List<ClaimedDelivery> due;
            do {
                room = Math.min(properties.batchSize(), lanes.room());
                if (room <= 0) {
                    return; // everything held is still being worked on: claim nothing more
                }
                due = queue.claimDue(room, properties.lease());
                List<ClaimedDelivery> refused = new ArrayList<>();
                for (ClaimedDelivery d : due) {
                    if (!dispatch(d)) {
                        refused.add(d);
                    }
                }
                if (!refused.isEmpty()) {
                    // Their lanes are full: back in a second, no attempt spent, one statement for all of them;
                    // and no more claims until the next poll.
                    queue.release(refused, LANE_FULL_RETRY, "the target's queue is full");
                    return;
                }
            } while (due.size() == room);
        } catch (RuntimeException e) {
            log.warn("Delivery poll failed: {}", e.toString());
        }
    }

    /** @return false if the delivery's lane is full (the caller puts it back) */
    private boolean dispatch(ClaimedDelivery d) {
        DeliverySender sender = senders.get(d.channel());
        if (sender == null) {
            outcomes.dead(d, d.attempts() + 1, "unknown channel " + d.channel(), 0);
            return true;
        }
        if (!held.add(d.id())) {
            return true; // still held here from an earlier claim
        }
        if (!lanes.offer(sender.lane(d), () -> attempt(d, sender))) {
            held.remove(d.id());
            return false;
        }
        return true;
    }

    void attempt(ClaimedDelivery d, DeliverySender sender) {
        try {
            // Sent only while the claim holds: past half the lease another replica may claim it soon.
            if (Instant.now().isAfter(d.claimedAt().plus(properties.lease().dividedBy(2)))) {
                log.info("Delivery {} waited past half its lease: put back for the next claim", d.id());
                queue.release(List.of(d), Duration.ZERO, "waited too long in its target's queue");
                return;
            }
            CircuitBreaker breaker = breakers.of(d.breakerKey());
            if (!breaker.tryAcquirePermission()) {
                // Not an attempt: this subscription's target keeps failing; try when the breaker may let us.
                queue.release(List.of(d), breakers.openWait(), "circuit open for subscription " + d.subscriptionId());
                return;
            }
            send(d, sender, breaker);
        } catch (RuntimeException e) {
            // e.g. the database is down while recording: the lease brings the delivery back
            log.warn("Delivery {}: {}", d.id(), e.toString());
        } finally {
            held.remove(d.id());
        }
    }

    private void send(ClaimedDelivery d, DeliverySender sender, CircuitBreaker breaker) {
        int attempt = d.attempts() + 1;
        long start = System.nanoTime();
        try {
            sender.send(d);
        } catch (PermanentDeliveryFailure e) {
            breaker.releasePermission();
            log.warn("Delivery {} (subscription {}) is DEAD: {}", d.id(), d.subscriptionId(), e.getMessage());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            record(d, () -> outcomes.dead(d, attempt, e.getMessage(), ms));
            count(d, "dead");
            return;
        } catch (Exception e) {
            failed(d, attempt, breaker, e, System.nanoTime() - start);
            return;
        }
        long nanos = System.nanoTime() - start;
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        count(d, "sent");
        // Sent. If the database does not answer now, the outcome is kept and written when it does; after a crash
        // (or until then) the delivery stays claimed and comes back when the lease runs out, sent again with the
        // same webhook-id. At least once, never lost.
        record(d, () -> outcomes.sent(d, attempt, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    /** Writes an outcome, or keeps it for when the database answers again, as long as the claim's lease holds. */
    private void record(ClaimedDelivery d, BooleanSupplier write) {
        unrecorded.write(d.id(), d.claimedAt().plus(properties.lease()), write);
    }

    private void failed(ClaimedDelivery d, int attempt, CircuitBreaker breaker, Exception e, long nanos) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
        String error = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
        if (attempt >= schedule.maxAttempts()) {
            log.warn("Delivery {} (subscription {}) is DEAD after {} attempts: {}", d.id(), d.subscriptionId(),
                    attempt, error);
            record(d, () -> outcomes.dead(d, attempt, error, ms));
            count(d, "dead");
        } else {
            Duration wait = schedule.waitAfter(attempt);
            log.info("Delivery {} (subscription {}) failed (attempt {}), next in {}: {}", d.id(),
                    d.subscriptionId(), attempt, wait, error);
            record(d, () -> outcomes.failed(d, attempt, error, wait, ms));
            count(d, "failed");
        }
    }

    /** For tests and the gauge: outcomes waiting for the database. */
    int unrecorded() {
        return unrecorded.size();
    }

    /** For tests: the breaker of a subscription. */
    CircuitBreaker breaker(UUID subscription) {
        return breakers.of(subscription);
    }

    private void count(ClaimedDelivery d, String outcome) {
        Counter.builder("loa.notification.deliveries")
                .description("Delivery attempts by outcome: sent, failed (retried later), dead (out of attempts)")
                .tag("channel", String.valueOf(d.channel())).tag("outcome", outcome)
                .register(meters).increment();
    }

    @Override
    public void destroy() {
        lanes.close();
    }
}
