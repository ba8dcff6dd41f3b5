package vn.loa.activity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for ITs against the running service (real server, real filter chain). */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** 30 s; a benchmark on a loaded machine may need more ({@code -Dloa.test.http-timeout=PT5M}). */
    private static final Duration TIMEOUT = Duration.parse(System.getProperty("loa.test.http-timeout", "PT30S"));

    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers, byte[] bytes) {

        public Response(int status, String body, java.net.http.HttpHeaders headers) {
            this(status, body, headers, null);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static String json(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    public Response get(String path, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), bearer, Map.of());
    }

    /** A GET whose answer is binary (a spreadsheet): {@link Response#bytes()}. */
    public Response getBytes(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), "", response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String bearer, Object body) {
        return post(path, bearer, body, Map.of());
    }

    public Response post(String path, String bearer, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(publisher), bearer, all);
    }

    public Response patch(String path, String bearer, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8)), bearer, all);
    }

    private Response send(HttpRequest.Builder request, String bearer, Map<String, String> headers) {
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
