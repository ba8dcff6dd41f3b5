package vn.loa.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A small JSON-over-HTTP client for the stack (the gateway or a service reached directly). A body is a
 * JSON string or anything Jackson writes (maps, lists, records). Nothing here asserts: tests do.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, body, Map.of());
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    /** {@code token} may be null (no Authorization header); {@code body} null sends none. */
    public Response send(String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            if (!headers.containsKey("Content-Type")) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(method + " " + path, response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An answer; {@link #toString()} shows the request, status and body, for assertion messages. */
    public record Response(String request, int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body == null || body.isEmpty() ? "null" : body);
        }

        /** The first value of a header, case-insensitive, or null. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + (body == null ? "" : body);
        }
    }
}
