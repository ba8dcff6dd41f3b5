package vn.loa.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemTexts;

/**
 * RFC 9457 problem bodies answered by the gateway itself, rendered by loa-common's {@link Problem} from the same
 * catalogue and bundles as the services' ({@code type, title, status, detail, code}, {@code errors}), in the
 * request's language (Vietnamese, or English with {@code Accept-Language: en}): callers cannot tell the edge from a
 * service. The gateway is reactive and cannot use service-support (servlet); the catalogue has no web dependency.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** The language of the answer to the exchange's request. */
    public static Locale locale(ServerWebExchange exchange) {
        return ProblemTexts.locale(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
    }

    public static Map<String, Object> body(ServerWebExchange exchange, Problem problem) {
        return problem.render(locale(exchange));
    }

    /** For a controller: the problem as a response entity with its status. */
    public static ResponseEntity<Map<String, Object>> entity(ServerWebExchange exchange, Problem problem) {
        return ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON).body(body(exchange, problem));
    }

    /** Writes a problem from a WebFilter or an entry point, where no controller renders it. */
    public static Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        return write(exchange.getResponse(), body(exchange, problem));
    }

    public static Mono<Void> write(ServerHttpResponse response, Map<String, Object> body) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatus.valueOf((Integer) body.get("status")));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(PROBLEM_JSON);
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        headers.setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
