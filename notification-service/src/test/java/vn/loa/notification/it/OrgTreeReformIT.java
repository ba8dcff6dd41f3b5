package vn.loa.notification.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.loa.notification.TestEvents.COMMUNE_UNITS;
import static vn.loa.notification.TestEvents.DISTRICT_UNITS;
import static vn.loa.notification.TestEvents.activity;
import static vn.loa.notification.TestEvents.orgUnit;
import static vn.loa.notification.TestEvents.orgUnitClosed;
import static vn.loa.notification.TestEvents.orgUnitMoved;
import static vn.loa.notification.TestEvents.orgUnitsMerged;
import static vn.loa.notification.TestEvents.report;

/**
 * The 2025 reform as notification-service hears it (EVENTS.md, org-unit-moved / -closed / org-units-merged): copied
 * paths follow a move, a merged commune's subscriptions and inbox go to the new commune, news for a closed unit reach
 * its successor, reminders reach no closed unit, and a unit closed without a successor hears nothing more.
 */
class OrgTreeReformIT extends NotificationIT {

    String district;
    String liênMinh;
    String tùngChâu;
    List<String> districtPath;

    @BeforeEach
    void orgTree() {
        district = unique("duc-tho");
        liênMinh = unique("lien-minh");
        tùngChâu = unique("tung-chau");
        districtPath = List.of("ha-tinh", district);
        register(district, "Huyện Đức Thọ", "DISTRICT", "ha-tinh", districtPath, DISTRICT_UNITS);
        register(liênMinh, "Xã Liên Minh", "COMMUNE", district, pathOf(liênMinh), COMMUNE_UNITS);
        register(tùngChâu, "Xã Tùng Châu", "COMMUNE", district, pathOf(tùngChâu), COMMUNE_UNITS);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from org_unit where code in (:c)")
                .param("c", List.of(district, liênMinh, tùngChâu)).query(Long.class).single() == 3);
    }

    @Test
    void aMoveRewritesEveryCopiedPathAndScopeFollowsTheNewTree() throws Exception {
        UUID subscription = subscribe(liênMinh, "report-approved");
        UUID plan = UUID.randomUUID();
        UUID activityId = UUID.randomUUID();
        UUID scheduled = publish(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-scheduled", activityId.toString(),
                activity(activityId, plan, "15/KH-UBND", liênMinh, pathOf(liênMinh), "van-hoa-thong-tin", List.of(),
                        LocalDate.of(2025, 9, 30)));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(scheduled));
        // the district's officer sees the commune's subscription while the commune is below the district
        mvc.perform(get("/api/subscriptions").header("Authorization", districtOfficer()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1));

        List<String> newPath = List.of("ha-tinh", liênMinh);
        Map<String, Object> move = orgUnitMoved(liênMinh, "Xã Liên Minh", district, "ha-tinh", pathOf(liênMinh), newPath);
        UUID moved = publish(Topics.ORG_UNIT_EVENTS, liênMinh, "org-unit-moved", liênMinh, move);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(moved));

        assertThat(path("select path from org_unit where code = :c", liênMinh)).isEqualTo(newPath);
        assertThat(jdbc.sql("select parent_code from org_unit where code = :c").param("c", liênMinh)
                .query(String.class).single()).isEqualTo("ha-tinh");
        assertThat(path("select org_unit_path from subscription where org_unit = :c", liênMinh)).isEqualTo(newPath);
        assertThat(path("select org_unit_path from activity_deadline where org_unit = :c", liênMinh)).isEqualTo(newPath);
        // scope follows the new tree: the former district sees the subscription no more, the commune still does
        mvc.perform(get("/api/subscriptions").header("Authorization", districtOfficer()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/subscriptions/" + subscription).header("Authorization", districtOfficer()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/subscriptions/" + subscription).header("Authorization", officerOf(liênMinh)))
                .andExpect(status().isOk());

        // replaying the move (a redelivery under a new id) changes nothing
        UUID again = publish(Topics.ORG_UNIT_EVENTS, liênMinh, "org-unit-moved", liênMinh, move);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(again));
        assertThat(path("select org_unit_path from subscription where org_unit = :c", liênMinh)).isEqualTo(newPath);
        assertThat(path("select org_unit_path from activity_deadline where org_unit = :c", liênMinh)).isEqualTo(newPath);
    }

    @Test
    void aMergedCommunesSubscriptionsAndInboxGoToTheNewCommuneAndItsRemindersStop() throws Exception {
        UUID subscription = subscribe(liênMinh, "report-approved", "report-due-soon");
        UUID before = publish(Topics.REPORT_EVENTS, liênMinh, "report-approved", liênMinh + "/2025-Q1",
                report(liênMinh, pathOf(liênMinh), district, "2025-Q1", LocalDate.of(2025, 4, 10), null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recipientsOf(before)).containsExactly(liênMinh));

        // Liên Minh and Tùng Châu become Xã Đức Thọ (the order across keys is not given: the merger comes first here)
        String đứcThọ = unique("xa-duc-tho");
        List<String> newPath = pathOf(đứcThọ);
        register(đứcThọ, "Xã Đức Thọ", "COMMUNE", district, newPath, COMMUNE_UNITS);
        Map<String, List<String>> predecessors = new LinkedHashMap<>();
        predecessors.put(liênMinh, pathOf(liênMinh));
        predecessors.put(tùngChâu, pathOf(tùngChâu));
        UUID merged = publish(Topics.ORG_UNIT_EVENTS, đứcThọ, "org-units-merged", đứcThọ,
                orgUnitsMerged(đứcThọ, "Xã Đức Thọ", district, newPath, predecessors));
        UUID closed = publish(Topics.ORG_UNIT_EVENTS, liênMinh, "org-unit-closed", liênMinh,
                orgUnitClosed(liênMinh, "Xã Liên Minh", district, pathOf(liênMinh), đứcThọ, newPath));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(merged) && processed(closed));

        assertThat(jdbc.sql("select successor_code from org_unit where code = :c and closed_on = date '2025-07-01'")
                .param("c", liênMinh).query(String.class).single()).isEqualTo(đứcThọ);
        // the subscription now speaks for the new commune (a change of the aggregate: a new ETag)
        assertThat(jdbc.sql("select org_unit from subscription where id = :id").param("id", subscription)
                .query(String.class).single()).isEqualTo(đứcThọ);
        assertThat(path("select org_unit_path from subscription where id = :c", subscription)).isEqualTo(newPath);
        mvc.perform(get("/api/subscriptions/" + subscription).header("Authorization", officerOf(đứcThọ)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.orgUnit").value(đứcThọ));
        // the new commune's inbox holds Liên Minh's notices; the rows keep their own org unit
        mvc.perform(get("/api/notifications").header("Authorization", officerOf(đứcThọ)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].orgUnit").value(liênMinh));
        assertThat(recipientsOf(before)).containsExactly(liênMinh);

        // news about Liên Minh after the merger (a late approval) reach Xã Đức Thọ and its subscribers
        UUID after = publish(Topics.REPORT_EVENTS, liênMinh, "report-approved", liênMinh + "/2025-Q2",
                report(liênMinh, pathOf(liênMinh), district, "2025-Q2", LocalDate.of(2025, 7, 10), null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(recipientsOf(after)).containsExactly(đứcThọ);
            assertThat(deliveriesOf(after)).containsExactly(subscription);
        });
        // a reminder for the closed commune reaches nobody: nothing is expected of it from its closing day
        UUID reminder = publish(Topics.REPORT_EVENTS, liênMinh, "report-due", liênMinh + "/2025-Q3", reportDue(liênMinh));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(reminder));
        assertThat(recipientsOf(reminder)).isEmpty();
        assertThat(deliveriesOf(reminder)).isEmpty();
    }

    @Test
    void aUnitClosedWithoutSuccessorHearsNothingMoreAndKeepsItsSubscriptions() throws Exception {
        UUID subscription = subscribe(tùngChâu, "report-approved");
        UUID closed = publish(Topics.ORG_UNIT_EVENTS, tùngChâu, "org-unit-closed", tùngChâu,
                orgUnitClosed(tùngChâu, "Xã Tùng Châu", district, pathOf(tùngChâu), null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(closed));

        UUID approved = publish(Topics.REPORT_EVENTS, tùngChâu, "report-approved", tùngChâu + "/2025-Q2",
                report(tùngChâu, pathOf(tùngChâu), district, "2025-Q2", LocalDate.of(2025, 7, 10), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(approved));
        assertThat(recipientsOf(approved)).isEmpty();
        assertThat(deliveriesOf(approved)).isEmpty();
        assertThat(jdbc.sql("select org_unit from subscription where id = :id").param("id", subscription)
                .query(String.class).single()).isEqualTo(tùngChâu);
    }

    private List<String> pathOf(String commune) {
        return List.of("ha-tinh", district, commune);
    }

    private void register(String code, String name, String level, String parent, List<String> path,
                          List<Map<String, Object>> units) {
        publish(Topics.ORG_UNIT_EVENTS, code, "org-unit-registered", code, orgUnit(code, name, level, parent, path, units));
    }

    private String districtOfficer() {
        return vn.loa.testsupport.TestTokens.bearer("phongvhtt." + district, "DISTRICT_OFFICER", district);
    }

    private UUID subscribe(String commune, String... events) throws Exception {
        String body = mvc.perform(post("/api/subscriptions").header("Authorization", officerOf(commune))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "EMAIL",
                                "target", "vhtt@" + commune + ".example.vn", "events", List.of(events)))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return UUID.fromString(json.readTree(body).get("id").asString());
    }

    private Map<String, Object> reportDue(String commune) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orgUnit", commune);
        m.put("orgUnitName", "Xã Liên Minh");
        m.put("orgUnitLevel", "COMMUNE");
        m.put("orgUnitPath", pathOf(commune));
        m.put("period", "2025-Q3");
        m.put("periodKind", "QUARTER");
        m.put("from", "2025-07-01");
        m.put("to", "2025-09-30");
        m.put("dueDate", "2025-10-10");
        m.put("remindedOn", "2025-10-07");
        m.put("status", "DRAFT");
        m.put("workingDaysLeft", 3);
        m.put("daysLeft", 3);
        return m;
    }

    private boolean processed(UUID event) {
        return jdbc.sql("select count(*) from processed_event where event_id = :id").param("id", event)
                .query(Long.class).single() > 0;
    }

    private List<UUID> deliveriesOf(UUID event) {
        return jdbc.sql("select subscription_id from delivery where event_id = :id").param("id", event)
                .query(UUID.class).list();
    }

    private List<String> path(String sql, Object key) {
        return jdbc.sql(sql).param("c", key).query((rs, i) -> List.of((String[]) rs.getArray(1).getArray())).single();
    }
}
