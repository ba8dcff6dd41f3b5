package vn.loa.gateway.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Returns the request's trace to the caller ({@code traceparent} and {@code X-Trace-Id}), so a
 * user can quote it and an operator can find the request in every service's logs. The trace
 * itself is started by the server observation and passed on to the services by the gateway's
 * HTTP client instrumentation.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceResponseWebFilter implements WebFilter {

    static final String TRACE_ID_HEADER = "X-Trace-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            Span span = serverSpan(exchange);
            if (span != null) {
                TraceContext trace = span.context();
                var headers = exchange.getResponse().getHeaders();
                headers.set(TRACE_ID_HEADER, trace.traceId());
                headers.set("traceparent", "00-" + trace.traceId() + "-" + trace.spanId() + "-"
                        + (Boolean.TRUE.equals(trace.sampled()) ? "01" : "00"));
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** The span of the request's server observation ({@code http.server.requests}), or null when it has none. */
    static Span serverSpan(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .orElse(null);
    }
}
