package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.contracts.EventContracts;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What we publish, as it arrives on Kafka, against our own schemas (activity-overdue: OverdueJobIT). */
class ActivityEventContractsIT extends IntegrationTestSupport {

    @Test
    void scheduledCompletedAndCancelledEventsMatchTheirSchemas() {
        UUID plan = issuedPlan("lien-minh");
        UUID done = schedule(LIEN_MINH_OFFICER, plan, "Chuyên mục CCHC – Bưu điện xã phối hợp", LocalDate.of(2022, 6, 30));
        act(LIEN_MINH_OFFICER, done, "start", null);
        assertThat(act(LIEN_MINH_OFFICER, done, "complete",
                completion(LocalDate.of(2022, 6, 10), 4)).status()).isEqualTo(200);
        // Optional fields left out: no planned quantity, reach, cost or evidence.
        Map<String, Object> bare = newActivity(plan, "Tin bài", LocalDate.of(2022, 6, 30));
        bare.remove("plannedQuantity");
        UUID minimal = UUID.fromString(http.post("/api/activities", LIEN_MINH_OFFICER, bare).json().get("id").asString());
        assertThat(act(LIEN_MINH_OFFICER, minimal, "complete",
                Map.of("completedOn", "2022-06-11", "quantity", 1)).status()).isEqualTo(200);
        // Everything of issue 19: topics, planned cost and its source, reach per audience, spent cost.
        Map<String, Object> full = newActivity(plan, "Tập huấn dịch vụ công trực tuyến", LocalDate.of(2022, 6, 30));
        full.put("channel", "TRAINING");
        full.put("topics", List.of("a", "d"));
        full.put("targetCodes", List.of());
        full.put("plannedCostVnd", 3_500_000);
        full.put("budgetSource", "DISTRICT");
        UUID rich = UUID.fromString(http.post("/api/activities", LIEN_MINH_OFFICER, full).json().get("id").asString());
        Map<String, Object> outputs = completion(LocalDate.of(2022, 6, 12), 1);
        outputs.remove("reach");
        outputs.put("audiences", List.of(Map.of("audience", "OFFICIALS", "reach", 45), Map.of("audience", "BUSINESSES", "reach", 5)));
        outputs.put("costVnd", 3_200_000);
        assertThat(act(LIEN_MINH_OFFICER, rich, "complete", outputs).status()).isEqualTo(200);
        UUID cancelled = schedule(LIEN_MINH_OFFICER, plan, "Pano", LocalDate.of(2022, 7, 30));
        act(LIEN_MINH_OFFICER, cancelled, "cancel", Map.of("reason", "Trùng với kế hoạch huyện"));

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.about(done).size() == 2
                && ActivityTopic.about(minimal).size() == 2 && ActivityTopic.about(cancelled).size() == 2
                && ActivityTopic.about(rich).size() == 2);
        for (UUID id : List.of(done, minimal, cancelled, rich)) {
            for (ActivityTopic.Received r : ActivityTopic.about(id)) {
                EventContracts.assertValid(r.type(), r.value());
                assertThat(r.key()).isEqualTo(plan.toString());
                assertThat(r.envelope().get("source").asString()).isEqualTo("/activity-service");
            }
        }
        assertThat(ActivityTopic.about(done)).extracting(ActivityTopic.Received::type)
                .containsExactly("activity-scheduled", "activity-completed");
        assertThat(ActivityTopic.about(cancelled)).extracting(ActivityTopic.Received::type)
                .containsExactly("activity-scheduled", "activity-cancelled");
    }

    @Test
    void theCompletionCarriesTopicsAudiencesAndPlannedAgainstSpentCostWithItsSource() {
        UUID plan = issuedPlan("lien-minh");
        Map<String, Object> body = newActivity(plan, "Chuyên mục có kinh phí", LocalDate.of(2022, 6, 30));
        body.put("topics", List.of("a", "d"));
        body.put("plannedCostVnd", 200_000);
        body.put("budgetSource", "COMMUNE");
        UUID id = UUID.fromString(http.post("/api/activities", LIEN_MINH_OFFICER, body).json().get("id").asString());
        Map<String, Object> outputs = completion(LocalDate.of(2022, 6, 12), 4);
        outputs.put("audiences", List.of(Map.of("audience", "CITIZENS", "reach", 3000)));
        outputs.put("budgetSource", "OTHER");
        var done = act(LIEN_MINH_OFFICER, id, "complete", outputs);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("audiences").get(0).get("audience").asString()).isEqualTo("CITIZENS");

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-completed", id).size() == 1);
        var data = ActivityTopic.ofType("activity-completed", id).get(0).data();
        assertThat(data.get("topics").valueStream().map(t -> t.asString()).toList()).containsExactly("a", "d");
        assertThat(data.get("reach").asLong()).isEqualTo(3200);
        assertThat(data.get("audiences").get(0).get("reach").asLong()).isEqualTo(3000);
        assertThat(data.get("plannedCostVnd").asLong()).isEqualTo(200_000);
        assertThat(data.get("costVnd").asLong()).isEqualTo(150_000);
        assertThat(data.get("budgetSource").asString()).isEqualTo("OTHER");
        var scheduled = ActivityTopic.ofType("activity-scheduled", id).get(0).data();
        assertThat(scheduled.get("plannedCostVnd").asLong()).isEqualTo(200_000);
        assertThat(scheduled.get("budgetSource").asString()).isEqualTo("COMMUNE");
    }
}
