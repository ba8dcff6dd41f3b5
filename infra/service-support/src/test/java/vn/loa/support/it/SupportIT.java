package vn.loa.support.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.testsupport.LoaIntegrationTest;
import vn.loa.testsupport.TestTokens;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * service-support's shared web mechanisms on a small JPA service: body limits (413), Bean Validation bounds
 * (400 naming field and limit), and an Idempotency-Key whose answer commits with the change.
 */
@LoaIntegrationTest(classes = SupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportIT {

    static final String OFFICER = TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void release() {
        SupportTestApplication.hold.countDown();
    }

    // --- body limits ------------------------------------------------------------------------------

    @Test
    void aJsonBodyOverTheLimitIsRefusedWith413NamingItWhetherDeclaredOrStreamed() throws Exception {
        String big = "{\"text\":\"" + "Ghi chú ".repeat(40_000) + "\"}"; // ~ 360 KB
        Response declared = post("/api/notes", big, Map.of("Accept-Language", "en"));
        assertProblem(declared, 413, "payload-too-large");
        assertThat(declared.json().get("limit").asLong()).isEqualTo(262_144);
        assertThat(declared.json().get("detail").asString()).contains("262,144 bytes (256 KiB)", "JSON");
        // Vietnamese by default, from the same filter (before any controller).
        Response vietnamese = post("/api/notes", big, Map.of());
        assertThat(vietnamese.json().get("title").asString()).isEqualTo("Dữ liệu gửi lên quá lớn");
        assertThat(vietnamese.json().get("detail").asString())
                .isEqualTo("Nội dung yêu cầu lớn hơn 262.144 byte (256 KiB), giới hạn của yêu cầu JSON.");

        // Without Content-Length (chunked): counted while read, refused at the limit.
        HttpRequest chunked = request("/api/notes", Map.of())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build();
        Response streamed = send(chunked);
        assertProblem(streamed, 413, "payload-too-large");
        assertThat(jdbc.queryForObject("select count(*) from note where text like 'Ghi chú%'", Long.class)).isZero();

        // An import may be larger: up to 10 MiB.
        Response csv = send(request("/api/notes/import", Map.of()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("a,b\n".repeat(100_000))).build());
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.json().get("bytes").asLong()).isEqualTo(400_000);
    }

    @Test
    void aFieldOverItsBoundIsA400NamingTheFieldAndTheLimitInTheCallersLanguage() throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "text", "Đ".repeat(201), "tags", java.util.List.of("tuyên truyền pháp luật cơ sở"), "priority", 5000,
                "author", "Ủy ban nhân dân xã Liên Minh, huyện Đức Thọ, tỉnh Hà Tĩnh"));
        Response r = post("/api/notes", body, Map.of("Accept-Language", "en-GB,en;q=0.9"));
        assertProblem(r, 400, "validation-failed");
        Map<String, String> errors = new java.util.TreeMap<>();
        r.json().get("errors").forEach(e -> errors.put(e.get("field").asString(), e.get("message").asString()));
        assertThat(errors).containsEntry("text", "must be at most 200 characters long (it has 201)")
                .containsEntry("priority", "must be at most 1,000 (it is 5000)");
        assertThat(errors.get("tags[0]")).isEqualTo("must be at most 20 characters long (it has 28)");
        // A message the service wrote on the annotation is kept as it is.
        assertThat(errors.get("author")).isEqualTo("must have at most 40 characters");
        assertThat(r.json().get("title").asString()).isEqualTo("Validation failed");

        // The same in Vietnamese, the default: the limits as Vietnamese writes numbers.
        Response vi = post("/api/notes", body, Map.of());
        assertProblem(vi, 400, "validation-failed");
        Map<String, String> loi = new java.util.TreeMap<>();
        vi.json().get("errors").forEach(e -> loi.put(e.get("field").asString(), e.get("message").asString()));
        assertThat(loi).containsEntry("text", "phải có tối đa 200 ký tự (hiện có 201)")
                .containsEntry("priority", "không được lớn hơn 1.000 (giá trị gửi lên: 5000)")
                .containsEntry("tags[0]", "phải có tối đa 20 ký tự (hiện có 28)");
        assertThat(vi.json().get("title").asString()).isEqualTo("Dữ liệu không hợp lệ");
        assertThat(vi.json().get("type").asString()).isEqualTo(r.json().get("type").asString());
    }

    // --- Idempotency-Key ----------------------------------------------------------------------------

    @Test
    void theStoredAnswerCommitsWithTheChangeSoARetryAfterALostAnswerGetsTheOriginal() throws Exception {
        assertThat(transactionManager).isInstanceOf(JpaTransactionManager.class);
        String key = UUID.randomUUID().toString();
        String body = "{\"text\":\"Thông báo mất trả lời\"}";

        // The service commits, then the answer is lost on its way (a crash past the commit, as the client sees it).
        Response lost = post("/api/notes", body, Map.of("Idempotency-Key", key, "X-Test-Lose-Answer", "yes"));
        assertThat(lost.status()).isEqualTo(502);
        assertThat(notes("Thông báo mất trả lời")).isEqualTo(1);

        Response retry = post("/api/notes", body, Map.of("Idempotency-Key", key));
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).startsWith("/api/notes/");
        UUID id = UUID.fromString(retry.json().get("id").asString());
        assertThat(jdbc.queryForObject("select text from note where id = ?", String.class, id)).isEqualTo("Thông báo mất trả lời");
        assertThat(notes("Thông báo mất trả lời")).isEqualTo(1);

        assertProblem(post("/api/notes", "{\"text\":\"khác\"}", Map.of("Idempotency-Key", key)), 422, "idempotency-key-reused");
        System.out.printf("IDEMPOTENCY: lost answer, retry replayed %d with the original body; notes created=%d%n",
                retry.status(), notes("Thông báo mất trả lời"));
    }

    @Test
    void aFailureBeforeTheCommitLeavesNothingSoTheRetryRunsAndARefusalIsRepeated() throws Exception {
        String failKey = UUID.randomUUID().toString();
        Response failed = post("/api/notes", "{\"text\":\"fail\"}", Map.of("Idempotency-Key", failKey));
        assertProblem(failed, 500, "internal-error");
        assertThat(record(failKey)).isZero();
        assertProblem(post("/api/notes", "{\"text\":\"fail\"}", Map.of("Idempotency-Key", failKey)), 500, "internal-error");
        assertThat(notes("fail")).isZero();

        String refuseKey = UUID.randomUUID().toString();
        Response refused = post("/api/notes", "{\"text\":\"refuse\"}", Map.of("Idempotency-Key", refuseKey));
        assertProblem(refused, 409, "refused");
        assertThat(notes("refuse")).isZero(); // the service's write was rolled back
        Response again = post("/api/notes", "{\"text\":\"refuse\"}", Map.of("Idempotency-Key", refuseKey));
        assertProblem(again, 409, "refused");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aRequestWhoseProcessDiesFreesItsKeyAndTheRetryCreatesOnce() throws Exception {
        SupportTestApplication.hold = new CountDownLatch(1);
        String key = UUID.randomUUID().toString();
        String body = "{\"text\":\"wait\"}";
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/api/notes", body, Map.of("Idempotency-Key", key));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // While it runs, the key is in progress.
        await().atMost(Duration.ofSeconds(20)).until(() -> keyHolder() != null);
        Response meanwhile = post("/api/notes", body, Map.of("Idempotency-Key", key));
        assertProblem(meanwhile, 409, "idempotency-in-progress");
        assertThat(meanwhile.header("Retry-After")).isEqualTo("1");

        // Its process dies: PostgreSQL loses the session (as when the instance is killed), rolls back and frees the key.
        jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, keyHolder());
        await().atMost(Duration.ofSeconds(20)).until(() -> keyHolder() == null);
        SupportTestApplication.hold.countDown();
        Response retry = post("/api/notes", body, Map.of("Idempotency-Key", key));
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        // A transaction of a request with a key may sit idle 30 s at most: then the server ends it (the lease).
        assertThat(retry.json().get("lease").asString()).isEqualTo("30s");
        Response dead = first.get();
        assertThat(dead.status()).as(dead.body()).isGreaterThanOrEqualTo(500);
        assertThat(notes("wait")).isEqualTo(1);
        Response replay = post("/api/notes", body, Map.of("Idempotency-Key", key));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json()).isEqualTo(retry.json());
        System.out.printf("IDEMPOTENCY: request whose connection died answered %d, key free at once, retry %d,"
                + " replay %d; notes created=%d%n", dead.status(), retry.status(), replay.status(), notes("wait"));
    }

    private Integer keyHolder() {
        return jdbc.query("select pid from pg_locks where locktype = 'advisory' and classid = ? and granted",
                (rs, i) -> rs.getInt(1), 0x49444D50L).stream().findFirst().orElse(null);
    }

    private long notes(String text) {
        return jdbc.queryForObject("select count(*) from note where text = ?", Long.class, text);
    }

    private long record(String key) {
        return jdbc.queryForObject("select count(*) from idempotency_record where idem_key = ?", Long.class, key);
    }

    // --- http -------------------------------------------------------------------------------------

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", OFFICER);
        headers.forEach(b::header);
        return b;
    }

    private Response post(String path, String json, Map<String, String> headers) throws Exception {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Response send(HttpRequest request) throws Exception {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers());
    }

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("code").asString()).as(r.body()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception", "at vn.", "at org.");
    }
}
