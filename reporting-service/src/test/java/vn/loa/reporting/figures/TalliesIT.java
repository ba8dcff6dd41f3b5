package vn.loa.reporting.figures;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.projection.TallyRecompute;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.Plans;
import vn.loa.reporting.support.TestEvents;
import vn.loa.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The tallies: kept by the batched projection exactly as the set-based recompute derives them from the
 * activity rows (whatever the events' order, redeliveries, cancellations and corrections); the dashboard's
 * ETag and 304; and a closed quarter whose figures do not move when a completion arrives after the
 * closing: it shows apart, as "after closing", in the report and its export.
 */
class TalliesIT extends ReportingIntegrationTest {

    static final List<String> PATH = List.of("ha-tinh", "tly-district", "tly-commune");
    static final String OFFICER = TestTokens.bearer("tly.vhtt", "COMMUNE_OFFICER", "tly-commune");
    static final String DISTRICT = TestTokens.bearer("tly.district", "DISTRICT_OFFICER", "tly-district");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TallyRecompute recompute;

    @AfterEach
    void backToTheTestsDay() {
        clock.setLocal("2022-04-02T10:00");
    }

    @Test
    void theProjectionKeepsTheTalliesTheRecomputeDerivesAndAClosedQuarterDoesNotMove() throws Exception {
        TestEvents ev = events();
        ev.orgUnit("tly-district", "Huyện Thử tally", "DISTRICT", "ha-tinh", "tly-district");
        ev.orgUnit("tly-commune", "Xã Thử tally", "COMMUNE", PATH.toArray(String[]::new));
        UUID plan = UUID.randomUUID();
        ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, "tly-commune", PATH,
                2022, List.of(Plans.target("T1", "Phát thanh CCHC", "COUNT", 12, null, "RADIO", "van-hoa-thong-tin"),
                        Plans.target("T2", "Công khai TTHC", "PERCENT", 100, null, "PANEL_POSTER", "tu-phap")),
                List.of("RADIO", "PANEL_POSTER"), 4_000_000));
        // Q1 2022: completions, a cancellation after completion, a correction (a later completion of the same
        // activity with another quantity), an overdue open one, redeliveries, one completion before its scheduling.
        Activity a = Activity.of(plan, PATH, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of("buu-dien-xa"), "2022-01-20");
        Activity b = Activity.of(plan, PATH, "PANEL_POSTER", List.of("T2"), "tu-phap", List.of(), "2022-02-10");
        Activity c = Activity.of(plan, PATH, "RADIO", List.of("T1", "T2"), "van-hoa-thong-tin", List.of(), "2022-03-05");
        Activity d = Activity.of(plan, PATH, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of("noi-vu"), "2022-03-30");
        Activity e = Activity.of(plan, PATH, "PANEL_POSTER", List.of("T2"), "tu-phap", List.of(), "2022-04-20");
        UUID once = ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-scheduled", a.id().toString(), a.scheduled());
        ev.send(once, Topics.ACTIVITY_EVENTS, plan.toString(), "activity-scheduled", a.id().toString(), a.scheduled());
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", a.id().toString(),
                a.completed("2022-01-18", 2, 300L, 50_000L));
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", b.id().toString(),
                b.completed("2022-02-09", 80, 0L, 0L));
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-scheduled", b.id().toString(), b.scheduled());
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", c.id().toString(),
                c.completed("2022-03-01", 95, 100L, 10_000L));
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", c.id().toString(),
                c.completed("2022-03-02", 60, 100L, 10_000L)); // later: takes the best (95) back
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-scheduled", d.id().toString(), d.scheduled());
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-overdue", d.id().toString(), d.overdue());
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-scheduled", e.id().toString(), e.scheduled());
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-cancelled", a.id().toString(), a.cancelled("2022-03-31"));
        String report = "/api/reports/tly-commune/2022-Q1";
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Answer r = getJson(report, OFFICER);
            assertThat(r.number("$.targets[0].achieved")).isEqualTo(60);  // T1 (a COUNT of quantities): c 60; a cancelled
            assertThat(r.number("$.targets[1].achieved")).isEqualTo(80);  // T2 best: b 80 (c corrected from 95 to 60)
            assertThat(r.number("$.budget.spentVnd")).isEqualTo(10_000);
            assertThat(r.<List<Integer>>read("$.units[?(@.unit == 'noi-vu')].overdue")).containsExactly(1);
        });

        // The incremental tallies are what the set-based recompute derives from the rows.
        List<Map<String, Object>> kept = tallies();
        recompute.recompute(List.of("tly-commune"));
        assertThat(tallies()).isEqualTo(kept);

        // ETag of the dashboard: the subtree's version; unchanged figures answer 304.
        String dashboard = "/api/dashboards/tly-district?period=2022-Q1";
        MvcResult first = mvc.perform(get(dashboard).header("Authorization", DISTRICT)).andReturn();
        String etag = first.getResponse().getHeader("ETag");
        assertThat(etag).isNotNull();
        assertThat(mvc.perform(get(dashboard).header("Authorization", DISTRICT).header("If-None-Match", etag))
                .andReturn().getResponse().getStatus()).isEqualTo(304);
        String completedBefore = String.valueOf(getJson(dashboard, DISTRICT).number("$.activitiesCompleted"));

        // The district closes Q1 (now: the events are published after it), then a completion dated in Q1 arrives.
        clock.set(Instant.now().minusSeconds(5));
        assertThat(postJson("/api/periods/tly-district/2022-Q1/close", null, DISTRICT).status()).isEqualTo(200);
        Activity lateOne = Activity.of(plan, PATH, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-03-20");
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", lateOne.id().toString(),
                lateOne.completed("2022-03-20", 1, 500L, 70_000L));
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(getJson(report, OFFICER).<Object>read("$.afterClosing")).isNotNull());
        Answer closed = getJson(report, OFFICER);
        assertThat(closed.number("$.targets[0].achieved")).as("the frozen figure").isEqualTo(60);
        assertThat(closed.number("$.budget.spentVnd")).isEqualTo(10_000);
        assertThat(closed.number("$.afterClosing.activitiesCompleted")).isEqualTo(1);
        assertThat(closed.number("$.afterClosing.costVnd")).isEqualTo(70_000);
        assertThat(closed.<List<String>>read("$.afterClosing.events[*].activityId")).containsExactly(lateOne.id().toString());
        assertThat(String.valueOf(getJson(dashboard, DISTRICT).number("$.activitiesCompleted"))).isEqualTo(completedBefore);
        String csv = mvc.perform(get(report + "/export?format=csv").header("Authorization", OFFICER)).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("Sau khi khóa sổ");
        // The late arrival still counts where its row says: the recompute agrees.
        kept = tallies();
        recompute.recompute(List.of("tly-commune"));
        assertThat(tallies()).isEqualTo(kept);

        // Reopened for the commune: a change is counted in the figures again.
        clock.set(Instant.now());
        assertThat(postJson("/api/periods/tly-commune/2022-Q1/reopen", "{\"reason\":\"Bổ sung kết quả tháng 3\"}",
                DISTRICT).status()).isEqualTo(200);
        Activity reopened = Activity.of(plan, PATH, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-03-25");
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", reopened.id().toString(),
                reopened.completed("2022-03-25", 1, 10L, 5_000L));
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(getJson(report, OFFICER).number("$.budget.spentVnd")).isEqualTo(15_000));
        assertThat(getJson(report, OFFICER).number("$.afterClosing.activitiesCompleted")).isEqualTo(1);
    }

    private List<Map<String, Object>> tallies() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(jdbc.sql("""
                        select 'T' as t, month::text as at, dim, key, after_closing, completed, quantity::float8 as quantity,
                               best::float8 as best, reach, cost_vnd, open, flagged
                        from tally where org_unit = 'tly-commune'
                          and (completed <> 0 or quantity <> 0 or reach <> 0 or cost_vnd <> 0 or open <> 0 or flagged <> 0)
                        union all
                        select 'D', due_date::text, dim, key, after_closing, 0, 0, null, 0, 0, open, flagged
                        from tally_due where org_unit = 'tly-commune' and (open <> 0 or flagged <> 0)
                        order by 1, 2, 3, 4, 5""").query().listOfRows());
        return rows;
    }
}
