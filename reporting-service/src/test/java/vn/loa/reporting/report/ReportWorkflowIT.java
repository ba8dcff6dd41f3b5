package vn.loa.reporting.report;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.KafkaProbe;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/** DRAFT → SUBMITTED (frozen) → RETURNED (live again, corrected) → SUBMITTED → APPROVED, with its events. */
class ReportWorkflowIT extends ReportingIntegrationTest {

    static final List<String> PATH = List.of("ha-tinh", "wf-district", "wf-a");
    static final String OFFICER = TestTokens.bearer("wfa.vhtt", "COMMUNE_OFFICER", "wf-a");
    static final String DISTRICT = TestTokens.bearer("wf.district", "DISTRICT_OFFICER", "wf-district");
    static final String OTHER_DISTRICT = TestTokens.bearer("x.district", "DISTRICT_OFFICER", "another-district");
    static final String URL = "/api/reports/wf-a/2022-Q1";

    @Test
    void aReportIsSubmittedFrozenReturnedCorrectedResubmittedAndApproved() throws Exception {
        clock.setLocal("2022-04-05T10:00");
        var ev = events();
        ev.orgUnit("ha-tinh", "Tỉnh Hà Tĩnh", "PROVINCE", "ha-tinh");
        ev.orgUnit("wf-district", "Huyện Quy trình", "DISTRICT", "ha-tinh", "wf-district");
        ev.orgUnit("wf-a", "Xã Yên Hồ thử", "COMMUNE", PATH.toArray(String[]::new));
        UUID plan = UUID.randomUUID();
        ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, "wf-a", PATH,
                2022, List.of(Plans.target("T1", "Phát thanh CCHC hằng tháng", "COUNT", 12, null, "RADIO",
                        "van-hoa-thong-tin")), List.of("RADIO"), 4_000_000));
        Activity first = Activity.of(plan, PATH, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-02-01");
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", first.id().toString(),
                first.completed("2022-02-01", 1, 300L, 20_000L));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(getJson(URL, OFFICER).number("$.targets[0].achieved")).isEqualTo(1));

        String narrative = """
                {"results":"Đã phát 1 chuyên mục CCHC trên loa truyền thanh.",
                 "shortcomings":"Chưa tổ chức tập huấn; nguyên nhân: thiếu kinh phí.",
                 "nextSteps":"Quý II tổ chức tập huấn cho cán bộ thôn."}""";
        assertThat(putIfMatch(URL + "/narrative", narrative, DISTRICT).status()).isEqualTo(403);
        // Every change needs If-Match (SHARED-DECISIONS): 428 without it, naming the version to send.
        Answer unconditional = putJson(URL + "/narrative", narrative, OFFICER);
        assertThat(unconditional.status()).isEqualTo(428);
        assertThat(unconditional.<String>read("$.code")).isEqualTo("precondition-required");
        assertThat(postJson(URL + "/submit", null, OFFICER).status()).isEqualTo(428);
        Answer written = putIfMatch(URL + "/narrative", narrative, OFFICER);
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.<String>read("$.narrative.shortcomings"))
                .isEqualTo("Chưa tổ chức tập huấn; nguyên nhân: thiếu kinh phí.");
        assertThat(written.<String>read("$.status")).isEqualTo("DRAFT");
        // A stale If-Match is refused.
        Answer stale = call(put(URL + "/narrative").header("If-Match", "\"0\"")
                .contentType("application/json").content(narrative), OFFICER);
        assertThat(stale.status()).isEqualTo(412);

        assertThat(postIfMatch(URL + "/approve", null, DISTRICT).status()).isEqualTo(409);
        Answer submitted = postIfMatch(URL + "/submit", null, OFFICER);
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.<String>read("$.status")).isEqualTo("SUBMITTED");
        assertThat(submitted.<Boolean>read("$.onTime")).isTrue();
        assertThat(submitted.<Boolean>read("$.frozen")).isTrue();
        assertThat(postIfMatch(URL + "/submit", null, OFFICER).<String>read("$.code")).isEqualTo("invalid-transition");
        assertThat(putIfMatch(URL + "/narrative", narrative, OFFICER).status()).isEqualTo(409);

        // Work logged after submission shows on the dashboard but not in the frozen report.
        Activity late = Activity.of(plan, PATH, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-03-01");
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", late.id().toString(),
                late.completed("2022-03-01", 1, 200L, 10_000L));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                getJson("/api/dashboards/wf-district?period=2022-Q1", DISTRICT).number("$.children[0].activitiesCompleted"))
                .isEqualTo(2));
        Answer frozen = getJson(URL, OFFICER);
        assertThat(frozen.number("$.targets[0].achieved")).isEqualTo(1);
        assertThat(frozen.number("$.budget.spentVnd")).isEqualTo(20_000);

        // Decisions: only the district officer of this district.
        assertThat(postIfMatch(URL + "/approve", null, OFFICER).status()).isEqualTo(403);
        assertThat(postIfMatch(URL + "/approve", null, OTHER_DISTRICT).status()).isEqualTo(404);
        assertThat(postIfMatch(URL + "/return", "{\"reason\":\"\"}", DISTRICT).status()).isEqualTo(400);
        Answer returned = postIfMatch(URL + "/return", "{\"reason\":\"Bổ sung số liệu tháng 3\"}", DISTRICT);
        assertThat(returned.status()).isEqualTo(200);
        assertThat(returned.<String>read("$.status")).isEqualTo("RETURNED");
        assertThat(returned.<String>read("$.returnReason")).isEqualTo("Bổ sung số liệu tháng 3");
        assertThat(returned.number("$.targets[0].achieved")).isEqualTo(2);

        Answer corrected = putIfMatch(URL + "/narrative", narrative.replace("1 chuyên mục", "2 chuyên mục"), OFFICER);
        assertThat(corrected.<String>read("$.narrative.results")).startsWith("Đã phát 2 chuyên mục");
        clock.setLocal("2022-04-08T08:00"); // the due date, 2022-04-07, has passed
        Answer resubmitted = postIfMatch(URL + "/submit", null, OFFICER);
        assertThat(resubmitted.<String>read("$.status")).isEqualTo("SUBMITTED");
        assertThat(resubmitted.<Boolean>read("$.onTime")).isFalse();
        assertThat(resubmitted.number("$.targets[0].achieved")).isEqualTo(2);
        Answer approved = postIfMatch(URL + "/approve", null, DISTRICT);
        assertThat(approved.<String>read("$.status")).isEqualTo("APPROVED");
        assertThat(approved.<String>read("$.decidedBy")).isEqualTo("wf.district");
        assertThat(postIfMatch(URL + "/return", "{\"reason\":\"x\"}", DISTRICT).status()).isEqualTo(409);

        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = KafkaProbe.records(bootstrap, Topics.REPORT_EVENTS, "wf-a");
            assertThat(records.stream().map(r -> JsonPath.<String>read(r.value(), "$.type")).toList())
                    .containsExactly("report-submitted", "report-returned", "report-submitted", "report-approved");
            String returnedEvent = records.get(1).value();
            assertThat(JsonPath.<String>read(returnedEvent, "$.data.reason")).isEqualTo("Bổ sung số liệu tháng 3");
            assertThat(JsonPath.<String>read(returnedEvent, "$.data.district")).isEqualTo("wf-district");
            assertThat(JsonPath.<Boolean>read(records.get(0).value(), "$.data.onTime")).isTrue();
            assertThat(JsonPath.<Boolean>read(records.get(2).value(), "$.data.onTime")).isFalse();
            assertThat(JsonPath.<String>read(records.get(0).value(), "$.data.orgUnitName")).isEqualTo("Xã Yên Hồ thử");
            for (ConsumerRecord<String, String> r : records) {
                vn.loa.reporting.support.Contracts.assertValid(JsonPath.read(r.value(), "$.type"), r.value());
            }
        });
    }
}
