package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.activity.Upstream;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scope follows the current tree (issues 15.8, 19.7): org-unit-moved, -closed and org-units-merged applied to the
 * tree copy, and every access decided on it. Each test has communes of its own: the tree is shared by the run.
 */
class OrgTreeIT extends IntegrationTestSupport {

    static final String CAN_LOC_OFFICER = TestTokens.bearer("canloc.vhtt", "DISTRICT_OFFICER", "can-loc");

    UUID planIn(List<String> path) {
        String commune = path.get(path.size() - 1);
        UUID planId = UUID.randomUUID();
        Map<String, Object> plan = Upstream.planIssued(planId, 1, commune, List.of("CT-RADIO"));
        plan.put("orgUnitPath", path);
        Upstream.sendPlan("plan-issued", plan);
        awaitPlanVersion(planId, 1);
        return planId;
    }

    void awaitPath(String code, List<String> path) {
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT array_to_string(path, '/') FROM org_unit_copy WHERE code = :c").param("c", code)
                .query(String.class).single().equals(String.join("/", path)));
    }

    @Test
    void movingACommuneToAnotherDistrictMovesItsAccess() {
        String commune = "xa-doi-huyen";
        List<String> before = List.of("ha-tinh", "duc-tho", commune);
        List<String> after = List.of("ha-tinh", "can-loc", commune);
        Upstream.sendOrgUnitEvent("org-unit-registered", Upstream.orgUnitRegistered(commune, "Xã Đổi Huyện", "COMMUNE", before));
        UUID plan = planIn(before);
        String officer = officerOf(commune);
        UUID id = schedule(officer, plan, "Chuyên mục CCHC trước khi chuyển huyện", LocalDate.of(2022, 6, 30));
        assertThat(http.get("/api/activities/" + id, DISTRICT_OFFICER).status()).isEqualTo(200);
        assertProblem(http.get("/api/activities/" + id, CAN_LOC_OFFICER), 404, "not-found");

        Upstream.sendOrgUnitEvent("org-unit-moved", Upstream.orgUnitMoved(commune, "Xã Đổi Huyện", before, after));
        awaitPath(commune, after);

        // The old district gets 404 and no longer lists it; the new one reads and works on it.
        assertProblem(http.get("/api/activities/" + id, DISTRICT_OFFICER), 404, "not-found");
        assertProblem(act(DISTRICT_OFFICER, id, "start", null), 404, "not-found");
        assertThat(http.get("/api/activities?planId=" + plan, DISTRICT_OFFICER).json().get("total").asLong()).isZero();
        assertThat(http.get("/api/activities/" + id, CAN_LOC_OFFICER).status()).isEqualTo(200);
        assertThat(http.get("/api/activities?planId=" + plan, CAN_LOC_OFFICER).json().get("total").asLong()).isEqualTo(1);
        assertThat(http.get("/api/activities/" + id, officer).status()).isEqualTo(200);
        assertThat(http.get("/api/activities/" + id, PROVINCE_VIEWER).status()).isEqualTo(200);

        // What the activity publishes from now on carries the new path.
        assertThat(act(CAN_LOC_OFFICER, id, "complete", completion(LocalDate.of(2022, 6, 15), 2)).status()).isEqualTo(200);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-completed", id).size() == 1);
        JsonNode path = ActivityTopic.ofType("activity-completed", id).get(0).data().get("orgUnitPath");
        assertThat(path.valueStream().map(JsonNode::asString).toList()).containsExactlyElementsOf(after);
        assertThat(jdbc.sql("SELECT array_to_string(org_unit_path, '/') FROM plan_copy WHERE plan_id = :p").param("p", plan)
                .query(String.class).single()).isEqualTo("ha-tinh/can-loc/" + commune);
    }

    @Test
    void theOfficersOfAMergedCommuneSeeWhatItsPredecessorsDidAndAClosedCommuneTakesNoNewWork() {
        List<String> first = List.of("ha-tinh", "duc-tho", "xa-cu-mot");
        List<String> second = List.of("ha-tinh", "duc-tho", "xa-cu-hai");
        List<String> merged = List.of("ha-tinh", "duc-tho", "xa-hop-nhat");
        UUID firstPlan = planIn(first);
        UUID secondPlan = planIn(second);
        UUID a = schedule(officerOf("xa-cu-mot"), firstPlan, "Chuyên mục của xã cũ thứ nhất", LocalDate.of(2022, 6, 30));
        UUID b = schedule(officerOf("xa-cu-hai"), secondPlan, "Tin bài của xã cũ thứ hai", LocalDate.of(2022, 6, 30));
        String mergedOfficer = officerOf("xa-hop-nhat");
        assertProblem(http.get("/api/activities/" + a, mergedOfficer), 404, "not-found");

        Upstream.sendOrgUnitEvent("org-unit-registered", Upstream.orgUnitRegistered("xa-hop-nhat", "Xã Hợp Nhất", "COMMUNE", merged));
        Upstream.sendOrgUnitEvent("org-unit-closed", Upstream.orgUnitClosed("xa-cu-mot", "Xã Cũ Một", first, "xa-hop-nhat", merged));
        Upstream.sendOrgUnitEvent("org-units-merged", Upstream.orgUnitsMerged("xa-hop-nhat", "Xã Hợp Nhất", merged, List.of(
                Map.of("code", "xa-cu-mot", "name", "Xã Cũ Một", "level", "COMMUNE", "path", first, "movedChildren", List.of()),
                Map.of("code", "xa-cu-hai", "name", "Xã Cũ Hai", "level", "COMMUNE", "path", second, "movedChildren", List.of()))));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM org_unit_copy WHERE successor_code = 'xa-hop-nhat' AND closed_on IS NOT NULL")
                .query(Long.class).single() == 2);

        assertThat(http.get("/api/activities/" + a, mergedOfficer).status()).isEqualTo(200);
        assertThat(http.get("/api/activities/" + b, mergedOfficer).status()).isEqualTo(200);
        JsonNode list = http.get("/api/activities?size=200", mergedOfficer).json();
        assertThat(list.get("items").valueStream().map(i -> i.get("id").asString()).toList())
                .contains(a.toString(), b.toString());
        assertProblem(http.get("/api/activities/" + a, officerOf("tung-chau")), 404, "not-found");
        // Nothing new is scheduled in a commune that no longer exists; its history stays as it was.
        assertProblem(http.post("/api/activities", officerOf("xa-cu-mot"),
                newActivity(firstPlan, "Sau khi sáp nhập", LocalDate.of(2022, 7, 31))), 409, "org-unit-closed");
        assertThat(jdbc.sql("SELECT array_to_string(org_unit_path, '/') FROM activity WHERE id = :id").param("id", a)
                .query(String.class).single()).isEqualTo("ha-tinh/duc-tho/xa-cu-mot");
    }

    @Test
    void anOlderRegistrationArrivingLateDoesNotUndoAMove() {
        String commune = "xa-den-muon";
        List<String> before = List.of("ha-tinh", "duc-tho", commune);
        List<String> after = List.of("ha-tinh", "can-loc", commune);
        Upstream.sendOrgUnitEvent("org-unit-moved", Upstream.orgUnitMoved(commune, "Xã Đến Muộn", before, after));
        awaitPath(commune, after);
        // A registration stamped before the move (another partition could deliver it late).
        String late = Upstream.envelope("org-unit-registered", "/plan-service", commune,
                Upstream.orgUnitRegistered(commune, "Xã Đến Muộn", "COMMUNE", before))
                .replaceFirst("\"time\":\"[^\"]+\"", "\"time\":\"2020-01-01T00:00:00+07:00\"");
        Upstream.send(vn.loa.messaging.Topics.ORG_UNIT_EVENTS, commune, late);
        // A marker on the same key after it: once the marker is applied, the late event was handled.
        Upstream.send(vn.loa.messaging.Topics.ORG_UNIT_EVENTS, commune, Upstream.envelope("org-unit-registered",
                "/plan-service", commune + "-moc", Upstream.orgUnitRegistered(commune + "-moc", "Mốc", "COMMUNE",
                        List.of("ha-tinh", "can-loc", commune + "-moc"))));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM org_unit_copy WHERE code = :c").param("c", commune + "-moc").query(Long.class).single() == 1);
        assertThat(jdbc.sql("SELECT array_to_string(path, '/') FROM org_unit_copy WHERE code = :c").param("c", commune)
                .query(String.class).single()).isEqualTo(String.join("/", after));
    }
}
