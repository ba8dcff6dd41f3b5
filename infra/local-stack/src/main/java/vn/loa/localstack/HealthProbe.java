package vn.loa.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the status of {@code /actuator/health/readiness}: the group probes and the load balancer use (the outbox component, DOWN while rows are parked, is deliberately not part of it). */
public final class HealthProbe {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** "UP", "DOWN", …, "HTTP 401" when the endpoint answers without a status, or null when nothing answers. */
    public String status(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return statusOf(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String statusOf(int httpStatus, String body) {
        // The overall status is the first "status" of the document (components come after it).
        Matcher matcher = STATUS.matcher(body == null ? "" : body);
        if (matcher.find()) {
            return matcher.group(1);
        }
        return "HTTP " + httpStatus;
    }
}
