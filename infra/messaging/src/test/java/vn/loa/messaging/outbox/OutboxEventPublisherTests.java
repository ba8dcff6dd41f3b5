package vn.loa.messaging.outbox;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.messaging.tracing.TraceContext;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxEventPublisherTests {

    @EventType(value = "plan-closed", topic = Topics.PLAN_EVENTS)
    record PlanClosed(String planId) {
    }

    // Never connected: the publisher must refuse before touching the database.
    private final OutboxEventPublisher publisher = new OutboxEventPublisher(
            new DriverManagerDataSource("jdbc:postgresql://localhost:1/none"),
            new EnvelopeCodec(JsonMapper.builder().build(), "/plan-service", Clock.systemUTC()),
            new TraceContext(null, null));

    @Test
    void failsLoudlyWithoutTheCallersTransaction() {
        assertThatThrownBy(() -> publisher.publish("p-1", "p-1", new PlanClosed("p-1")))
                .isInstanceOf(IllegalTransactionStateException.class)
                .hasMessageContaining("plan-closed");
    }

    @Test
    void failsLoudlyInATransactionThatDoesNotHoldTheOutboxConnection() {
        // A transaction of another resource (e.g. a transaction manager of another DataSource): the insert
        // would get a connection of its own and commit without the change.
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThatThrownBy(() -> publisher.publish("p-1", "p-1", new PlanClosed("p-1")))
                    .isInstanceOf(IllegalTransactionStateException.class)
                    .hasMessageContaining("outbox's DataSource");
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void refusesDataWithoutEventType() {
        assertThatThrownBy(() -> publisher.publish("p-1", "p-1", "plain string"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
