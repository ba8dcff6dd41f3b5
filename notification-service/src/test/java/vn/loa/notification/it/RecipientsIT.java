package vn.loa.notification.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.loa.notification.TestEvents.COMMUNE_UNITS;
import static vn.loa.notification.TestEvents.DISTRICT_UNITS;
import static vn.loa.notification.TestEvents.activity;
import static vn.loa.notification.TestEvents.commune;
import static vn.loa.notification.TestEvents.orgUnit;
import static vn.loa.notification.TestEvents.overdue;
import static vn.loa.notification.TestEvents.planIssued;
import static vn.loa.notification.TestEvents.quarterClosed;
import static vn.loa.notification.TestEvents.report;

/** Who hears what, event by event (issue 7, "Who hears what"). */
class RecipientsIT extends NotificationIT {

    String district;
    String commune;
    List<String> districtPath;
    List<String> communePath;

    @BeforeEach
    void orgTree() {
        district = unique("duc-tho");
        commune = unique("lien-minh");
        districtPath = List.of("ha-tinh", district);
        communePath = List.of("ha-tinh", district, commune);
        publish(Topics.ORG_UNIT_EVENTS, district, "org-unit-registered", district,
                orgUnit(district, "Huyện Đức Thọ", "DISTRICT", "ha-tinh", districtPath, DISTRICT_UNITS));
        publish(Topics.ORG_UNIT_EVENTS, commune, "org-unit-registered", commune,
                orgUnit(commune, "Xã Liên Minh", "COMMUNE", district, communePath, COMMUNE_UNITS));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("select count(*) from org_unit where code in (:a, :b)").param("a", district).param("b", commune)
                        .query(Long.class).single() == 2);
    }

    @Test
    void planIssuedReachesItsRecipientsAndEveryAssignedUnitAndNamesTheDocumentNumber() throws Exception {
        UUID planId = UUID.randomUUID();
        UUID event = publish(Topics.PLAN_EVENTS, planId.toString(), "plan-issued", planId.toString(),
                planIssued(planId, commune, communePath, "15/KH-UBND"));

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recipientsOf(event))
                .containsExactlyInAnyOrder(commune + "/van-hoa-thong-tin", commune + "/noi-vu",
                        commune + "/buu-dien-xa", district + "/phong-vhtt", district + "/phong-tu-phap",
                        district + "/phong-noi-vu"));
        String subject = "UBND xã Liên Minh ban hành Kế hoạch số 15/KH-UBND";
        String token = TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", commune);

        String body = mvc.perform(get("/api/notifications?unread=true").header("Authorization", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].subject", hasItem(subject)))
                .andExpect(jsonPath("$.total").value(3))
                .andReturn().getResponse().getContentAsString();
        String id = json.readTree(body).get("items").get(0).get("id").asString();

        // Another org unit's officer cannot see or read it.
        mvc.perform(post("/api/notifications/" + id + "/read")
                        .header("Authorization", TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/notifications/" + id + "/read").header("Authorization", token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.read").value(true));
        mvc.perform(get("/api/notifications?unread=true").header("Authorization", token))
                .andExpect(jsonPath("$.items[*].id", not(hasItem(id))))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/notifications").header("Authorization", token))
                .andExpect(jsonPath("$.total").value(3));
        mvc.perform(get("/api/notifications?unread=true")
                        .header("Authorization", TestTokens.bearer("ductho.vhtt", "DISTRICT_OFFICER", district)))
                .andExpect(jsonPath("$.items[*].subject", hasItem(subject)))
                .andExpect(jsonPath("$.total").value(3));
    }

    @Test
    void activityScheduledReachesTheUnitInChargeAndTheCoordinatingUnits() {
        UUID planId = UUID.randomUUID();
        UUID event = publish(Topics.ACTIVITY_EVENTS, planId.toString(), "activity-scheduled", "a",
                activity(UUID.randomUUID(), planId, "15/KH-UBND", commune, communePath, "tu-phap",
                        List.of("noi-vu", "mttq-doan-the"), LocalDate.of(2022, 3, 31)));

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recipientsOf(event))
                .containsExactlyInAnyOrder(commune + "/tu-phap", commune + "/noi-vu", commune + "/mttq-doan-the"));
        assertThat(bodyOf(event, commune + "/noi-vu")).contains("Kế hoạch số 15/KH-UBND")
                .contains("Đơn vị chủ trì: Tư pháp")
                .contains("Đơn vị phối hợp: Nội vụ, Ủy ban MTTQ và các tổ chức đoàn thể")
                .contains("31/03/2022");
    }

    @Test
    void activityOverdueReachesTheUnitInChargeAndTheCultureInformationOfficer() {
        UUID planId = UUID.randomUUID();
        UUID event = publish(Topics.ACTIVITY_EVENTS, planId.toString(), "activity-overdue", "a",
                overdue(UUID.randomUUID(), planId, "15/KH-UBND", commune, communePath, "buu-dien-xa",
                        LocalDate.of(2022, 3, 31)));

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recipientsOf(event))
                .containsExactlyInAnyOrder(commune + "/buu-dien-xa", commune + "/van-hoa-thong-tin"));
        assertThat(bodyOf(event, commune + "/van-hoa-thong-tin")).contains("đã quá hạn ngày 31/03/2022");
    }

    @Test
    void quarterClosedReachesEachCommuneWithItsOwnDueDate() {
        String other = unique("tung-chau");
        List<String> otherPath = List.of("ha-tinh", district, other);
        UUID event = publish(Topics.PERIOD_EVENTS, district, "quarter-closed", district + "/2022-Q1",
                quarterClosed(district, districtPath, "2022-Q1", List.of(
                        commune(commune, communePath, LocalDate.of(2022, 4, 5)),
                        commune(other, otherPath, LocalDate.of(2022, 4, 6)))));

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recipientsOf(event))
                .containsExactlyInAnyOrder(commune, other));
        assertThat(subjectOf(event, commune)).isEqualTo("Khóa số liệu 2022-Q1: hạn nộp báo cáo 05/04/2022");
        assertThat(subjectOf(event, other)).isEqualTo("Khóa số liệu 2022-Q1: hạn nộp báo cáo 06/04/2022");
        assertThat(bodyOf(event, commune)).contains("Huyện Đức Thọ đã khóa số liệu 2022-Q1 của Xã Liên Minh");
    }

    @Test
    void quarterReopenedReachesTheCommunesReopened() {
        var data = new java.util.LinkedHashMap<String, Object>();
        data.put("district", district);
        data.put("period", "2022-Q1");
        data.put("reason", "Bổ sung số liệu tập huấn");
        data.put("until", "2022-04-20T23:59:59+07:00");
        data.put("reopenedBy", "ductho.vhtt");
        data.put("reopenedAt", "2022-04-10T08:00:00+07:00");
        data.put("communes", List.of(commune(commune, communePath, LocalDate.of(2022, 4, 25))));
        UUID event = publish(Topics.PERIOD_EVENTS, district, "quarter-reopened", district, data);

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recipientsOf(event))
                .containsExactly(commune));
        assertThat(bodyOf(event, commune)).contains("Lý do: Bổ sung số liệu tập huấn").contains("25/04/2022");
    }

    @Test
    void reportSubmittedReachesTheDistrictAndApprovedOrReturnedReachTheCommuneWithTheReason() {
        LocalDate due = LocalDate.of(2022, 4, 10);
        UUID submitted = publish(Topics.REPORT_EVENTS, commune, "report-submitted", "r",
                report(commune, communePath, district, "2022-Q1", due, null));
        UUID returned = publish(Topics.REPORT_EVENTS, commune, "report-returned", "r",
                report(commune, communePath, district, "2022-Q1", due, "Thiếu số liệu phát thanh tháng 3"));
        UUID approved = publish(Topics.REPORT_EVENTS, commune, "report-approved", "r",
                report(commune, communePath, district, "2022-Q1", due, null));

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(recipientsOf(submitted)).containsExactly(district);
            assertThat(recipientsOf(returned)).containsExactly(commune);
            assertThat(recipientsOf(approved)).containsExactly(commune);
        });
        assertThat(subjectOf(submitted, district)).isEqualTo("Xã Liên Minh đã nộp báo cáo 2022-Q1");
        assertThat(bodyOf(submitted, district)).contains("(đúng hạn)");
        assertThat(bodyOf(returned, commune)).contains("Lý do: Thiếu số liệu phát thanh tháng 3");
    }

    private String bodyOf(UUID event, String recipient) {
        return column("body", event, recipient);
    }

    private String subjectOf(UUID event, String recipient) {
        return column("subject", event, recipient);
    }

    private String column(String column, UUID event, String recipient) {
        return jdbc.sql("select " + column + " from notification where event_id = :id and "
                        + "(case when unit is null then org_unit else org_unit || '/' || unit end) = :r")
                .param("id", event).param("r", recipient).query(String.class).single();
    }
}
