package vn.loa.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * RFC 9457 problem bodies answered by the gateway itself, in the same shape and under the same
 * {@code type} base as the services' ({@code type, title, status, detail, code}; service-support's
 * {@code vn.loa.support.web.Problems}): callers cannot tell the edge from a service. The gateway is
 * reactive and cannot share that servlet library, hence this copy of the base.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    /** The same base as the services' problems. */
    public static final String TYPE_BASE = "https://loa.gov.vn/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static Map<String, Object> body(HttpStatus status, String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code);
        body.put("title", title(status));
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }

    /** The services' titles are sentence case ("Not found"), not the reason phrase ("Not Found"). */
    static String title(HttpStatus status) {
        String phrase = status.getReasonPhrase();
        return phrase.isEmpty() ? phrase : phrase.charAt(0) + phrase.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    public static Map<String, Object> validation(String field, String message) {
        Map<String, Object> body = body(HttpStatus.BAD_REQUEST, "validation-failed", field + ": " + message);
        body.put("title", "Validation failed");
        body.put("errors", List.of(Map.of("field", field, "message", message)));
        return body;
    }

    public static ResponseEntity<Map<String, Object>> entity(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(body(status, code, detail));
    }

    /** Writes a problem from a WebFilter or an entry point, where no controller renders it. */
    public static Mono<Void> write(ServerWebExchange exchange, Map<String, Object> body) {
        return write(exchange.getResponse(), body);
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
