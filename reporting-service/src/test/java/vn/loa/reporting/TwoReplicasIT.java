package vn.loa.reporting;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.loa.messaging.Topics;
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
 * Two replicas on the same database and broker: the shared test context ("A", which consumes the
 * topics) and a second application context ("B", its listeners not started, so every event is
 * applied by A). A viewer connected to B hears a change that A applied (LISTEN/NOTIFY); a rebuild's
 * progress is the same from either; a rebuild whose owner stopped renewing its lease is taken over
 * and finished by a replica (its ShedLock'd watchdog), and while one runs neither replica starts another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicasIT extends ReportingIntegrationTest {

    static final List<String> PATH = List.of("rep-province", "rep-district", "rep-commune");
    static final String DISTRICT = TestTokens.bearer("rep.district", "DISTRICT_OFFICER", "rep-district");
    static final String OPERATOR = TestTokens.bearer("operator", "OPERATOR", "rep-province");

    @Autowired
    JdbcClient jdbc;

    private ConfigurableApplicationContext replicaB;
    private int portB;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startReplicaB() {
        replicaB = SpringApplication.run(ReportingServiceApplication.class,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--spring.kafka.bootstrap-servers=" + environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "--spring.kafka.listener.auto-startup=false",
                "--loa.messaging.outbox.relay-enabled=false",
                "--loa.rebuild.watchdog-interval=PT1S",
                "--" + TOKEN_KEY,
                "--loa.security.issuer=" + environment.getProperty("loa.security.issuer", ""),
                "--loa.security.audience=" + environment.getProperty("loa.security.audience", ""));
        portB = Integer.parseInt(replicaB.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    void stopReplicaB() {
        if (replicaB != null) {
            replicaB.close();
        }
    }

    @Test
    void aViewerOnReplicaBHearsAChangeAppliedByReplicaA() throws Exception {
        events().orgUnit("rep-province", "Tỉnh Hai bản sao", "PROVINCE", "rep-province");
        events().orgUnit("rep-district", "Huyện Hai bản sao", "DISTRICT", "rep-province", "rep-district");
        events().orgUnit("rep-commune", "Xã Hai bản sao", "COMMUNE", PATH.toArray(String[]::new));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> get(portB, "/api/dashboards/rep-district?period=2022-Q1", DISTRICT).statusCode() == 200);
        String before = get(portB, "/api/dashboards/rep-district?period=2022-Q1", DISTRICT).body();

        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + portB + "/api/dashboards/rep-district/events?period=2022-Q1"))
                .header("Accept", "text/event-stream").header("Authorization", DISTRICT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        LinkedBlockingQueue<String> names = names(stream);
        assertThat(names.poll(10, TimeUnit.SECONDS)).isEqualTo("ready");

        UUID plan = UUID.randomUUID();
        Activity a = Activity.of(plan, PATH, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-02-10");
        events().send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", a.id().toString(),
                a.completed("2022-02-10", 1, 100L, null));
        assertThat(names.poll(30, TimeUnit.SECONDS)).as("B hears what A applied").isEqualTo("changed");
        // B's cached dashboard is not served any more: the version in the database moved.
        assertThat(get(portB, "/api/dashboards/rep-district?period=2022-Q1", DISTRICT).body()).isNotEqualTo(before);
        stream.body().close();
    }

    @Test
    void aRebuildRunsOnceAcrossReplicasAndIsTakenOverWhenItsOwnerDies() throws Exception {
        // A rebuild "owned" by a replica that died: its heartbeat is an hour old.
        UUID abandoned = UUID.randomUUID();
        jdbc.sql("""
                        insert into projection_rebuild (id, status, phase, requested_by, started_at, owner, heartbeat_at)
                        values (:id, 'RUNNING', 'REPLAYING', 'operator', now() - interval '1 hour', 'dead-replica',
                                now() - interval '1 hour')""")
                .param("id", abandoned).update();
        // While it is RUNNING, no replica starts another.
        HttpResponse<String> refused = post(portB, "/api/ops/projections/rebuild", OPERATOR);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("rebuild-running");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(getJson("/api/ops/projections/rebuild/" + abandoned, OPERATOR).<String>read("$.status"))
                        .isEqualTo("DONE"));
        Answer onA = getJson("/api/ops/projections/rebuild/" + abandoned, OPERATOR);
        HttpResponse<String> onB = get(portB, "/api/ops/projections/rebuild/" + abandoned, OPERATOR);
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).contains("\"status\":\"DONE\"").contains("\"processed\":" + (long) onA.number("$.processed"));
        assertThat(onA.<String>read("$.owner")).isNotEqualTo("dead-replica");
        assertThat(onA.number("$.failed")).isEqualTo(0);
    }

    private HttpResponse<String> get(int port, String path, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

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
        }, "sse-reader-b");
        reader.setDaemon(true);
        reader.start();
        return names;
    }
}
