package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ActivityLifecycleIT extends IntegrationTestSupport {

    static final String OFFICER = LIEN_MINH_OFFICER;

    @Test
    void scheduleStartCompleteWithOutputsAndEvidence() {
        UUID plan = issuedPlan("lien-minh");
        Http.Response created = http.post("/api/activities", OFFICER,
                newActivity(plan, "Chuyên mục CCHC tháng 6/2022", LocalDate.of(2022, 6, 30)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        assertThat(created.header("Location")).isEqualTo("/api/activities/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().get("status").asString()).isEqualTo("PLANNED");
        assertThat(created.json().get("overdue").asBoolean()).isFalse();

        Http.Response started = http.post("/api/activities/" + id + "/start", OFFICER, null, Map.of("If-Match", "\"1\""));
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(started.header("ETag")).isEqualTo("\"2\"");

        Http.Response done = http.post("/api/activities/" + id + "/complete", OFFICER,
                completion(LocalDate.of(2022, 6, 18), 4), Map.of("If-Match", "\"2\""));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        JsonNode body = done.json();
        assertThat(body.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(body.get("quantity").asInt()).isEqualTo(4);
        assertThat(body.get("reach").asLong()).isEqualTo(3200);
        assertThat(body.get("costVnd").asLong()).isEqualTo(150000);
        assertThat(body.get("period").asString()).isEqualTo("2022-Q2");
        assertThat(body.get("evidence").get(1).get("note").asString())
                .isEqualTo("Nhật ký phát thanh lưu tại bộ phận Văn hóa – Thông tin");
        assertThat(body.get("completedBy").asString()).isEqualTo("lienminh.vhtt");

        Http.Response read = http.get("/api/activities/" + id, OFFICER);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"3\"");
        assertThat(read.json().get("completedOn").asString()).isEqualTo("2022-06-18");

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() ->
                ActivityTopic.ofType("activity-completed", id).size() == 1
                        && ActivityTopic.ofType("activity-scheduled", id).size() == 1);
        ActivityTopic.Received completed = ActivityTopic.ofType("activity-completed", id).get(0);
        assertThat(completed.key()).isEqualTo(plan.toString());
        assertThat(completed.data().get("period").asString()).isEqualTo("2022-Q2");
        assertThat(completed.data().get("completedOn").asString()).isEqualTo("2022-06-18");
    }

    @Test
    void completingTwiceOrAfterCancellingIsAnInvalidTransition() {
        UUID plan = issuedPlan("lien-minh");
        UUID done = schedule(OFFICER, plan, "Tin bài CCHC", LocalDate.of(2022, 6, 30));
        assertThat(act(OFFICER, done, "complete", completion(LocalDate.of(2022, 6, 1), 1)).status())
                .isEqualTo(200);
        assertProblem(act(OFFICER, done, "complete", completion(LocalDate.of(2022, 6, 2), 1)),
                409, "invalid-transition");
        assertProblem(act(OFFICER, done, "cancel", Map.of("reason", "nhầm")),
                409, "invalid-transition");
        assertProblem(act(OFFICER, done, "start", null), 409, "invalid-transition");

        UUID cancelled = schedule(OFFICER, plan, "Pano tuyên truyền", LocalDate.of(2022, 7, 30));
        Http.Response c = act(OFFICER, cancelled, "cancel", Map.of("reason", "Không còn kinh phí"));
        assertThat(c.status()).as(c.toString()).isEqualTo(200);
        assertThat(c.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(c.json().get("cancelReason").asString()).isEqualTo("Không còn kinh phí");
        assertProblem(act(OFFICER, cancelled, "complete", completion(LocalDate.of(2022, 6, 2), 1)),
                409, "invalid-transition");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-cancelled", cancelled).size() == 1);
    }

    @Test
    void startingTwiceIsAnInvalidTransition() {
        UUID id = schedule(OFFICER, issuedPlan("lien-minh"), "Tập huấn", LocalDate.of(2022, 6, 30));
        assertThat(act(OFFICER, id, "start", null).status()).isEqualTo(200);
        assertProblem(act(OFFICER, id, "start", null), 409, "invalid-transition");
    }

    @Test
    void aFutureDateOrANegativeQuantityIsABadRequest() {
        UUID id = schedule(OFFICER, issuedPlan("lien-minh"), "Ngày pháp luật", LocalDate.of(2022, 6, 30));
        assertProblem(act(OFFICER, id, "complete", completion(LocalDate.of(2022, 6, 21), 1)),
                400, "validation-failed");
        assertProblem(act(OFFICER, id, "complete", completion(LocalDate.of(2022, 6, 19), -1)),
                400, "validation-failed");
        // Today in Hà Nội is fine, even at 23:59.
        clock.set(java.time.Instant.parse("2022-06-20T16:59:00Z"));
        assertThat(act(OFFICER, id, "complete", completion(LocalDate.of(2022, 6, 20), 0)).status())
                .isEqualTo(200);
    }

    @Test
    void cancellingNeedsAReason() {
        UUID id = schedule(OFFICER, issuedPlan("lien-minh"), "Bài viết", LocalDate.of(2022, 6, 30));
        assertProblem(act(OFFICER, id, "cancel", Map.of("reason", " ")), 400, "validation-failed");
    }

    @Test
    void anUnknownPlanIsRefusedAsNotIssued() {
        assertProblem(http.post("/api/activities", OFFICER, newActivity(UUID.randomUUID(), "x", LocalDate.of(2022, 6, 30))),
                422, "plan-not-issued");
    }

    @Test
    void unknownTargetUnitOrChannelIsAValidationFailure() {
        UUID plan = issuedPlan("lien-minh");
        Map<String, Object> body = newActivity(plan, "Chuyên mục", LocalDate.of(2022, 6, 30));
        body.put("targetCodes", List.of("CT-NOPE"));
        body.put("unit", "phong-khong-co");
        body.put("channel", "TELEVISION");
        Http.Response r = http.post("/api/activities", OFFICER, body);
        assertProblem(r, 422, "validation-failed"); // API.md: unknown target or unit
        assertThat(r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains("targetCodes", "unit", "channel");
        // The shared bundles' words: Vietnamese by default, English when asked for.
        assertThat(r.json().get("errors").valueStream().map(e -> e.get("message").asString()).toList())
                .contains("hình thức 'TELEVISION' không tồn tại");
        Http.Response en = http.post("/api/activities", OFFICER, body, Map.of("Accept-Language", "en"));
        assertThat(en.json().get("errors").valueStream().map(e -> e.get("message").asString()).toList())
                .contains("unknown channel 'TELEVISION'", "unknown target 'CT-NOPE'");
    }

    @Test
    void unknownJsonFieldsAreRejected() {
        Map<String, Object> body = newActivity(issuedPlan("lien-minh"), "x", LocalDate.of(2022, 6, 30));
        body.put("colour", "red");
        assertThat(http.post("/api/activities", OFFICER, body).status()).isEqualTo(400);
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailure() {
        UUID id = schedule(OFFICER, issuedPlan("lien-minh"), "Chuyên mục", LocalDate.of(2022, 6, 30));
        assertProblem(http.post("/api/activities/" + id + "/start", OFFICER, null, Map.of("If-Match", "\"7\"")),
                412, "version-conflict");
    }

    /**
     * Completions of the same version at once: one wins, every other is 412 (the If-Match check if it read the row
     * after the winner's commit, the versioned UPDATE if before), and there is one history entry and one event.
     */
    @Test
    void concurrentCompletionsOfOneVersionCompleteItOnce() throws Exception {
        UUID id = schedule(OFFICER, issuedPlan("lien-minh"), "Chuyên mục CCHC tháng 5", LocalDate.of(2022, 5, 31));
        Map<String, Object> body = completion(LocalDate.of(2022, 5, 20), 4);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Http.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> http.post("/api/activities/" + id + "/complete", OFFICER, body,
                        Map.of("If-Match", "\"1\""))));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Http.Response> answer : answers) {
                Http.Response r = answer.get();
                statuses.add(r.status());
                if (r.status() != 200) {
                    assertProblem(r, 412, "version-conflict");
                }
            }
            assertThat(statuses).containsOnlyOnce(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM activity_change WHERE activity_id = :id AND action = 'COMPLETED'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> ActivityTopic.ofType("activity-completed", id).size() == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE subject = :s AND event_type = 'activity-completed'")
                .param("s", id.toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void vietnameseTextRoundTripsExactly() {
        String title = "Tuyên truyền “Cán bộ, công chức, viên chức Hà Tĩnh thi đua thực hiện văn hoá công sở” – Ủy ban MTTQ, Đức Thọ";
        UUID id = schedule(OFFICER, issuedPlan("lien-minh"), title, LocalDate.of(2022, 6, 30));
        assertThat(http.get("/api/activities/" + id, OFFICER).json().get("title").asString()).isEqualTo(title);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-scheduled", id).size() == 1);
        assertThat(ActivityTopic.ofType("activity-scheduled", id).get(0).data().get("title").asString()).isEqualTo(title);
    }

    @Test
    void listsFilterByPlanStatusUnitAndOverdueAndPage() {
        UUID plan = issuedPlan("lien-minh");
        UUID late = schedule(OFFICER, plan, "Quá hạn", LocalDate.of(2022, 6, 19));
        UUID dueToday = schedule(OFFICER, plan, "Hạn hôm nay", LocalDate.of(2022, 6, 20));
        UUID completed = schedule(OFFICER, plan, "Đã xong", LocalDate.of(2022, 6, 1));
        act(OFFICER, completed, "complete", completion(LocalDate.of(2022, 5, 30), 1));

        JsonNode overdue = http.get("/api/activities?planId=" + plan + "&overdue=true", OFFICER).json();
        assertThat(ids(overdue)).containsExactly(late.toString());
        assertThat(http.get("/api/activities/" + late, OFFICER).json().get("overdue").asBoolean()).isTrue();
        assertThat(http.get("/api/activities/" + dueToday, OFFICER).json().get("overdue").asBoolean()).isFalse();

        JsonNode done = http.get("/api/activities?planId=" + plan + "&status=COMPLETED", OFFICER).json();
        assertThat(ids(done)).containsExactly(completed.toString());
        assertThat(done.get("total").asLong()).isEqualTo(1);

        JsonNode page = http.get("/api/activities?planId=" + plan + "&unit=van-hoa-thong-tin&page=1&size=2", OFFICER).json();
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("items").size()).isEqualTo(1);

        // The next day (00:00 in Hà Nội) the one due today is overdue too.
        clock.set(java.time.Instant.parse("2022-06-20T17:00:00Z"));
        assertThat(ids(http.get("/api/activities?planId=" + plan + "&overdue=true", OFFICER).json()))
                .containsExactlyInAnyOrder(late.toString(), dueToday.toString());

        assertProblem(http.get("/api/activities?size=201", OFFICER), 400, "validation-failed");

        // Keyset pages: each page names the next; a page asked by cursor is not counted again.
        JsonNode first = http.get("/api/activities?planId=" + plan + "&size=2", OFFICER).json();
        assertThat(ids(first)).containsExactly(completed.toString(), late.toString());
        JsonNode second = http.get("/api/activities?planId=" + plan + "&size=2&after=" + first.get("next").asString(), OFFICER).json();
        assertThat(ids(second)).containsExactly(dueToday.toString());
        assertThat(second.has("next")).isFalse();
        assertThat(second.has("total")).isFalse();
        assertProblem(http.get("/api/activities?after=nonsense", OFFICER), 400, "validation-failed");
    }

    static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(i -> i.get("id").asString()).toList();
    }
}
