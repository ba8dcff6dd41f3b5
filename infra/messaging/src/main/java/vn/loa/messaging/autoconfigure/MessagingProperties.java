package vn.loa.messaging.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code loa.messaging.*}: see infra/messaging/README.md.
 *
 * @param source      the CloudEvents {@code source} of this service's events; default {@code /<spring.application.name>}
 * @param outbox      the relay
 * @param consumer    retries before a record goes to {@code <topic>-dlt}
 * @param topics      the topics every service declares
 * @param deadLetters the operator endpoints
 */
@ConfigurationProperties("loa.messaging")
public record MessagingProperties(
        String source,
        @DefaultValue Outbox outbox,
        @DefaultValue Consumer consumer,
        @DefaultValue Topics topics,
        @DefaultValue DeadLetters deadLetters) {

    /**
     * @param relayEnabled    run the relay in this instance
     * @param batchSize       rows per relay transaction
     * @param pollInterval    longest wait between two looks at the outbox when no notification comes
     * @param listenNotify    wake the relay with PostgreSQL LISTEN/NOTIFY (else poll only)
     * @param sendTimeout     how long the relay waits for Kafka's acknowledgements of a batch
     *                        (also the producer's {@code delivery.timeout.ms} unless set)
     * @param maxBackoff      longest wait after failed sends
     * @param retention       how long published rows are kept before the cleanup deletes them
     * @param cleanupInterval how often the cleanup runs
     * @param webEnabled      serve {@code /api/ops/outbox/parked} (servlet applications)
     * @param health          when the {@code outbox} health component reports DOWN
     */
    public record Outbox(
            @DefaultValue("true") boolean relayEnabled,
            @DefaultValue("100") int batchSize,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("true") boolean listenNotify,
            @DefaultValue("30s") Duration sendTimeout,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("1h") Duration cleanupInterval,
            @DefaultValue("true") boolean webEnabled,
            @DefaultValue Health health) {
    }

    /**
     * @param maxPendingAge DOWN when the oldest row waiting to be sent (not parked) is older than this
     * @param maxPassAge    DOWN when this instance's relay has had no successful pass for longer than this
     *                      (a pass whose sends fail, e.g. Kafka unreachable, is not successful)
     */
    public record Health(
            @DefaultValue("2m") Duration maxPendingAge,
            @DefaultValue("2m") Duration maxPassAge) {
    }

    /**
     * @param maxAttempts     deliveries of a failing record, the first included, before it is dead-lettered
     * @param initialInterval wait before the first retry
     * @param multiplier      growth of the wait between retries
     * @param maxInterval     longest wait between retries
     */
    public record Consumer(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5s") Duration maxInterval) {
    }

    /**
     * @param declare           declare every topic of {@link vn.loa.messaging.Topics} and its {@code -dlt}
     * @param partitions        partitions of each (a dead-letter topic has as many as its source)
     * @param replicationFactor replicas of each
     */
    public record Topics(
            @DefaultValue("true") boolean declare,
            @DefaultValue("3") int partitions,
            @DefaultValue("1") short replicationFactor) {
    }

    /**
     * @param webEnabled serve {@code /api/ops/dead-letters} (servlet applications). (A replay runs the service's own
     *                   listener in place and waits for nothing; the former {@code replay-timeout} is gone.)
     */
    public record DeadLetters(
            @DefaultValue("true") boolean webEnabled) {
    }
}
