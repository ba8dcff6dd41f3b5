package vn.loa.activity;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.loa.testsupport.LoaIntegrationTest;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one Spring context of activity-service's ITs: the real server on a random port, a real PostgreSQL and
 * Kafka from test-support, a clock the tests set, the schedules off (tests drive the overdue job), and the copy
 * caches without expiry.
 * Each test works in commune(s) or plans of its own, since the database is shared by the whole run.
 */
@LoaIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The copy caches (org tree, period locks) never expire here: every change the tests make through events must
        // reach the next request by this instance's own invalidation (support/CopyCache), not by a ttl running out.
        properties = {"loa.overdue.enabled=false", "loa.demo-data.enabled=false", "loa.copy-cache.ttl=PT1H"})
@Import(IntegrationTestSupport.TestClock.class)
public abstract class IntegrationTestSupport {

    /** 20 June 2022, 10:00 in Hà Nội: inside 2022-Q2. */
    public static final Instant NOW = Instant.parse("2022-06-20T03:00:00Z");

    public static final String LIEN_MINH_OFFICER = TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh");
    public static final String DISTRICT_OFFICER = TestTokens.bearer("ductho.vhtt", "DISTRICT_OFFICER", "duc-tho");
    public static final String PROVINCE_VIEWER = TestTokens.bearer("hatinh.viewer", "PROVINCE_VIEWER", "ha-tinh");

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(NOW, ZoneId.of("Asia/Ho_Chi_Minh"));
        }
    }

    @Autowired
    protected MutableClock clock;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private Environment environment;

    protected Http http;

    @BeforeEach
    void setUpSupport() {
        clock.set(NOW);
        http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
        ActivityTopic.start();
    }

    public static String officerOf(String commune) {
        return TestTokens.bearer(commune.replace("-", "") + ".vhtt", "COMMUNE_OFFICER", commune);
    }

    /** Sends plan-issued for a new plan of {@code commune} and waits until the copy has it. */
    protected UUID issuedPlan(String commune) {
        UUID planId = UUID.randomUUID();
        Upstream.sendPlan("plan-issued", Upstream.planIssued(planId, 1, commune, List.of("CT-RADIO", "CT-WEB", "CT-LAW")));
        awaitPlanVersion(planId, 1);
        return planId;
    }

    protected void awaitPlanVersion(UUID planId, int version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT version FROM plan_copy WHERE plan_id = :id")
                .param("id", planId).query(Integer.class).optional().orElse(0) >= version);
    }

    protected static Map<String, Object> newActivity(UUID planId, String title, LocalDate due) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planId", planId.toString());
        body.put("title", title);
        body.put("channel", "RADIO");
        body.put("topics", List.of("a"));
        body.put("targetCodes", List.of("CT-RADIO"));
        body.put("unit", "van-hoa-thong-tin");
        body.put("coordinatingUnits", List.of("noi-vu"));
        body.put("dueDate", due.toString());
        body.put("plannedQuantity", 4);
        return body;
    }

    protected UUID schedule(String bearer, UUID planId, String title, LocalDate due) {
        Http.Response r = http.post("/api/activities", bearer, newActivity(planId, title, due));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return UUID.fromString(r.json().get("id").asString());
    }

    /** The ETag of the activity's current version, as a client would have it from its last GET (If-Match). */
    protected String etagOf(UUID activityId) {
        return jdbc.sql("SELECT version FROM activity WHERE id = :id").param("id", activityId).query(Integer.class)
                .optional().map(v -> "\"" + v + "\"").orElse("\"1\"");
    }

    /** POST /api/activities/{id}/{action} with the If-Match of the current version (every change needs one). */
    protected Http.Response act(String bearer, UUID activityId, String action, Object body) {
        return http.post("/api/activities/" + activityId + "/" + action, bearer, body, Map.of("If-Match", etagOf(activityId)));
    }

    /** PATCH /api/activities/{id} with the If-Match of the current version. */
    protected Http.Response correct(String bearer, UUID activityId, Object body) {
        return http.patch("/api/activities/" + activityId, bearer, body, Map.of("If-Match", etagOf(activityId)));
    }

    protected static Map<String, Object> completion(LocalDate on, Number quantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("completedOn", on.toString());
        body.put("quantity", quantity);
        body.put("reach", 3200);
        body.put("costVnd", 150000);
        body.put("evidence", List.of(Map.of("url", "https://lienminh.ductho.hatinh.gov.vn/cchc/bai-1"),
                Map.of("note", "Nhật ký phát thanh lưu tại bộ phận Văn hóa – Thông tin")));
        return body;
    }

    protected static void assertProblem(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode json = r.json();
        assertThat(json.path("code").asString()).as(r.toString()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception", "at vn.", "at org.");
    }
}
