package vn.loa.messaging.tracing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTests {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final TraceContext withoutTracer = new TraceContext(null, null);

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void formatsW3cTraceparentPaddingShortIds() {
        assertThat(TraceContext.format("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", true)).isEqualTo(TRACEPARENT);
        assertThat(TraceContext.format("8448eb211c80319c", "b7ad6b7169203331", false))
                .isEqualTo("00-00000000000000008448eb211c80319c-b7ad6b7169203331-00");
        assertThat(TraceContext.format(null, "b7ad6b7169203331", true)).isNull();
    }

    @Test
    void withoutTracerNorIncomingEventThereIsNoTraceparent() {
        assertThat(withoutTracer.currentTraceparent()).isNull();
    }

    @Test
    void putsEventAndTraceIdsInTheMdcWhileHandlingAndRemovesThemAfter() {
        try (TraceContext.Scope ignored = withoutTracer.enter("e-1", "plan-issued", TRACEPARENT)) {
            assertThat(MDC.get("eventId")).isEqualTo("e-1");
            assertThat(MDC.get("eventType")).isEqualTo("plan-issued");
            assertThat(MDC.get("traceparent")).isEqualTo(TRACEPARENT);
            assertThat(MDC.get("traceId")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(MDC.get("spanId")).isEqualTo("b7ad6b7169203331");
            // Events published while handling carry the incoming trace on.
            assertThat(withoutTracer.currentTraceparent()).isEqualTo(TRACEPARENT);
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void anEventWithoutTraceparentStillHasItsIdsInTheMdc() {
        try (TraceContext.Scope ignored = withoutTracer.enter("e-2", "plan-closed", null)) {
            assertThat(MDC.get("eventId")).isEqualTo("e-2");
            assertThat(MDC.get("traceId")).isNull();
        }
    }
}
