package vn.loa.reporting.report;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.projection.TallyRecompute;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19.1, 19.2 and 19.6 on the reporting side: topics, reach per audience, planned cost and budget source
 * of the activity events reach the commune's report (per topic, per audience, planned against spent per
 * source) and the district's consolidated report; an activity-corrected changes them; the tallies recomputed
 * from the rows say the same. Events through Kafka as activity-service publishes them (additive fields).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicsAudiencesBudgetIT extends ReportingIntegrationTest {

    static final List<String> C1 = List.of("ha-tinh", "tab-district", "tab-c1");
    static final List<String> C2 = List.of("ha-tinh", "tab-district", "tab-c2");
    static final String OFFICER = TestTokens.bearer("tab.vhtt", "COMMUNE_OFFICER", "tab-c1");
    static final String DISTRICT = TestTokens.bearer("tab.huyen", "DISTRICT_OFFICER", "tab-district");
    static final UUID PLAN_1 = UUID.randomUUID();
    static final UUID PLAN_2 = UUID.randomUUID();

    @Autowired
    TallyRecompute recompute;

    Activity radio;

    @BeforeEach
    void today() {
        clock.setLocal("2022-04-02T10:00");
    }

    @BeforeAll
    void publish() {
        var ev = events();
        ev.orgUnit("ha-tinh", "Tỉnh Hà Tĩnh", "PROVINCE", "ha-tinh");
        ev.orgUnit("tab-district", "Huyện Chủ Đề", "DISTRICT", "ha-tinh", "tab-district");
        ev.orgUnit("tab-c1", "Xã Đối Tượng", "COMMUNE", C1.toArray(String[]::new));
        ev.orgUnit("tab-c2", "Xã Nguồn Vốn", "COMMUNE", C2.toArray(String[]::new));
        var targets = List.of(Plans.target("T1", "Chuyên mục CCHC trên truyền thanh", "COUNT", 12, null, "RADIO",
                "van-hoa-thong-tin"));
        ev.send(Topics.PLAN_EVENTS, PLAN_1.toString(), "plan-issued", PLAN_1.toString(),
                Plans.plan(PLAN_1, 1, "tab-c1", C1, 2022, targets, List.of("RADIO", "WEBSITE", "TRAINING"), 12_000_000));
        ev.send(Topics.PLAN_EVENTS, PLAN_2.toString(), "plan-issued", PLAN_2.toString(),
                Plans.plan(PLAN_2, 1, "tab-c2", C2, 2022, targets, List.of("RADIO"), 4_000_000));

        radio = Activity.of(PLAN_1, C1, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-03-31");
        Activity training = Activity.of(PLAN_1, C1, "TRAINING", List.of(), "noi-vu", List.of(), "2022-03-20");
        Activity web = Activity.of(PLAN_1, C1, "WEBSITE", List.of(), "van-hoa-thong-tin", List.of(), "2022-02-28");
        Activity other = Activity.of(PLAN_2, C2, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-03-15");
        String k1 = PLAN_1.toString();
        ev.send(Topics.ACTIVITY_EVENTS, k1, "activity-scheduled", radio.id().toString(),
                with(radio.scheduled(), List.of("a", "d"), 600_000L, "COMMUNE"));
        ev.send(Topics.ACTIVITY_EVENTS, k1, "activity-completed", radio.id().toString(),
                completed(radio.completed("2022-03-20", 6, 1_200L, 500_000L), List.of("a", "d"), 600_000L, "COMMUNE",
                        Map.of("CITIZENS", 1_100, "OFFICIALS", 100)));
        // Open at the quarter's end: planned, not spent.
        ev.send(Topics.ACTIVITY_EVENTS, k1, "activity-scheduled", training.id().toString(),
                with(training.scheduled(), List.of("b"), 2_000_000L, "DISTRICT"));
        // Completed without a budget source: NOT_STATED.
        ev.send(Topics.ACTIVITY_EVENTS, k1, "activity-completed", web.id().toString(),
                completed(web.completed("2022-02-25", 3, 40L, 100_000L), List.of("a"), 150_000L, null,
                        Map.of("BUSINESSES", 40)));
        ev.send(Topics.ACTIVITY_EVENTS, PLAN_2.toString(), "activity-completed", other.id().toString(),
                completed(other.completed("2022-03-15", 1, 300L, 900_000L), List.of("f"), 1_000_000L, "PROVINCE",
                        Map.of("CITIZENS", 300)));
    }

    @Test
    @Order(1)
    void theCommunesReportShowsTopicsAudiencesAndPlannedAgainstSpentPerSource() throws Exception {
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            DocumentContext r = report("/api/reports/tab-c1/2022-Q1", OFFICER);
            assertThat(r.<Integer>read("$.topics.length()")).isEqualTo(3);
            assertThat(line(r, "topics", "topic", "a")).containsEntry("activitiesPlanned", 2).containsEntry("activitiesCompleted", 2)
                    .containsEntry("reach", 1_240);
            assertThat(line(r, "topics", "topic", "b")).containsEntry("activitiesPlanned", 1).containsEntry("activitiesCompleted", 0);
            assertThat(line(r, "topics", "topic", "d")).containsEntry("activitiesCompleted", 1).containsEntry("reach", 1_200);
            assertThat(r.<List<String>>read("$.audiences[*].audience")).containsExactly("OFFICIALS", "CITIZENS", "BUSINESSES");
            assertThat(line(r, "audiences", "audience", "CITIZENS")).containsEntry("activitiesCompleted", 1).containsEntry("reach", 1_100);
            assertThat(line(r, "audiences", "audience", "OFFICIALS")).containsEntry("reach", 100);
            assertThat(line(r, "audiences", "audience", "BUSINESSES")).containsEntry("reach", 40);
            assertThat(r.<Integer>read("$.budget.spentVnd")).isEqualTo(600_000);
            assertThat(r.<Integer>read("$.budget.activitiesPlannedVnd")).isEqualTo(2_750_000);
            assertThat(r.<List<String>>read("$.budget.bySource[*].source"))
                    .containsExactly("PROVINCE", "DISTRICT", "COMMUNE", "OTHER", "NOT_STATED");
            assertThat(line(r, "budget.bySource", "source", "DISTRICT")).containsEntry("plannedVnd", 2_000_000).containsEntry("spentVnd", 0);
            assertThat(line(r, "budget.bySource", "source", "COMMUNE")).containsEntry("plannedVnd", 600_000).containsEntry("spentVnd", 500_000);
            assertThat(line(r, "budget.bySource", "source", "NOT_STATED")).containsEntry("plannedVnd", 150_000).containsEntry("spentVnd", 100_000);
        });
        // The plan's own budget line (12.000.000 đồng for the year, from the commune's budget), not divided.
        DocumentContext q1 = report("/api/reports/tab-c1/2022-Q1", OFFICER);
        assertThat(q1.<Integer>read("$.budget.planYearVnd")).isEqualTo(12_000_000);
        assertThat(q1.<Integer>read("$.budget.spentYearToDateVnd")).isEqualTo(600_000);
        assertThat(line(q1, "budget.bySource", "source", "COMMUNE")).containsEntry("planYearVnd", 12_000_000)
                .containsEntry("spentYearToDateVnd", 500_000);
        assertThat(line(q1, "budget.bySource", "source", "PROVINCE")).containsEntry("planYearVnd", null);
        // The six-month report adds up the same quarter (the second is empty).
        DocumentContext h1 = report("/api/reports/tab-c1/2022-H1", OFFICER);
        assertThat(line(h1, "audiences", "audience", "CITIZENS")).containsEntry("reach", 1_100);
        assertThat(line(h1, "budget.bySource", "source", "COMMUNE")).containsEntry("spentVnd", 500_000)
                .containsEntry("planYearVnd", 12_000_000);
        // The second quarter spent nothing itself; to date it has the first quarter's spending.
        DocumentContext q2 = report("/api/reports/tab-c1/2022-Q2", OFFICER);
        assertThat(q2.<Integer>read("$.budget.spentVnd")).isZero();
        assertThat(q2.<Integer>read("$.budget.spentYearToDateVnd")).isEqualTo(600_000);
        assertThat(line(q2, "budget.bySource", "source", "COMMUNE")).containsEntry("spentVnd", 0)
                .containsEntry("spentYearToDateVnd", 500_000).containsEntry("planYearVnd", 12_000_000);
        assertThat(line(q2, "budget.bySource", "source", "NOT_STATED")).containsEntry("spentYearToDateVnd", 100_000);
    }

    @Test
    @Order(2)
    void theDistrictsConsolidatedReportAddsUpItsCommunes() {
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            DocumentContext r = report("/api/reports/tab-district/2022-Q1", DISTRICT);
            assertThat(r.<List<String>>read("$.topics[*].topic")).containsExactly("a", "b", "d", "f");
            assertThat(line(r, "topics", "topic", "f")).containsEntry("activitiesCompleted", 1).containsEntry("reach", 300);
            assertThat(line(r, "audiences", "audience", "CITIZENS")).containsEntry("activitiesCompleted", 2);
            assertThat(line(r, "budget.bySource", "source", "PROVINCE")).containsEntry("plannedVnd", 1_000_000)
                    .containsEntry("spentVnd", 900_000);
            // The communes' plans: 12.000.000 and 4.000.000 đồng from their own budgets.
            assertThat(line(r, "budget.bySource", "source", "COMMUNE")).containsEntry("planYearVnd", 16_000_000);
            assertThat(r.<Integer>read("$.budget.planYearVnd")).isEqualTo(16_000_000);
        });
    }

    @Test
    @Order(3)
    void aCorrectionChangesTheFiguresAndTheRecomputedTalliesAgree() throws Exception {
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(line(report("/api/reports/tab-c1/2022-Q1", OFFICER), "audiences", "audience", "CITIZENS"))
                        .containsKey("reach"));
        Map<String, Object> corrected = completed(radio.completed("2022-03-20", 8, 1_600L, 550_000L), List.of("a", "d"),
                600_000L, "COMMUNE", Map.of("CITIZENS", 1_500, "OFFICIALS", 100));
        corrected.put("version", 3);
        corrected.put("status", "COMPLETED");
        corrected.put("plannedQuantity", 6);
        corrected.put("previousPeriod", "2022-Q1");
        corrected.put("changes", List.of(Map.of("field", "reach", "from", 1_200, "to", 1_600)));
        corrected.put("reason", "Nhập thiếu 02 buổi phát thanh ngày 18 và 19/3");
        corrected.put("correctedBy", "tab.vhtt");
        corrected.put("correctedAt", "2022-03-25T10:15:00+07:00");
        corrected.remove("completedBy");
        corrected.remove("completedAt");
        EventContracts.assertValid("activity-corrected", events().envelope(UUID.randomUUID(),
                "activity-corrected", "/activity-service", radio.id().toString(), corrected));
        events().send(Topics.ACTIVITY_EVENTS, PLAN_1.toString(), "activity-corrected", radio.id().toString(), corrected);
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            DocumentContext r = report("/api/reports/tab-c1/2022-Q1", OFFICER);
            assertThat(line(r, "audiences", "audience", "CITIZENS")).containsEntry("reach", 1_500);
            assertThat(line(r, "budget.bySource", "source", "COMMUNE")).containsEntry("spentVnd", 550_000);
            assertThat(line(r, "topics", "topic", "d")).containsEntry("reach", 1_600);
        });
        String before = report("/api/reports/tab-c1/2022-Q1", OFFICER).jsonString();
        recompute.recompute(List.of("tab-c1", "tab-c2"));
        DocumentContext after = report("/api/reports/tab-c1/2022-Q1", OFFICER);
        assertThat(after.<Object>read("$.topics")).isEqualTo(JsonPath.parse(before).read("$.topics"));
        assertThat(after.<Object>read("$.audiences")).isEqualTo(JsonPath.parse(before).read("$.audiences"));
        assertThat(after.<Object>read("$.budget")).isEqualTo(JsonPath.parse(before).read("$.budget"));
    }

    private DocumentContext report(String url, String bearer) throws Exception {
        Answer a = getJson(url, bearer);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return JsonPath.parse(a.body());
    }

    private static Map<String, Object> line(DocumentContext r, String list, String field, String value) {
        List<Map<String, Object>> lines = r.read("$." + list + "[?(@." + field + " == '" + value + "')]");
        assertThat(lines).as(list + " " + value).hasSize(1);
        return lines.get(0);
    }

    private static Map<String, Object> with(Map<String, Object> data, List<String> topics, Long plannedCost,
                                            String source) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put("topics", topics);
        d.put("plannedCostVnd", plannedCost);
        if (source != null) {
            d.put("budgetSource", source);
        }
        return d;
    }

    private static Map<String, Object> completed(Map<String, Object> data, List<String> topics, Long plannedCost,
                                                 String source, Map<String, Integer> audiences) {
        Map<String, Object> d = with(data, topics, plannedCost, source);
        d.put("audiences", audiences.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Map.<String, Object>of("audience", e.getKey(), "reach", e.getValue())).toList());
        return d;
    }
}
