package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, item 1 (and its fault proof): bounds at the door. The 1.35 MB evidence note that once froze every
 * commune's events is refused by the body limit (413), a note over its own bound by Bean Validation (400
 * naming the field and the limit); nothing is stored or published for either, and the valid completion that
 * follows is published exactly once.
 */
class FieldLimitsIT extends IntegrationTestSupport {

    @Test
    void anOversizedEvidenceNoteIsRefusedAtTheDoorAndNothingIsStoredOrPublished() {
        String officer = officerOf("lien-minh");
        UUID id = schedule(officer, issuedPlan("lien-minh"), "Chuyên mục CCHC tháng 6", LocalDate.of(2022, 6, 30));
        long outboxBefore = outboxRowsAbout(id);

        // The case: a 1.35 MB note. Past the 256 KiB body limit: 413, whatever the field limits say.
        Map<String, Object> huge = completion(LocalDate.of(2022, 6, 15), 4);
        huge.put("evidence", List.of(Map.of("note", "Nhật ký phát thanh ".repeat(71_000))));
        assertThat(Http.json(huge).getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1_350_000);
        Http.Response tooLarge = act(officer, id, "complete", huge);
        assertProblem(tooLarge, 413, "payload-too-large");
        assertThat(tooLarge.json().get("limit").asLong()).isEqualTo(262_144);

        // Under the body limit but over the note's own bound (4,000 characters): 400 naming the field and the limit.
        Map<String, Object> longNote = completion(LocalDate.of(2022, 6, 15), 4);
        longNote.put("evidence", List.of(Map.of("url", "https://lienminh.ductho.hatinh.gov.vn/bai-2"),
                Map.of("note", "Đ".repeat(4_001))));
        Http.Response invalid = act(officer, id, "complete", longNote);
        assertProblem(invalid, 400, "validation-failed");
        Map<String, String> errors = new TreeMap<>();
        invalid.json().get("errors").forEach(e -> errors.put(e.get("field").asString(), e.get("message").asString()));
        // Vietnamese by default (issue 16: the shared bundles), English when asked for.
        assertThat(errors).containsExactly(Map.entry("evidence[1].note", "phải có tối đa 4.000 ký tự (hiện có 4.001)"));
        Http.Response inEnglish = http.post("/api/activities/" + id + "/complete", officer, longNote,
                Map.of("If-Match", etagOf(id), "Accept-Language", "en"));
        assertThat(inEnglish.json().at("/errors/0/message").asString())
                .isEqualTo("must be at most 4,000 characters long (it has 4,001)");

        // Other bounds of the same requests.
        Map<String, Object> many = completion(LocalDate.of(2022, 6, 15), 4);
        many.put("reach", 2_000_000_000L);
        many.put("evidence", java.util.Collections.nCopies(21, Map.of("url", "https://lienminh.gov.vn/a")));
        Http.Response tooMany = act(officer, id, "complete", many);
        assertProblem(tooMany, 400, "validation-failed");
        assertThat(tooMany.body()).contains("\"field\":\"evidence\"", "phải có tối đa 20 mục (hiện có 21)",
                "\"field\":\"reach\"", "không được lớn hơn 1.000.000.000");
        UUID plan = issuedPlan("lien-minh");
        Http.Response longTitle = http.post("/api/activities", officer, newActivity(plan, "T".repeat(501), LocalDate.of(2022, 6, 30)));
        assertProblem(longTitle, 400, "validation-failed");
        assertThat(longTitle.json().at("/errors/0/field").asString()).isEqualTo("title");
        assertThat(longTitle.json().at("/errors/0/message").asString()).isEqualTo("phải có tối đa 500 ký tự (hiện có 501)");

        // Nothing was stored or published for the refused requests.
        assertThat(http.get("/api/activities/" + id, officer).json().get("status").asString()).isEqualTo("PLANNED");
        assertThat(outboxRowsAbout(id)).isEqualTo(outboxBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM activity WHERE plan_id = :p").param("p", plan).query(Long.class).single()).isZero();

        // The valid completion goes through and is published exactly once.
        Http.Response ok = act(officer, id, "complete", completion(LocalDate.of(2022, 6, 15), 4));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> ActivityTopic.ofType("activity-completed", id).size() == 1);
        UUID marker = schedule(officer, plan, "Mốc", LocalDate.of(2022, 6, 30));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> ActivityTopic.ofType("activity-scheduled", marker).size() == 1);
        int completed = ActivityTopic.ofType("activity-completed", id).size();
        System.out.printf("FIELD LIMITS: refused 413=1 400=3 (stored 0, published 0); valid completion published %d time(s)%n",
                completed);
        assertThat(completed).isEqualTo(1);
    }

    @Test
    void anImportRowOverABoundIsRefusedWithTheSameMessage() {
        UUID plan = issuedPlan("lien-minh");
        String csv = "planId,title,channel,topics,targetCodes,unit,coordinatingUnits,dueDate,plannedQuantity\n"
                + plan + "," + "Tiêu đề quá dài ".repeat(40) + ",RADIO,a,CT-RADIO,van-hoa-thong-tin,,2022-06-30,1\n"
                + plan + ",Tiêu đề vừa phải,RADIO,a,CT-RADIO,van-hoa-thong-tin,,2022-06-30,1\n";
        Http.Response r = http.post("/api/activities/import", LIEN_MINH_OFFICER, csv.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/csv"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().at("/refused/0/row").asInt()).isEqualTo(2);
        assertThat(r.json().at("/refused/0/errors/0/field").asString()).isEqualTo("title");
        assertThat(r.json().at("/refused/0/errors/0/message").asString()).startsWith("phải có tối đa 500 ký tự");
    }

    private long outboxRowsAbout(UUID activityId) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE subject = :s").param("s", activityId.toString())
                .query(Long.class).single();
    }

    /** The list's query parameters are bounded too (MVC's own method validation: the controller is no proxy). */
    @Test
    void aListFilterOverItsBoundIsABadRequestNamingTheParameter() {
        Http.Response r = http.get("/api/activities?unit=" + "u".repeat(65), officerOf("lien-minh"));
        assertProblem(r, 400, "validation-failed");
        assertThat(r.json().at("/errors/0/field").asString()).isEqualTo("unit");
        assertThat(r.json().at("/errors/0/message").asString()).isEqualTo("phải có tối đa 64 ký tự (hiện có 65)");
    }
}
