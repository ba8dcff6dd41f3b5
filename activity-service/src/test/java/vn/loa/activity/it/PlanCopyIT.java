package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.activity.Upstream;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The plan copy built from plan-* events: late events, versions that only move forward, closing. */
class PlanCopyIT extends IntegrationTestSupport {

    @Test
    void anActivityRefusedBecauseThePlanEventIsLateIsAcceptedOnceItArrives() {
        UUID plan = UUID.randomUUID();
        Map<String, Object> body = newActivity(plan, "Chuyên mục CCHC tháng 7", LocalDate.of(2022, 7, 31));
        assertProblem(http.post("/api/activities", LIEN_MINH_OFFICER, body), 422, "plan-not-issued");

        Upstream.sendPlan("plan-issued", Upstream.planIssued(plan, 1, "lien-minh", List.of("CT-RADIO")));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> http.post("/api/activities", LIEN_MINH_OFFICER, body).status() == 201);
    }

    @Test
    void anOlderVersionArrivingLateDoesNotRollThePlanBack() {
        UUID plan = UUID.randomUUID();
        Upstream.sendPlan("plan-amended", Upstream.planAmended(plan, 2, "lien-minh", List.of("CT-RADIO", "CT-NEW")));
        awaitPlanVersion(plan, 2);
        Upstream.sendPlan("plan-issued", Upstream.planIssued(plan, 1, "lien-minh", List.of("CT-RADIO")));
        // A marker on the same key, after the late event: once it is applied, the late one was handled.
        UUID marker = UUID.randomUUID();
        Upstream.send(vn.loa.messaging.Topics.PLAN_EVENTS, plan.toString(), Upstream.envelope("plan-issued",
                "/plan-service", marker.toString(), Upstream.planIssued(marker, 1, "lien-minh", List.of("CT-RADIO"))));
        awaitPlanVersion(marker, 1);

        assertThat(jdbc.sql("SELECT version FROM plan_copy WHERE plan_id = :id").param("id", plan).query(Integer.class).single())
                .isEqualTo(2);
        Map<String, Object> body = newActivity(plan, "Theo chỉ tiêu bổ sung", LocalDate.of(2022, 8, 31));
        body.put("targetCodes", List.of("CT-NEW"));
        Http.Response r = http.post("/api/activities", LIEN_MINH_OFFICER, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("targetCodes").get(0).asString()).isEqualTo("CT-NEW");
    }

    @Test
    void aClosedPlanTakesNoNewActivities() {
        UUID plan = issuedPlan("lien-minh");
        Upstream.sendPlan("plan-closed", Upstream.planClosed(plan, 1, "lien-minh"));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(jdbc.sql(
                "SELECT status FROM plan_copy WHERE plan_id = :id").param("id", plan).query(String.class).single()));
        assertProblem(http.post("/api/activities", LIEN_MINH_OFFICER, newActivity(plan, "x", LocalDate.of(2022, 8, 1))),
                422, "plan-not-issued");
    }
}
