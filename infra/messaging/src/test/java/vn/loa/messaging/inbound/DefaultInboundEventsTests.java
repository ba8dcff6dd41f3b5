package vn.loa.messaging.inbound;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Inbox;
import vn.loa.messaging.InvalidEventException;
import vn.loa.messaging.Topics;
import vn.loa.messaging.UnknownDataVersionException;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.messaging.tracing.TraceContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultInboundEventsTests {

    @EventType(value = "plan-issued", topic = Topics.PLAN_EVENTS)
    record PlanIssued(String planId, String title) {
    }

    @EventType(value = "plan-closed", topic = Topics.PLAN_EVENTS)
    record PlanClosed(String planId) {
    }

    /** Records ids in memory, as processed_event does in the database. */
    static final class MemoryInbox implements Inbox {
        final Set<String> processed = new HashSet<>();

        @Override
        public boolean processOnce(String consumer, UUID eventId, Runnable effect) {
            if (!processed.add(consumer + "/" + eventId)) {
                return false;
            }
            effect.run();
            return true;
        }
    }

    private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build(), "/plan-service", Clock.systemUTC());
    private final MemoryInbox inbox = new MemoryInbox();
    private final DefaultInboundEvents inbound = new DefaultInboundEvents(codec, inbox, new TraceContext(null, null));

    private final List<EventEnvelope<PlanIssued>> issued = new ArrayList<>();
    private final List<String> mdcDuringHandling = new ArrayList<>();

    private final EventRoutes routes = inbound.routes("plan-copy")
            .on(PlanIssued.class, e -> {
                issued.add(e);
                mdcDuringHandling.add(MDC.get("eventId") + " " + MDC.get("eventType") + " " + MDC.get("traceparent"));
            })
            .build();

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>(Topics.PLAN_EVENTS, 0, 0L, "p-1", value);
    }

    @Test
    void dispatchesByTypeIntoTheHandlersClass() {
        EventEnvelope<PlanIssued> sent = codec.wrap("p-1", new PlanIssued("p-1", "Kế hoạch CCHC xã Liên Minh"),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        routes.dispatch(record(codec.write(sent)));

        assertThat(issued).containsExactly(sent);
        assertThat(mdcDuringHandling).containsExactly(sent.id() + " plan-issued " + sent.traceparent());
        assertThat(MDC.get("eventId")).isNull();
    }

    @Test
    void handlesARedeliveredEventOnce() {
        String json = codec.write(codec.wrap("p-1", new PlanIssued("p-1", "x"), null));

        routes.dispatch(record(json));
        routes.dispatch(record(json));

        assertThat(issued).hasSize(1);
    }

    @Test
    void skipsTypesWithoutHandler() {
        routes.dispatch(record(codec.write(codec.wrap("p-1", new PlanClosed("p-1"), null))));

        assertThat(issued).isEmpty();
        assertThat(inbox.processed).isEmpty();
    }

    @Test
    void failsWithoutRetryOnMalformedEnvelopesAndUnbindableData() {
        assertThatThrownBy(() -> routes.dispatch(record("{oops"))).isInstanceOf(InvalidEventException.class);
        String badData = """
                {"id":"%s","type":"plan-issued","data":"not an object"}""".formatted(UUID.randomUUID());
        assertThatThrownBy(() -> routes.dispatch(record(badData))).isInstanceOf(InvalidEventException.class);
        assertThat(inbox.processed).isEmpty();
    }

    @Test
    void refusesTwoHandlersForOneTypeAndClassesWithoutEventType() {
        assertThatThrownBy(() -> inbound.routes("x").on(PlanIssued.class, e -> { }).on(PlanIssued.class, e -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> inbound.routes("x").on(String.class, e -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRedeliveredEventIsSkippedAndCountedAsADuplicate() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<String> handled = new ArrayList<>();
        EventRoutes counted = new DefaultInboundEvents(codec, new MemoryInbox(), new TraceContext(null, null), meters)
                .routes("reporting-activities")
                .on(PlanIssued.class, e -> handled.add(e.data().title()))
                .build();
        String value = codec.write(codec.wrap("p-1", new PlanIssued("p-1", "Kế hoạch tuyên truyền CCHC"), null));

        counted.dispatch(record(value));
        assertThat(meters.get("loa.inbox.duplicates").tag("consumer", "reporting-activities").counter().count()).isZero();
        counted.dispatch(record(value));
        counted.dispatch(record(value));

        assertThat(handled).containsExactly("Kế hoạch tuyên truyền CCHC");
        assertThat(meters.get("loa.inbox.duplicates").tag("consumer", "reporting-activities").counter().count()).isEqualTo(2.0);
    }

    @EventType(value = "plan-issued", topic = Topics.PLAN_EVENTS, version = 2)
    record PlanIssuedV2(String planId, String heading) {
    }

    @Test
    void anEventInADataversionTheConsumerDoesNotKnowIsRefusedNotBoundWithNulls() {
        String v2 = """
                {"specversion":"1.0","id":"%s","source":"/plan-service","type":"plan-issued","dataversion":2,
                 "data":{"planId":"p-1","heading":"Kế hoạch năm 2023"}}""".formatted(UUID.randomUUID());

        assertThatThrownBy(() -> routes.dispatch(record(v2)))
                .isInstanceOf(UnknownDataVersionException.class)
                .isInstanceOf(InvalidEventException.class) // not retried: straight to the dead-letter topic
                .hasMessageContaining("dataversion 2").hasMessageContaining("plan-copy").hasMessageContaining("[1]");
        assertThat(issued).isEmpty();
        assertThat(inbox.processed).isEmpty();
    }

    @Test
    void aConsumerMayHandleTwoVersionsOfATypeEachWithItsOwnRecord() {
        List<String> seen = new ArrayList<>();
        EventRoutes both = inbound.routes("plan-copy-v2")
                .on(PlanIssued.class, e -> seen.add("v1 " + e.data().title()))
                .on(PlanIssuedV2.class, e -> seen.add("v2 " + e.data().heading()))
                .build();
        String v2 = """
                {"specversion":"1.0","id":"%s","type":"plan-issued","dataversion":2,
                 "data":{"planId":"p-1","heading":"Kế hoạch năm 2023"}}""".formatted(UUID.randomUUID());

        both.dispatch(record(codec.write(codec.wrap("p-1", new PlanIssued("p-1", "Kế hoạch năm 2022"), null))));
        both.dispatch(record(v2));

        assertThat(seen).containsExactly("v1 Kế hoạch năm 2022", "v2 Kế hoạch năm 2023");
    }

    @Test
    void typesWithoutHandlerAreCountedPerConsumerAndType() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        EventRoutes counted = new DefaultInboundEvents(codec, new MemoryInbox(), new TraceContext(null, null), meters)
                .routes("activity-plan-copy")
                .on(PlanIssued.class, e -> { })
                .build();

        counted.dispatch(record(codec.write(codec.wrap("p-1", new PlanClosed("p-1"), null))));
        counted.dispatch(record(codec.write(codec.wrap("p-2", new PlanClosed("p-2"), null))));

        assertThat(meters.get("loa.inbox.unknown.types").tags("consumer", "activity-plan-copy", "type", "plan-closed")
                .counter().count()).isEqualTo(2.0);
    }
}
