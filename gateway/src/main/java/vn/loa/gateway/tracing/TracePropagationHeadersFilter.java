package vn.loa.gateway.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passes the request's trace to the service: the headers of the request's server span ({@code traceparent}, W3C)
 * replace whatever trace headers the caller sent, so the service's spans are children of the gateway's.
 * <p>
 * Why not Spring Cloud Gateway's own observability ({@code spring.cloud.gateway.server.webflux.observability}, off
 * in application.yml): it does the same and, on every proxied request, starts a second observation (a client span
 * and an {@code http.client.requests} timer, found again by name and tags when it stops) that tells nothing the
 * server span does not — measured as part of the gateway's CPU per request (gateway/README.md, "Benchmark").
 */
@Component
class TracePropagationHeadersFilter implements HttpHeadersFilter, Ordered {

    private final Propagator propagator;

    TracePropagationHeadersFilter(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Span span = TraceResponseWebFilter.serverSpan(exchange);
        if (span == null) {
            return input;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        propagator.fields().forEach(headers::remove);
        propagator.inject(span.context(), headers, HttpHeaders::set);
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    /** Last, after the forwarded and hop-by-hop header filters: nothing removes the trace headers again. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
