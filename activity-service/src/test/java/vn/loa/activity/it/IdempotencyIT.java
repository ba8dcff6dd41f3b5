package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IdempotencyIT extends IntegrationTestSupport {

    @Test
    void aRepeatedCreateWithTheSameKeyReturnsTheFirstAnswerAndCreatesNothing() {
        UUID plan = issuedPlan("lien-minh");
        Map<String, Object> body = newActivity(plan, "Chuyên mục CCHC tháng 9", LocalDate.of(2022, 9, 30));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        Http.Response first = http.post("/api/activities", LIEN_MINH_OFFICER, body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Http.Response repeat = http.post("/api/activities", LIEN_MINH_OFFICER, body, key);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));

        assertThat(jdbc.sql("SELECT count(*) FROM activity WHERE plan_id = :p").param("p", plan).query(Long.class).single())
                .isEqualTo(1);
        UUID id = UUID.fromString(first.json().get("id").asString());
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-scheduled", id).size() == 1);

        Map<String, Object> other = newActivity(plan, "Một nội dung khác", LocalDate.of(2022, 9, 30));
        assertProblem(http.post("/api/activities", LIEN_MINH_OFFICER, other, key), 422, "idempotency-key-reused");
        assertThat(jdbc.sql("SELECT count(*) FROM activity WHERE plan_id = :p").param("p", plan).query(Long.class).single())
                .isEqualTo(1);
    }

    /**
     * A completion under a key runs inside the filter's transaction (ActivityService joins it): the answer is
     * stored with the change, a repeat gets it without a second change or event, and a refusal under another key
     * (a stale If-Match) rolls back and is replayed as it was.
     */
    @Test
    void aRepeatedCompletionWithTheSameKeyReturnsTheFirstAnswerAndCompletesOnce() {
        UUID id = schedule(LIEN_MINH_OFFICER, issuedPlan("lien-minh"), "Chuyên mục CCHC tháng 6", LocalDate.of(2022, 6, 30));
        Map<String, Object> body = completion(LocalDate.of(2022, 6, 15), 4);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString(), "If-Match", "\"1\"");

        Http.Response first = http.post("/api/activities/" + id + "/complete", LIEN_MINH_OFFICER, body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"2\"");
        Http.Response repeat = http.post("/api/activities/" + id + "/complete", LIEN_MINH_OFFICER, body, key);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(jdbc.sql("SELECT version FROM activity WHERE id = :id").param("id", id).query(Integer.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM activity_change WHERE activity_id = :id AND action = 'COMPLETED'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> ActivityTopic.ofType("activity-completed", id).size() == 1);

        Map<String, String> staleKey = Map.of("Idempotency-Key", UUID.randomUUID().toString(), "If-Match", "\"1\"");
        Http.Response stale = http.post("/api/activities/" + id + "/complete", LIEN_MINH_OFFICER, body, staleKey);
        assertProblem(stale, 412, "version-conflict");
        Http.Response staleAgain = http.post("/api/activities/" + id + "/complete", LIEN_MINH_OFFICER, body, staleKey);
        assertProblem(staleAgain, 412, "version-conflict");
        assertThat(staleAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(outboxRowsAbout(id, "activity-completed")).isEqualTo(1);
    }

    private long outboxRowsAbout(UUID id, String type) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE subject = :s AND event_type = :t")
                .param("s", id.toString()).param("t", type).query(Long.class).single();
    }
}
