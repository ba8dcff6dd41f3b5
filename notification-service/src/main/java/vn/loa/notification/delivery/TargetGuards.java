package vn.loa.notification.delivery;

import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedThreadPoolBulkheadMetrics;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The Resilience4j pieces, one set per target (a webhook URL, or the SMTP server): a circuit breaker
 * that stops calling a target that keeps failing, and a thread-pool bulkhead so that a slow or dead
 * target only ever occupies its own threads. The retry policy (exponential back-off, maximum
 * attempts) is a Resilience4j {@link RetryConfig}; its waits are persisted in the delivery table as
 * the next attempt time rather than slept in memory, so a restart loses nothing.
 */
@Component
public class TargetGuards implements DisposableBean {

    private final CircuitBreakerRegistry circuitBreakers;
    private final ThreadPoolBulkheadRegistry bulkheads;
    private final RetryConfig retry;
    private final DeliveryProperties properties;

    TargetGuards(DeliveryProperties p, ObjectProvider<MeterRegistry> meters) {
        this.properties = p;
        this.circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(p.slidingWindowSize())
                .minimumNumberOfCalls(p.minimumNumberOfCalls())
                .failureRateThreshold(p.failureRateThreshold())
                .waitDurationInOpenState(p.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(p.halfOpenCalls())
                .build());
        this.bulkheads = ThreadPoolBulkheadRegistry.of(ThreadPoolBulkheadConfig.custom()
                .coreThreadPoolSize(p.threadsPerTarget())
                .maxThreadPoolSize(p.threadsPerTarget())
                .queueCapacity(p.queuePerTarget())
                .keepAliveDuration(Duration.ofMinutes(1))
                .build());
        this.retry = RetryConfig.custom()
                .maxAttempts(p.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(p.initialBackoff(), p.backoffMultiplier(),
                        p.maxBackoff()))
                .build();
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(registry);
            TaggedThreadPoolBulkheadMetrics.ofThreadPoolBulkheadRegistry(bulkheads).bindTo(registry);
        }
    }

    public CircuitBreaker circuitBreaker(String target) {
        return circuitBreakers.circuitBreaker(target);
    }

    ThreadPoolBulkhead bulkhead(String target) {
        return bulkheads.bulkhead(target);
    }

    int maxAttempts() {
        return retry.getMaxAttempts();
    }

    /** The wait before attempt {@code attemptsSoFar + 1}: initial × multiplier^(attempts − 1), capped. */
    Duration backoffAfter(int attemptsSoFar) {
        return Duration.ofMillis(retry.getIntervalBiFunction().apply(attemptsSoFar, null));
    }

    Duration openWait() {
        return properties.waitInOpenState();
    }

    @Override
    public void destroy() {
        bulkheads.getAllBulkheads().forEach(b -> {
            try {
                b.close();
            } catch (Exception ignored) {
                // shutting down
            }
        });
    }
}
