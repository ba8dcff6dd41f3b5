package vn.loa.activity.evidence;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Multipart uploads and byte downloads against the running service, as a browser sends and reads them. */
final class EvidenceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    EvidenceClient(int port) {
        this.base = "http://localhost:" + port;
    }

    record Response(int status, byte[] body, HttpHeaders headers) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + (body.length < 2000 ? text() : body.length + " bytes");
        }
    }

    /** The file part's name is written as browsers do: raw UTF-8 in the quoted filename. */
    Response upload(String bearer, UUID activityId, String fileName, String declaredType, byte[] bytes, String note) {
        String boundary = "----loa" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\n");
        write(body, "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName.replace("\"", "%22") + "\"\r\n");
        write(body, "Content-Type: " + declaredType + "\r\n\r\n");
        body.writeBytes(bytes);
        write(body, "\r\n");
        if (note != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n" + note + "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + "/api/activities/" + activityId + "/evidence"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), bearer, Map.of());
    }

    Response post(String path, String bearer, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), bearer, Map.of());
    }

    Response get(String path, String bearer) {
        return get(path, bearer, Map.of());
    }

    Response get(String path, String bearer, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), bearer, headers);
    }

    Response delete(String path, String bearer, String ifMatch) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), bearer,
                ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Response send(HttpRequest.Builder request, String bearer, Map<String, String> headers) {
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
