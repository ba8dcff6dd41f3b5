package vn.loa.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The delivery worker's knobs ({@code loa.delivery.*}). Defaults suit the local stack; tests shorten
 * the back-off and the circuit breaker's wait.
 */
@ConfigurationProperties("loa.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        /* A claimed delivery is not picked again before this (covers a crash in the middle of a send). */
        @DefaultValue("5m") Duration lease,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("10s") Duration initialBackoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("30m") Duration maxBackoff,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("10") int slidingWindowSize,
        @DefaultValue("5") int minimumNumberOfCalls,
        @DefaultValue("30s") Duration waitInOpenState,
        @DefaultValue("2") int halfOpenCalls,
        /* Threads and queue of the bulkhead each target gets, so a slow target only slows itself. */
        @DefaultValue("2") int threadsPerTarget,
        @DefaultValue("200") int queuePerTarget,
        @DefaultValue("Loa <thong-bao@loa.local>") String mailFrom) {
}
