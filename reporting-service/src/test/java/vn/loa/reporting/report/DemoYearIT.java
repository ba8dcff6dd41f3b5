package vn.loa.reporting.report;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.PeriodService;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.KafkaProbe;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo year (issue 19.8) runs through the application services, on a district of its own (the script the local
 * stack runs for Đức Thọ, cast with other codes): every report state with its history, a quarter closed, reopened
 * with a reason and closed again, another reopened for the whole district, the district's reports decided by the
 * province; all with their events; a second run does nothing.
 */
class DemoYearIT extends ReportingIntegrationTest {

    static final DemoYearScript.Cast CAST = new DemoYearScript.Cast("dy-province", "dy-district", "dy-lm", "dy-tc",
            "dy-ta", "dy-yh", "dy-dl", "dy-ts", "dy-ad");
    static final String DISTRICT = TestTokens.bearer("dydistrict.vhtt", "DISTRICT_OFFICER", "dy-district");

    @Autowired
    ReportService reports;
    @Autowired
    PeriodService periods;
    @Autowired
    PeriodCalendar calendar;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    @Test
    void theDemoYearLeavesEveryStateWithItsHistoryAndRunsOnce() throws Exception {
        clock.setLocal("2026-11-30T09:00"); // the demo runs now and dates its reports in 2022
        var ev = events();
        ev.orgUnit("dy-province", "Tỉnh Trình Diễn", "PROVINCE", "dy-province");
        ev.orgUnit("dy-district", "Huyện Trình Diễn", "DISTRICT", "dy-province", "dy-district");
        UUID districtPlan = UUID.randomUUID();
        Map<String, Object> dp = Plans.plan(districtPlan, 1, "dy-district", List.of("dy-province", "dy-district"), 2022,
                List.of(Plans.target("CT-2", "Truyền thanh chuyên mục CCHC hằng tháng", "COUNT", 12, List.of(3, 3, 3, 3),
                        "RADIO", "phong-vhtt", "MONTHLY")), List.of("RADIO"), 30_000_000);
        dp.put("orgUnitLevel", "DISTRICT");
        ev.send(Topics.PLAN_EVENTS, districtPlan.toString(), "plan-issued", districtPlan.toString(), dp);
        UUID lmPlan = null;
        for (String c : CAST.communes()) {
            List<String> path = List.of("dy-province", "dy-district", c);
            ev.orgUnit(c, "Xã " + c.substring(3).toUpperCase(), "COMMUNE", path.toArray(String[]::new));
            UUID plan = UUID.randomUUID();
            if (c.equals(CAST.lienMinh())) {
                lmPlan = plan;
            }
            Map<String, Object> t = Plans.target("CT-2", "Truyền thanh cơ sở có chuyên mục tuyên truyền về CCHC", "COUNT",
                    12, List.of(3, 3, 3, 3), "RADIO", "van-hoa-thong-tin", "MONTHLY");
            t.put("parentTargetCode", "CT-2");
            ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, c, path, 2022,
                    List.of(t), List.of("RADIO"), 5_000_000));
        }
        for (String on : List.of("2022-01-25", "2022-02-25", "2022-04-25", "2022-05-25", "2022-07-25")) {
            Activity a = Activity.of(lmPlan, List.of("dy-province", "dy-district", CAST.lienMinh()), "RADIO",
                    List.of("CT-2"), "van-hoa-thong-tin", List.of(), on);
            ev.send(Topics.ACTIVITY_EVENTS, lmPlan.toString(), "activity-completed", a.id().toString(),
                    a.completed(on, 4, 3200L, 150_000L));
        }
        String lm = TestTokens.bearer("dylm.vhtt", "COMMUNE_OFFICER", CAST.lienMinh());
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() ->
                getJson("/api/reports/dy-lm/2022", lm).number("$.targets[0].achieved") == 5
                        && getJson("/api/reports/dy-district/2022-Q1", DISTRICT).<List<String>>read("$.children[*].code").size() == 7
                        && getJson("/api/reports/dy-ad/2022-Q1", TestTokens.bearer("dyad.vhtt", "COMMUNE_OFFICER", "dy-ad"))
                        .<Boolean>read("$.expected"));

        DemoYearScript script = new DemoYearScript(reports, periods, calendar, jdbc, tx, clock, CAST);
        int steps = script.run();
        assertThat(jdbc.sql("select step from demo_step where step like 'demo-year-2022:dy-district:%:skipped'")
                .query(String.class).list()).isEmpty();
        assertThat(steps).isGreaterThan(30);
        assertThat(script.done()).isTrue();
        assertThat(script.run()).isZero();

        // Every state, each with its history.
        assertThat(status("dy-lm", "2022-Q1")).isEqualTo("APPROVED");
        assertThat(status("dy-lm", "2022-H1")).isEqualTo("APPROVED");
        assertThat(status("dy-lm", "2022-Q3")).isEqualTo("APPROVED");
        assertThat(status("dy-lm", "2022")).isEqualTo("SUBMITTED");
        assertThat(status("dy-ta", "2022-H1")).isEqualTo("RETURNED");
        assertThat(status("dy-ts", "2022-Q1")).isEqualTo("DRAFT");
        assertThat(status("dy-district", "2022-Q1")).isEqualTo("APPROVED");
        assertThat(status("dy-district", "2022-H1")).isEqualTo("SUBMITTED");
        Answer h1 = getJson("/api/reports/dy-lm/2022-H1", lm);
        assertThat(h1.<String>read("$.submittedAt")).startsWith("2022-07-0");
        assertThat(h1.<String>read("$.signer.form")).isEqualTo("KT");
        assertThat(h1.number("$.targets[0].achieved")).isEqualTo(4); // January, February, April, May
        assertThat(getJson("/api/reports/dy-lm/2022-H1/history", lm).<List<String>>read("$[*].action"))
                .containsExactly("NARRATIVE", "SUBMIT", "RETURN", "SUBMIT", "APPROVE");
        assertThat(getJson("/api/reports/dy-district/2022-Q1/history", DISTRICT).<List<String>>read("$[*].actor"))
                .containsExactly("dydistrict.vhtt", "dydistrict.vhtt", "dyprovince.sonoivu");
        Answer q1 = getJson("/api/reports/dy-tc/2022-Q1", DISTRICT);
        assertThat(q1.<Boolean>read("$.onTime")).isFalse();

        // The quarter was closed, reopened for one commune with its reason, closed again; the third is reopened.
        Answer audit = getJson("/api/periods/dy-district/2022-Q1/audit", DISTRICT);
        assertThat(audit.<List<String>>read("$[*].action")).containsExactly("CLOSE", "REOPEN", "CLOSE");
        assertThat(audit.<String>read("$[1].reason")).contains("Bưu điện xã");
        assertThat(getJson("/api/periods/dy-dl/2022-Q1", DISTRICT).<String>read("$.status")).isEqualTo("CLOSED");
        assertThat(getJson("/api/periods/dy-lm/2022-Q3", lm).<String>read("$.status")).isEqualTo("OPEN");
        assertThat(getJson("/api/periods/dy-lm/2022-Q3", lm).<String>read("$.reopenReason")).contains("Sở Nội vụ");

        // The district's dashboard counts it: 7 reports of Q1 expected, 5 received, 2 on time.
        Answer d = getJson("/api/dashboards/dy-district?period=2022-Q1", DISTRICT);
        assertThat(d.number("$.reportsExpected")).isEqualTo(7);
        assertThat(d.number("$.reportsSubmitted")).isEqualTo(5);
        assertThat(d.number("$.reportsOnTime")).isEqualTo(2);

        // Everything went out as events, through the outbox.
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(KafkaProbe.records(bootstrap, Topics.PERIOD_EVENTS, "dy-district"))
                    .extracting(r -> JsonPath.<String>read(r.value(), "$.type"))
                    .containsExactly("quarter-closed", "quarter-reopened", "quarter-closed", "quarter-closed",
                            "quarter-closed", "quarter-reopened");
            assertThat(KafkaProbe.records(bootstrap, Topics.REPORT_EVENTS, "dy-lm"))
                    .extracting(r -> JsonPath.<String>read(r.value(), "$.type"))
                    .containsExactly("report-submitted", "report-approved", "report-submitted", "report-returned",
                            "report-submitted", "report-approved", "report-submitted", "report-approved",
                            "report-submitted");
        });
    }

    private String status(String unit, String period) throws Exception {
        return getJson("/api/reports/" + unit + "/" + period, DISTRICT).read("$.status");
    }
}
