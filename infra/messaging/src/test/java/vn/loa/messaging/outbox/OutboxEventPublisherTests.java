package vn.loa.messaging.outbox;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.IllegalTransactionStateException;
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
    void refusesDataWithoutEventType() {
        assertThatThrownBy(() -> publisher.publish("p-1", "p-1", "plain string"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
