package vn.loa.messaging.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.MDC;

/**
 * W3C trace context for events, optional: with a Micrometer {@link Tracer} the producer stores the
 * current {@code traceparent} and the consumer continues the trace (with a {@link Propagator});
 * without one the producer passes on the {@code traceparent} of the event being handled (from the
 * MDC) if any, and the consumer puts the ids into the MDC so that logs carry them.
 */
public final class TraceContext {

    /** MDC keys set while an event is handled. */
    public static final String MDC_EVENT_ID = "eventId";
    public static final String MDC_EVENT_TYPE = "eventType";
    public static final String MDC_TRACEPARENT = "traceparent";
    static final String MDC_TRACE_ID = "traceId";
    static final String MDC_SPAN_ID = "spanId";

    private final Tracer tracer;
    private final Propagator propagator;

    /** Either may be null. */
    public TraceContext(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The W3C {@code traceparent} of the current span, or null. */
    public String currentTraceparent() {
        if (tracer != null) {
            Span span = tracer.currentSpan();
            if (span != null) {
                io.micrometer.tracing.TraceContext context = span.context();
                return format(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
            }
        }
        return MDC.get(MDC_TRACEPARENT);
    }

    static String format(String traceId, String spanId, boolean sampled) {
        if (traceId == null || spanId == null || traceId.isEmpty() || spanId.isEmpty()) {
            return null;
        }
        return "00-" + leftPad(traceId, 32) + "-" + leftPad(spanId, 16) + "-" + (sampled ? "01" : "00");
    }

    private static String leftPad(String hex, int length) {
        return hex.length() >= length ? hex : "0".repeat(length - hex.length()) + hex;
    }

    /**
     * Enters the context of an incoming event: MDC entries and, if possible, a consumer span that
     * continues the producer's trace. Close the scope when done.
     */
    public Scope enter(String eventId, String eventType, String traceparent) {
        MDC.put(MDC_EVENT_ID, eventId);
        MDC.put(MDC_EVENT_TYPE, eventType);
        if (traceparent != null) {
            MDC.put(MDC_TRACEPARENT, traceparent);
        }
        Span span = null;
        Tracer.SpanInScope inScope = null;
        boolean ownIds = false;
        if (tracer != null && propagator != null && traceparent != null) {
            try {
                span = propagator.extract(traceparent, (carrier, key) -> "traceparent".equals(key) ? carrier : null)
                        .name("consume " + eventType)
                        .kind(Span.Kind.CONSUMER)
                        .tag("loa.event.id", eventId)
                        .tag("loa.event.type", eventType)
                        .start();
                inScope = tracer.withSpan(span);
            } catch (RuntimeException e) {
                span = null;
            }
        }
        if (span == null && traceparent != null && MDC.get(MDC_TRACE_ID) == null) {
            // No tracer: show the producer's trace id in the logs the usual way.
            String[] parts = traceparent.split("-");
            if (parts.length == 4) {
                MDC.put(MDC_TRACE_ID, parts[1]);
                MDC.put(MDC_SPAN_ID, parts[2]);
                ownIds = true;
            }
        }
        return new Scope(span, inScope, ownIds);
    }

    public static final class Scope implements AutoCloseable {

        private final Span span;
        private final Tracer.SpanInScope inScope;
        private final boolean ownIds;

        private Scope(Span span, Tracer.SpanInScope inScope, boolean ownIds) {
            this.span = span;
            this.inScope = inScope;
            this.ownIds = ownIds;
        }

        /** Marks the consumer span as failed. */
        public void error(Throwable error) {
            if (span != null) {
                span.error(error);
            }
        }

        @Override
        public void close() {
            if (inScope != null) {
                inScope.close();
            }
            if (span != null) {
                span.end();
            }
            if (ownIds) {
                MDC.remove(MDC_TRACE_ID);
                MDC.remove(MDC_SPAN_ID);
            }
            MDC.remove(MDC_EVENT_ID);
            MDC.remove(MDC_EVENT_TYPE);
            MDC.remove(MDC_TRACEPARENT);
        }
    }
}
