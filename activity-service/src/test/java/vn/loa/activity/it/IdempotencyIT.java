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
}
