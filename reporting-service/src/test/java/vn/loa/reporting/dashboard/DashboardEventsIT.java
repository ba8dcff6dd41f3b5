package vn.loa.reporting.dashboard;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Activity;
import vn.loa.testsupport.TestTokens;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/dashboards/{orgUnit}/events} over real HTTP: scoped like the dashboard, and a
 * {@code changed} event after an activity or a report of a commune below commits.
 */
class DashboardEventsIT extends ReportingIntegrationTest {

    static final String DISTRICT = TestTokens.bearer("sse.district", "DISTRICT_OFFICER", "sse-district");
    static final String OFFICER = TestTokens.bearer("sse.vhtt", "COMMUNE_OFFICER", "sse-commune");
    static final List<String> PATH = List.of("sse-province", "sse-district", "sse-commune");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<InputStream> open(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream, application/problem+json");
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The event names of a stream, as they arrive. */
    private static LinkedBlockingQueue<String> names(HttpResponse<InputStream> stream) {
        LinkedBlockingQueue<String> names = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        names.add(line.substring(6).trim());
                    }
                }
            } catch (Exception e) {
                names.add("closed");
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return names;
    }

    @Test
    void theStreamIsScopedLikeTheDashboardAndSaysChangedAfterACommit() throws Exception {
        events().orgUnit("sse-province", "Tỉnh Thử SSE", "PROVINCE", "sse-province");
        events().orgUnit("sse-district", "Huyện Thử SSE", "DISTRICT", "sse-province", "sse-district");
        events().orgUnit("sse-commune", "Xã Thử SSE", "COMMUNE", PATH.toArray(String[]::new));
        // An issued plan: the commune owes its reports (DHIS2: only units a data set is assigned to are expected).
        UUID plan = UUID.randomUUID();
        events().send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), vn.loa.reporting.support.Plans.plan(
                plan, 1, "sse-commune", PATH, 2022, List.of(vn.loa.reporting.support.Plans.target("T1",
                        "Phát thanh chuyên mục CCHC", "COUNT", 12, null, "RADIO", "van-hoa-thong-tin")), List.of("RADIO"),
                1_000_000));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> getJson("/api/reports/sse-commune/2022-Q1", OFFICER).<Boolean>read("$.expected"));

        assertThat(open("/api/dashboards/sse-district/events?period=2022-Q1", null).statusCode()).isEqualTo(401);
        assertThat(open("/api/dashboards/sse-district/events?period=2022-Q1", OFFICER).statusCode()).isEqualTo(404);
        assertThat(open("/api/dashboards/sse-district/events", DISTRICT).statusCode()).isEqualTo(400);

        HttpResponse<InputStream> stream = open("/api/dashboards/sse-district/events?period=2022-Q1", DISTRICT);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        LinkedBlockingQueue<String> names = names(stream);
        assertThat(names.poll(10, TimeUnit.SECONDS)).isEqualTo("ready");

        // An activity of the commune completed in the quarter, through the live projection.
        Activity a = Activity.of(plan, PATH, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-02-10");
        events().send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", a.id().toString(),
                a.completed("2022-02-10", 1, 100L, null));
        assertThat(names.poll(30, TimeUnit.SECONDS)).isEqualTo("changed");

        // A report submitted through the API.
        clock.setLocal("2022-04-05T10:00");
        assertThat(postIfMatch("/api/reports/sse-commune/2022-Q1/submit", null, OFFICER).status()).isEqualTo(200);
        assertThat(names.poll(10, TimeUnit.SECONDS)).isEqualTo("changed");
        stream.body().close();
    }
}
