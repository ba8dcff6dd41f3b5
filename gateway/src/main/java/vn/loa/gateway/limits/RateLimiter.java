package vn.loa.gateway.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets by key (a user, a client address). One gateway instance keeps its own
 * counts: behind N replicas a caller gets up to N times the rate, which is acceptable for a
 * guard against floods and password guessing (a shared store such as Redis would be needed for
 * exact global limits).
 */
final class RateLimiter {

    private static final int PRUNE_ABOVE = 50_000;

    private final LimitsProperties.Bucket policy;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(LimitsProperties.Bucket policy, LongSupplier nanoTime) {
        this.policy = policy;
        this.nanoTime = nanoTime;
    }

    /** 0 when the request may pass, otherwise how many nanoseconds the caller should wait. */
    long tryAcquire(String key) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) {
            // A full bucket holds no information: forget it.
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(policy.capacity(), policy.refillPerSecond(), now))
                .tryConsume(now);
    }

    int capacity() {
        return policy.capacity();
    }
}
