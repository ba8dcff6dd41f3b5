package vn.loa.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker and time limit shared by every route (each route has a breaker of its own,
 * named after its service).
 *
 * @param timeout              the whole call, retries included, must finish within this
 * @param slidingWindowSize    calls remembered to judge the failure rate
 * @param minimumNumberOfCalls calls needed before the breaker may open (not the library's 100)
 */
@ConfigurationProperties("loa.resilience")
record ResilienceProperties(
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("10") int slidingWindowSize,
        @DefaultValue("5") int minimumNumberOfCalls,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("10s") Duration waitInOpenState,
        @DefaultValue("3") int callsInHalfOpenState) {
}
