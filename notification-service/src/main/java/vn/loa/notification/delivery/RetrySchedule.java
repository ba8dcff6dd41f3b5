package vn.loa.notification.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * When the attempts of a delivery are made. By default Standard Webhooks' recommendation: at once,
 * then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each failure — 8 attempts over 27 h 35 min,
 * so a receiver that is down for a day still gets everything. Each wait is lengthened by a random
 * part of up to {@code jitter} of itself (never shortened: a receiver is not called before the
 * schedule), so the deliveries held up by an outage do not all return in the same second.
 */
final class RetrySchedule {

    private final List<Duration> waits;
    private final int maxAttempts;
    private final double jitter;
    private final Supplier<Random> random;

    RetrySchedule(List<Duration> waits, int maxAttempts, double jitter, Supplier<Random> random) {
        if (waits.isEmpty() || maxAttempts < 1 || jitter < 0) {
            throw new IllegalArgumentException("a retry schedule needs a first wait, at least one attempt and jitter >= 0");
        }
        this.waits = List.copyOf(waits);
        this.maxAttempts = maxAttempts;
        this.jitter = jitter;
        this.random = random;
    }

    static RetrySchedule of(DeliveryProperties p) {
        if (p.initialBackoff() != null) {
            int attempts = p.maxAttempts() != null ? p.maxAttempts() : 6;
            List<Duration> waits = new ArrayList<>();
            waits.add(Duration.ZERO);
            for (int n = 1; n < attempts; n++) {
                double ms = p.initialBackoff().toMillis() * Math.pow(p.backoffMultiplier(), n - 1);
                waits.add(Duration.ofMillis((long) Math.min(ms, p.maxBackoff().toMillis())));
            }
            return new RetrySchedule(waits, attempts, p.retryJitter(), ThreadLocalRandom::current);
        }
        int attempts = p.maxAttempts() != null ? p.maxAttempts() : p.retrySchedule().size();
        return new RetrySchedule(p.retrySchedule(), attempts, p.retryJitter(), ThreadLocalRandom::current);
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** When a new delivery is first due (the schedule's first entry, normally at once). */
    Duration firstAttempt() {
        return waits.get(0);
    }

    /** The wait after {@code failedAttempts} failed attempts, before the next one, jitter included. */
    Duration waitAfter(int failedAttempts) {
        Duration base = baseWaitAfter(failedAttempts);
        if (jitter == 0 || base.isZero()) {
            return base;
        }
        long extra = (long) (base.toMillis() * jitter * random.get().nextDouble());
        return base.plusMillis(extra);
    }

    Duration baseWaitAfter(int failedAttempts) {
        return waits.get(Math.min(Math.max(failedAttempts, 1), waits.size() - 1));
    }

    /** From the first attempt to the last, without jitter. */
    Duration span() {
        Duration total = Duration.ZERO;
        for (int n = 1; n < maxAttempts; n++) {
            total = total.plus(baseWaitAfter(n));
        }
        return total;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(waits.get(0).isZero() ? "at once" : "after " + human(waits.get(0)));
        for (int n = 1; n < maxAttempts; n++) {
            parts.add(human(baseWaitAfter(n)));
        }
        return maxAttempts + " attempts (" + String.join(", ", parts) + ") over " + human(span())
                + (jitter > 0 ? ", each wait up to " + Math.round(jitter * 100) + " % longer" : "");
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
