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
        UUID cancelled = schedule(LIEN_MINH_OFFICER, plan, "Pano", LocalDate.of(2022, 7, 30));
        act(LIEN_MINH_OFFICER, cancelled, "cancel", Map.of("reason", "Trùng với kế hoạch huyện"));

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.about(done).size() == 2
                && ActivityTopic.about(minimal).size() == 2 && ActivityTopic.about(cancelled).size() == 2);
        for (UUID id : List.of(done, minimal, cancelled)) {
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
}
