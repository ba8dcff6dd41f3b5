package vn.loa.notification.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;
import java.util.UUID;

/**
 * A circuit breaker per subscription, so that one subscriber's failing target (a dead URL, an
 * address the mail server refuses) stops only that subscriber's calls, never anyone else's — there
 * is no shared breaker, not even one for all mail. The breakers live in a bounded cache (least
 * recently used dropped, idle ones after an hour): dropping one only forgets its failures. They are
 * not in a registry and carry no metrics tags, so no URL or address reaches the metrics.
 */
final class TargetBreakers {

    private final CircuitBreakerConfig config;
    private final Cache<UUID, CircuitBreaker> breakers;
    private final Duration openWait;

    TargetBreakers(DeliveryProperties p) {
        this.config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(p.slidingWindowSize())
                .minimumNumberOfCalls(p.minimumNumberOfCalls())
                .failureRateThreshold(p.failureRateThreshold())
                .waitDurationInOpenState(p.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(p.halfOpenCalls())
                .build();
        this.openWait = p.waitInOpenState();
        this.breakers = Caffeine.newBuilder()
                .maximumSize(p.breakerCacheSize())
                .expireAfterAccess(Duration.ofHours(1))
                .build();
    }

    CircuitBreaker of(UUID subscription) {
        return breakers.get(subscription, k -> CircuitBreaker.of("subscription-" + k, config));
    }

    /** How many breakers are open now (a metric without labels). */
    long open() {
        return breakers.asMap().values().stream()
                .filter(b -> b.getState() == CircuitBreaker.State.OPEN).count();
    }

    long size() {
        return breakers.estimatedSize();
    }

    /** Runs the cache's pending evictions now (they are otherwise done in the background). */
    void cleanUp() {
        breakers.cleanUp();
    }

    /** How long a delivery waits when its breaker is open (no attempt is spent). */
    Duration openWait() {
        return openWait;
    }
}
