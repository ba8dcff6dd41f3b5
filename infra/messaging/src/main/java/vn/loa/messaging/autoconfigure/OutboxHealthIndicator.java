package vn.loa.messaging.autoconfigure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import vn.loa.messaging.outbox.OutboxMonitor;

/**
 * The {@code outbox} health component: DOWN when the relay is stuck (see {@link OutboxMonitor#verdict()}).
 * In the overall {@code /actuator/health} only, never in the liveness or readiness group: see
 * infra/messaging/README.md, "Health".
 */
public class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxMonitor monitor;

    public OutboxHealthIndicator(OutboxMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        OutboxMonitor.Verdict verdict = monitor.verdict();
        return (verdict.healthy() ? Health.up() : Health.down()).withDetails(verdict.details()).build();
    }
}
