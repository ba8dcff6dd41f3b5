package vn.loa.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The delivery worker's knobs ({@code loa.delivery.*}). The retry schedule is Standard Webhooks'
 * (README, "Retries"); tests shorten it with the exponential settings.
 */
@ConfigurationProperties("loa.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        /* A claimed delivery is not picked again before this (covers a crash in the middle of a send). */
        @DefaultValue("5m") Duration lease,
        /* When each attempt is made, from the first: the wait before it. Standard Webhooks' recommendation. */
        @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
        /* Each wait is lengthened by up to this fraction at random, so that retries after an outage spread out. */
        @DefaultValue("0.1") double retryJitter,
        /* How many attempts; unset: one per entry of the schedule (more repeats its last wait). */
        Integer maxAttempts,
        /* Set: exponential waits (initial × multiplier^(n−1), at most max-backoff) instead of the schedule. */
        Duration initialBackoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("30m") Duration maxBackoff,
        @DefaultValue("2s") Duration connectTimeout,
        /* The whole webhook call, answer included: a receiver that trickles its answer is cut off too. */
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("10") int slidingWindowSize,
        @DefaultValue("5") int minimumNumberOfCalls,
        @DefaultValue("30s") Duration waitInOpenState,
        @DefaultValue("2") int halfOpenCalls,
        /* Circuit breakers kept (one per subscription, least recently used dropped beyond this). */
        @DefaultValue("10000") int breakerCacheSize,
        /* All delivery threads of this instance, whatever the number of targets. */
        @DefaultValue("16") int threads,
        /* At most this many calls to one target host at a time, so a hanging host holds few threads. */
        @DefaultValue("2") int threadsPerTarget,
        /* Deliveries waiting for one target host's threads; beyond, they are put back for a second. */
        @DefaultValue("200") int queuePerTarget,
        /* Deliveries this instance holds (running and waiting): it claims no more than this. */
        @DefaultValue("2000") int maxQueued,
        @DefaultValue("Loa <thong-bao@loa.local>") String mailFrom) {
}
