package vn.loa.reporting.report;

import org.junit.jupiter.api.Test;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Completeness and timeliness as DHIS2's reporting rates, over the reports expected: four communes with an
 * issued plan (reporting every 3 months); one on time, one late, one returned (not counted), one silent; a fifth
 * commune without a plan is not expected. Due date of 2022-Q1 for communes: 2022-04-07.
 */
class ReportingRatesIT extends ReportingIntegrationTest {

    static final String DISTRICT = TestTokens.bearer("rate.district", "DISTRICT_OFFICER", "rate-district");
    static final String VIEWER = TestTokens.bearer("hatinh.viewer", "PROVINCE_VIEWER", "ha-tinh");

    private static String officer(String commune) {
        return TestTokens.bearer(commune + ".vhtt", "COMMUNE_OFFICER", commune);
    }

    @Test
    void completenessAndTimelinessOfADistrictAndOfTheProvinceAboveIt() throws Exception {
        events().orgUnit("rate-province", "Tỉnh Thử", "PROVINCE", "rate-province");
        events().orgUnit("rate-district", "Huyện Tỷ lệ", "DISTRICT", "rate-province", "rate-district");
        for (String c : List.of("rate-1", "rate-2", "rate-3", "rate-4", "rate-5")) {
            events().orgUnit(c, "Xã " + c, "COMMUNE", "rate-province", "rate-district", c);
            if (!c.equals("rate-5")) {
                UUID plan = UUID.randomUUID();
                events().send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, c,
                        List.of("rate-province", "rate-district", c), 2022, List.of(Plans.target("T1",
                                "Phát thanh chuyên mục CCHC hằng tháng", "COUNT", 12, null, "RADIO", "van-hoa-thong-tin")),
                        List.of("RADIO"), 1_000_000));
            }
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> getJson("/api/reports/rate-4/2022-Q1",
                officer("rate-4")).<Boolean>read("$.expected") && getJson("/api/reports/rate-5/2022-Q1",
                officer("rate-5")).status() == 200);
        // No plan, no report owed: rate-5 cannot submit, and is not counted.
        Answer noPlan = postIfMatch("/api/reports/rate-5/2022-Q1/submit", null, officer("rate-5"));
        assertThat(noPlan.status()).isEqualTo(422);
        assertThat(noPlan.<String>read("$.code")).isEqualTo("report-not-owed");

        clock.setLocal("2022-04-07T23:59"); // the last minute of the due date
        assertThat(postIfMatch("/api/reports/rate-1/2022-Q1/submit", null, officer("rate-1")).<Boolean>read("$.onTime")).isTrue();
        assertThat(postIfMatch("/api/reports/rate-3/2022-Q1/submit", null, officer("rate-3")).status()).isEqualTo(200);
        clock.setLocal("2022-04-08T00:00");
        assertThat(postIfMatch("/api/reports/rate-2/2022-Q1/submit", null, officer("rate-2")).<Boolean>read("$.onTime")).isFalse();
        assertThat(postIfMatch("/api/reports/rate-3/2022-Q1/return", "{\"reason\":\"Thiếu số liệu\"}", DISTRICT).status())
                .isEqualTo(200);

        Answer d = getJson("/api/dashboards/rate-district?period=2022-Q1", DISTRICT);
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.number("$.reportsExpected")).isEqualTo(4);
        assertThat(d.number("$.reportsSubmitted")).isEqualTo(2);
        assertThat(d.number("$.completeness")).isEqualTo(0.5);
        assertThat(d.number("$.timeliness")).isEqualTo(0.25);
        assertThat(d.<List<String>>read("$.children[*].code")).containsExactlyInAnyOrder("rate-1", "rate-2", "rate-3",
                "rate-4", "rate-5");
        assertThat(d.number("$.reportsOnTime")).isEqualTo(1);
        // What "expected" means, and who is not expected and why.
        assertThat(d.<String>read("$.expectedRule")).contains("kế hoạch đã ban hành");
        assertThat(d.<List<String>>read("$.notExpected[*].code")).containsExactly("rate-5");
        assertThat(d.<List<String>>read("$.notExpected[*].reason")).containsExactly("NO_PLAN");
        assertThat(d.<List<Number>>read("$.children[?(@.code == 'rate-5')].reportsExpected")).containsExactly(0);
        assertThat(d.<List<String>>read("$.children[?(@.code == 'rate-1')].reportStatus")).containsExactly("SUBMITTED");
        assertThat(d.<List<Boolean>>read("$.children[?(@.code == 'rate-1')].onTime")).containsExactly(true);
        assertThat(d.<List<Boolean>>read("$.children[?(@.code == 'rate-2')].onTime")).containsExactly(false);
        assertThat(d.<List<String>>read("$.children[?(@.code == 'rate-3')].reportStatus")).containsExactly("RETURNED");
        assertThat(d.<List<String>>read("$.children[?(@.code == 'rate-4')].reportStatus")).containsExactly("DRAFT");

        // The province aggregates its districts over their communes.
        Answer p = getJson("/api/dashboards/rate-province?period=2022-Q1", VIEWER);
        assertThat(p.status()).isEqualTo(404); // the viewer of ha-tinh does not see another province
        Answer province = getJson("/api/dashboards/rate-province?period=2022-Q1",
                TestTokens.bearer("rate.viewer", "PROVINCE_VIEWER", "rate-province"));
        assertThat(province.<List<String>>read("$.children[*].code")).containsExactly("rate-district");
        assertThat(province.number("$.children[0].reportsExpected")).isEqualTo(4);
        assertThat(province.number("$.children[0].completeness")).isEqualTo(0.5);
        assertThat(province.number("$.children[0].timeliness")).isEqualTo(0.25);
        assertThat(province.number("$.completeness")).isEqualTo(0.5);

        // The whole year: every 3 months is Q1, H1, Q3 and the year, 4 reports a commune: 16 expected.
        Answer year = getJson("/api/dashboards/rate-district?year=2022", DISTRICT);
        assertThat(year.number("$.reportsExpected")).isEqualTo(16);
        assertThat(year.number("$.completeness")).isEqualTo(0.125);
        assertThat(year.<List<String>>read("$.trend[*].period")).containsExactly("2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4");
        assertThat(year.number("$.trend[0].completeness")).isEqualTo(0.5);
        assertThat(year.number("$.trend[1].completeness")).isEqualTo(0);
        assertThat(year.number("$.trend[1].reportsExpected")).isEqualTo(4);
        // A commune reporting every 3 months reports the second quarter itself, and the six months besides.
        Answer q2 = getJson("/api/dashboards/rate-district?period=2022-Q2", DISTRICT);
        assertThat(q2.<List<String>>read("$.children[?(@.code == 'rate-1')].reportPeriod")).containsExactly("2022-Q2");
        assertThat(getJson("/api/dashboards/rate-district?period=2022-H1", DISTRICT).number("$.reportsExpected"))
                .isEqualTo(4);

        assertThat(getJson("/api/dashboards/rate-district", DISTRICT).status()).isEqualTo(400);
        assertThat(getJson("/api/dashboards/rate-district?period=2022-Q1", officer("rate-1")).status()).isEqualTo(404);
    }
}
