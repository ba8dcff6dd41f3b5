package vn.loa.gateway.limits;

/**
 * A token bucket: {@code capacity} requests at once, refilled at {@code refillPerSecond}.
 * Time is passed in (nanoseconds) so that the rule is tested without a clock.
 */
final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long last;

    TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** Takes one token; answers 0 when allowed, otherwise the nanoseconds until one is available. */
    synchronized long tryConsume(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(capacity, tokens + (nowNanos - last) * refillPerNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / refillPerNano);
    }

    synchronized int available() {
        return (int) tokens;
    }

    synchronized boolean isFull(long nowNanos) {
        return tokens + (nowNanos - last) * refillPerNano >= capacity;
    }
}
