package vn.loa.gateway.limits;

import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.gateway.web.Problems;

/**
 * 413 problem for request bodies over the limit, before anything is read or forwarded: 256 KiB
 * for JSON and anything else, more on the routes that take files (imports 10 MiB, evidence 20 MiB;
 * {@code loa.limits.body-routes}), the same limits as the services'. A body with a Content-Length
 * is judged by it; a chunked body is buffered up to the limit (so an oversize one never reaches a
 * service half-sent).
 */
final class RequestSizeWebFilter implements WebFilter {

    private final long defaultMaxBytes;
    private final List<Route> routes;

    RequestSizeWebFilter(LimitsProperties properties) {
        this.defaultMaxBytes = properties.maxBodySize().toBytes();
        PathPatternParser parser = PathPatternParser.defaultInstance;
        this.routes = properties.bodyRoutes().stream()
                .map(r -> new Route(r.method() == null ? null : HttpMethod.valueOf(r.method().trim().toUpperCase()),
                        parser.parse(r.path()), r.maxSize().toBytes()))
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        boolean chunked = length < 0 && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (length <= defaultMaxBytes && !chunked) {
            return chain.filter(exchange); // the common case: no route lookup
        }
        long maxBytes = maxBytes(request);
        if (length > maxBytes) {
            return tooLarge(exchange, maxBytes);
        }
        if (chunked) {
            return DataBufferUtils.join(request.getBody(), (int) Math.min(maxBytes, Integer.MAX_VALUE))
                    .flatMap(body -> chain.filter(exchange.mutate().request(new ServerHttpRequestDecorator(request) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return Flux.just(body);
                        }
                    }).build()))
                    .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange, maxBytes));
        }
        return chain.filter(exchange);
    }

    long maxBytes(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        for (Route route : routes) {
            if ((route.method == null || route.method.equals(request.getMethod())) && route.path.matches(path)) {
                return route.maxBytes;
            }
        }
        return defaultMaxBytes;
    }

    private static Mono<Void> tooLarge(ServerWebExchange exchange, long maxBytes) {
        return Problems.write(exchange, Problem.of(ProblemCode.PAYLOAD_TOO_LARGE, "route", maxBytes, human(maxBytes),
                        exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value())
                .with("maxBytes", maxBytes));
    }

    private static String human(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private record Route(HttpMethod method, PathPattern path, long maxBytes) {
    }
}
