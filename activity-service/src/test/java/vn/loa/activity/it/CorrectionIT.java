package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.activity.Upstream;
import vn.loa.contracts.EventContracts;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PATCH /api/activities/{id}: corrections with If-Match and a reason, their history and activity-corrected. */
class CorrectionIT extends IntegrationTestSupport {

    static final String OFFICER = LIEN_MINH_OFFICER;

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    @Test
    void aPlannedActivityIsCorrectedAndTheChangeWithItsReasonIsKeptAndPublished() {
        UUID plan = issuedPlan("lien-minh");
        UUID id = schedule(OFFICER, plan, "Chuyên mục CCHC tháng 7", LocalDate.of(2022, 7, 31));

        Http.Response r = http.patch("/api/activities/" + id, OFFICER, body("reason", "Bổ sung nội dung d và kinh phí",
                "topics", List.of("a", "d"), "plannedCostVnd", 500_000, "budgetSource", "COMMUNE",
                "title", "Chuyên mục CCHC tháng 7: chương trình tổng thể"), Map.of("If-Match", "\"1\""));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("ETag")).isEqualTo("\"2\"");
        assertThat(r.json().get("topics").valueStream().map(JsonNode::asString).toList()).containsExactly("a", "d");
        assertThat(r.json().get("plannedCostVnd").asLong()).isEqualTo(500_000);
        assertThat(r.json().get("budgetSource").asString()).isEqualTo("COMMUNE");

        JsonNode history = http.get("/api/activities/" + id + "/history", OFFICER).json();
        assertThat(history.valueStream().map(e -> e.get("action").asString()).toList()).containsExactly("SCHEDULED", "CORRECTED");
        JsonNode corrected = history.get(1);
        assertThat(corrected.get("version").asInt()).isEqualTo(2);
        assertThat(corrected.get("by").asString()).isEqualTo("lienminh.vhtt");
        assertThat(corrected.get("reason").asString()).isEqualTo("Bổ sung nội dung d và kinh phí");
        assertThat(corrected.get("changes").valueStream().map(c -> c.get("field").asString()).toList())
                .containsExactly("title", "topics", "plannedCostVnd", "budgetSource");
        assertThat(corrected.get("changes").get(0).get("from").asString()).isEqualTo("Chuyên mục CCHC tháng 7");

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-corrected", id).size() == 1);
        ActivityTopic.Received event = ActivityTopic.ofType("activity-corrected", id).get(0);
        EventContracts.assertValid("activity-corrected", event.value());
        assertThat(event.key()).isEqualTo(plan.toString());
        assertThat(event.data().get("status").asString()).isEqualTo("PLANNED");
        assertThat(event.data().get("version").asInt()).isEqualTo(2);
        assertThat(event.data().get("title").asString()).isEqualTo("Chuyên mục CCHC tháng 7: chương trình tổng thể");
        assertThat(event.data().has("completedOn")).isFalse();
        assertThat(event.data().get("changes")).hasSize(4);
    }

    @Test
    void aCompletedActivityIsCorrectedWhileItsPeriodIsOpenAndTheEventSaysWhichPeriodsItMovesBetween() {
        UUID plan = issuedPlan("lien-minh");
        UUID id = schedule(OFFICER, plan, "Chuyên mục CCHC tháng 6", LocalDate.of(2022, 6, 30));
        assertThat(act(OFFICER, id, "complete", completion(LocalDate.of(2022, 6, 15), 4)).status()).isEqualTo(200);

        Http.Response r = correct(OFFICER, id, body("reason", "Nhập nhầm số buổi phát và ngày phát", "quantity", 6,
                "completedOn", "2022-03-31", "audiences", List.of(Map.of("audience", "CITIZENS", "reach", 3000),
                        Map.of("audience", "BUSINESSES", "reach", 150))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("quantity").asInt()).isEqualTo(6);
        assertThat(r.json().get("period").asString()).isEqualTo("2022-Q1");
        // New audiences without a new total: the total is their sum.
        assertThat(r.json().get("reach").asLong()).isEqualTo(3150);
        assertThat(r.json().get("status").asString()).isEqualTo("COMPLETED");

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-corrected", id).size() == 1);
        JsonNode data = ActivityTopic.ofType("activity-corrected", id).get(0).data();
        EventContracts.assertValid("activity-corrected", ActivityTopic.ofType("activity-corrected", id).get(0).value());
        assertThat(data.get("previousPeriod").asString()).isEqualTo("2022-Q2");
        assertThat(data.get("period").asString()).isEqualTo("2022-Q1");
        assertThat(data.get("reach").asLong()).isEqualTo(3150);
        assertThat(data.get("costVnd").asLong()).isEqualTo(150_000);
        assertThat(data.get("evidence")).hasSize(2);
        assertThat(data.get("changes").valueStream().map(c -> c.get("field").asString()).toList())
                .containsExactly("completedOn", "quantity", "reach", "audiences");
    }

    @Test
    void everyCorrectionNeedsIfMatchAReasonAndAChange() {
        UUID id = schedule(OFFICER, issuedPlan("lien-minh"), "Tin bài", LocalDate.of(2022, 7, 31));
        assertProblem(http.patch("/api/activities/" + id, OFFICER, body("reason", "x", "title", "Tin bài mới"), Map.of()),
                428, "precondition-required");
        assertProblem(http.patch("/api/activities/" + id, OFFICER, body("reason", "x", "title", "Tin bài mới"),
                Map.of("If-Match", "\"4\"")), 412, "version-conflict");
        assertProblem(correct(OFFICER, id, body("title", "Tin bài mới")), 400, "validation-failed");
        assertProblem(correct(OFFICER, id, body("reason", "Không đổi gì", "title", "Tin bài")), 400, "validation-failed");
        assertProblem(correct(OFFICER, id, body("reason", "x", "colour", "red")), 400, "validation-failed");
        Http.Response unknownUnit = correct(OFFICER, id, body("reason", "Đổi bộ phận", "unit", "phong-khong-co"));
        assertProblem(unknownUnit, 422, "validation-failed");
        assertThat(unknownUnit.json().get("errors").get(0).get("field").asString()).isEqualTo("unit");
        // Completion fields on an activity that is not completed
        assertProblem(correct(OFFICER, id, body("reason", "x", "quantity", 3)), 409, "invalid-transition");
        assertThat(http.get("/api/activities/" + id, OFFICER).header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void aCancelledActivityIsNotCorrectedAndOnlyOfficersInScopeMayCorrect() {
        UUID id = schedule(OFFICER, issuedPlan("lien-minh"), "Pano", LocalDate.of(2022, 7, 31));
        assertProblem(correct(PROVINCE_VIEWER, id, body("reason", "x", "title", "y")), 403, "forbidden");
        assertProblem(correct(officerOf("tung-chau"), id, body("reason", "x", "title", "y")), 404, "not-found");
        assertThat(correct(DISTRICT_OFFICER, id, body("reason", "Huyện điều chỉnh", "title", "Pano tuyên truyền")).status())
                .isEqualTo(200);
        assertThat(act(OFFICER, id, "cancel", Map.of("reason", "Hết kinh phí")).status()).isEqualTo(200);
        assertProblem(correct(OFFICER, id, body("reason", "x", "title", "y")), 409, "invalid-transition");
        assertThat(http.get("/api/activities/" + id + "/history", OFFICER).json().valueStream()
                .map(e -> e.get("action").asString()).toList()).containsExactly("SCHEDULED", "CORRECTED", "CANCELLED");
        assertProblem(http.get("/api/activities/" + id + "/history", officerOf("tung-chau")), 404, "not-found");
    }

    @Test
    void aCorrectionTouchingAClosedPeriodIsRefusedForTheOldDateAndForTheNewOne() {
        String commune = "duc-an"; // its own commune: the quarter it closes must not close another test's
        String officer = officerOf(commune);
        UUID plan = issuedPlan(commune);
        UUID inQ1 = schedule(officer, plan, "Chuyên mục quý I", LocalDate.of(2022, 3, 31));
        UUID inQ2 = schedule(officer, plan, "Chuyên mục quý II", LocalDate.of(2022, 6, 30));
        assertThat(act(officer, inQ1, "complete", completion(LocalDate.of(2022, 3, 10), 4)).status()).isEqualTo(200);
        assertThat(act(officer, inQ2, "complete", completion(LocalDate.of(2022, 6, 10), 4)).status()).isEqualTo(200);

        Upstream.sendPeriod("quarter-closed", Upstream.quarterClosed("2022-Q1", "ductho.vhtt",
                OffsetDateTime.of(2022, 4, 5, 9, 0, 0, 0, ZoneOffset.ofHours(7)),
                List.of(Upstream.window(commune, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 3, 31)))));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM period_lock WHERE org_unit = :ou AND period = '2022-Q1'")
                .param("ou", commune).query(Long.class).single() == 1);

        // The old date is in the closed period: its figures would change.
        Http.Response old = correct(officer, inQ1, body("reason", "Sửa số buổi", "quantity", 5));
        assertProblem(old, 409, "period-locked");
        assertThat(old.json().get("period").asString()).isEqualTo("2022-Q1");
        // The new date is in the closed period: it would add to its figures.
        assertProblem(correct(officer, inQ2, body("reason", "Sửa ngày", "completedOn", "2022-03-20")), 409, "period-locked");
        // Within the open period the correction goes through.
        Http.Response ok = correct(officer, inQ2, body("reason", "Sửa ngày", "completedOn", "2022-05-20"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("period").asString()).isEqualTo("2022-Q2");
    }
}
