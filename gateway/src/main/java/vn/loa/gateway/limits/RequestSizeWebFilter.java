package vn.loa.gateway.limits;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.loa.gateway.web.Problems;

/**
 * 413 problem for request bodies over the limit, before anything is read or forwarded. A body
 * with a Content-Length is judged by it; a chunked body is buffered up to the limit (so an
 * oversize one never reaches a service half-sent).
 */
final class RequestSizeWebFilter implements WebFilter {

    private final long maxBytes;

    RequestSizeWebFilter(LimitsProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long length = headers.getContentLength();
        if (length > maxBytes) {
            return tooLarge(exchange);
        }
        if (length < 0 && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(maxBytes, Integer.MAX_VALUE))
                    .flatMap(body -> chain.filter(exchange.mutate().request(new ServerHttpRequestDecorator(exchange.getRequest()) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return Flux.just(body);
                        }
                    }).build()))
                    .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange));
        }
        return chain.filter(exchange);
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return Problems.write(exchange, Problems.body(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "The request body is larger than the limit of " + maxBytes + " bytes."));
    }
}
