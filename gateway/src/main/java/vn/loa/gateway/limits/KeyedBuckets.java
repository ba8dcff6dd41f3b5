package vn.loa.gateway.limits;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * One Bucket4j token bucket per key (a user, an account, a client address), kept in a bounded
 * Caffeine cache: a bucket untouched for its whole refill time is full again and holds no
 * information, so it expires then; past {@code maxKeys} the least recently used go first.
 * <p>
 * The buckets are this instance's memory. What that means behind several gateway replicas is
 * written down in gateway/README.md ("Limits behind several replicas").
 */
public final class KeyedBuckets {

    private final Bandwidth bandwidth;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;
    private final long capacity;

    /**
     * @param capacity     requests (or failures) allowed at once
     * @param refillPeriod one more allowed after each such period
     */
    public KeyedBuckets(long capacity, Duration refillPeriod, long maxKeys, TimeMeter time) {
        this.capacity = capacity;
        this.bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(1, refillPeriod).build();
        this.time = time;
        Duration untilFull = refillPeriod.multipliedBy(capacity);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(untilFull)
                .ticker(time == TimeMeter.SYSTEM_NANOTIME ? Ticker.systemTicker() : time::currentTimeNanos)
                .build();
    }

    public KeyedBuckets(long capacity, Duration refillPeriod, long maxKeys) {
        this(capacity, refillPeriod, maxKeys, TimeMeter.SYSTEM_NANOTIME);
    }

    /** Takes one token: 0 when allowed, otherwise the nanoseconds until one is available. */
    public long tryConsume(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Without taking anything: 0 when a token is available now, otherwise the nanoseconds until one is. */
    public long waitNanos(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return 0;
        }
        return bucket.estimateAbilityToConsume(1).canBeConsumed() ? 0
                : Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    /** Takes one token even if none is left (a failure already happened; it must count). */
    public void consumeAnyway(String key) {
        bucket(key).consumeIgnoringRateLimits(1);
    }

    public long capacity() {
        return capacity;
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build());
    }
}
