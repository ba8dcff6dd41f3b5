package vn.loa.reporting.dashboard;

import org.junit.jupiter.api.Test;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The org tree after the 2025 reform, as reporting sees it (issue 19.7; EVENTS.md): two communes merged into a new
 * one carry their history to it on the dashboards and in its reports, the district's totals unchanged; a unit closed
 * without a successor is no longer expected after its closing; the new commune, moved under the province when the
 * district is abolished, reports to the province. The dashboards before and after the merger are written to
 * {@code target/merged-commune-dashboards.txt}.
 */
class OrgReformIT extends ReportingIntegrationTest {

    static final List<String> DISTRICT_PATH = List.of("rf-province", "rf-district");
    static final String DISTRICT = TestTokens.bearer("rf.district", "DISTRICT_OFFICER", "rf-district");
    static final String PROVINCE = TestTokens.bearer("rf.sonoivu", "DISTRICT_OFFICER", "rf-province");

    private final List<String> printed = new ArrayList<>();

    private static List<String> path(String commune) {
        return List.of("rf-province", "rf-district", commune);
    }

    private static String officer(String commune) {
        return TestTokens.bearer(commune.replace("-", "") + ".vhtt", "COMMUNE_OFFICER", commune);
    }

    @Test
    void aMergedCommunesDashboardAndReportsCarryItsPredecessorsHistory() throws Exception {
        clock.setLocal("2022-04-05T10:00");
        var ev = events();
        ev.orgUnit("rf-province", "Tỉnh Cải Cách", "PROVINCE", "rf-province");
        ev.orgUnit("rf-district", "Huyện Sáp Nhập", "DISTRICT", DISTRICT_PATH.toArray(String[]::new));
        Map<String, UUID> plans = new LinkedHashMap<>();
        for (String[] c : new String[][]{{"rf-a", "Xã Hòa Lạc"}, {"rf-b", "Xã Hòa Bình"}, {"rf-c", "Xã Hòa Thuận"}}) {
            ev.orgUnit(c[0], c[1], "COMMUNE", path(c[0]).toArray(String[]::new));
            UUID plan = UUID.randomUUID();
            plans.put(c[0], plan);
            ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, c[0],
                    path(c[0]), 2022, List.of(Plans.target("T1", "Phát thanh chuyên mục cải cách hành chính", "COUNT", 12,
                            List.of(3, 3, 3, 3), "RADIO", "van-hoa-thong-tin")), List.of("RADIO"), 4_000_000));
        }
        // 2022-Q1: Hòa Lạc 2 segments, Hòa Bình 1, Hòa Thuận 3.
        complete(plans.get("rf-a"), "rf-a", "2022-01-20", 150L, 10_000L);
        complete(plans.get("rf-a"), "rf-a", "2022-02-21", 100L, 10_000L);
        complete(plans.get("rf-b"), "rf-b", "2022-02-15", 400L, 5_000L);
        complete(plans.get("rf-c"), "rf-c", "2022-01-11", 90L, 0L);
        complete(plans.get("rf-c"), "rf-c", "2022-02-11", 90L, 0L);
        complete(plans.get("rf-c"), "rf-c", "2022-03-11", 90L, 0L);
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() ->
                getJson("/api/dashboards/rf-district?period=2022-Q1", DISTRICT).number("$.activitiesCompleted") == 6
                        && getJson("/api/dashboards/rf-district?period=2022-Q1", DISTRICT).number("$.reportsExpected") == 3);
        for (String c : List.of("rf-a", "rf-b")) {
            assertThat(postIfMatch("/api/reports/" + c + "/2022-Q1/submit", null, officer(c)).status()).isEqualTo(200);
        }
        clock.setLocal("2022-04-12T10:00");
        assertThat(postIfMatch("/api/reports/rf-c/2022-Q1/submit", null, officer("rf-c")).status()).isEqualTo(200);

        Answer before = getJson("/api/dashboards/rf-district?period=2022-Q1", DISTRICT);
        print("BEFORE the merger: GET /api/dashboards/rf-district?period=2022-Q1", before);
        assertThat(before.<List<String>>read("$.children[*].code")).containsExactlyInAnyOrder("rf-a", "rf-b", "rf-c");

        // 1 July 2025: Hòa Lạc and Hòa Bình are merged into Hòa Lạc Bình, as plan-service publishes it.
        clock.setLocal("2025-07-02T09:00");
        ev.orgUnitWith("rf-ab", "Xã Hòa Lạc Bình", "COMMUNE", Map.of("establishedOn", "2025-07-01"),
                path("rf-ab").toArray(String[]::new));
        for (String p : List.of("rf-a", "rf-b")) {
            Map<String, Object> closed = new LinkedHashMap<>();
            closed.put("code", p);
            closed.put("name", p.equals("rf-a") ? "Xã Hòa Lạc" : "Xã Hòa Bình");
            closed.put("level", "COMMUNE");
            closed.put("parentCode", "rf-district");
            closed.put("path", path(p));
            closed.put("closedOn", "2025-07-01");
            closed.put("successorCode", "rf-ab");
            closed.put("successorPath", path("rf-ab"));
            closed.put("closedBy", "operator");
            closed.put("closedAt", "2025-07-01T08:00:00+07:00");
            EventContracts.assertValidData("org-unit-closed", json.writeValueAsString(closed));
            ev.send(Topics.ORG_UNIT_EVENTS, p, "org-unit-closed", p, closed);
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("code", "rf-ab");
        merged.put("name", "Xã Hòa Lạc Bình");
        merged.put("level", "COMMUNE");
        merged.put("parentCode", "rf-district");
        merged.put("path", path("rf-ab"));
        merged.put("effectiveOn", "2025-07-01");
        merged.put("predecessors", List.of(
                Map.of("code", "rf-a", "name", "Xã Hòa Lạc", "level", "COMMUNE", "path", path("rf-a"), "movedChildren", List.of()),
                Map.of("code", "rf-b", "name", "Xã Hòa Bình", "level", "COMMUNE", "path", path("rf-b"), "movedChildren", List.of())));
        merged.put("mergedBy", "operator");
        merged.put("mergedAt", "2025-07-01T08:00:00+07:00");
        EventContracts.assertValidData("org-units-merged", json.writeValueAsString(merged));
        ev.send(Topics.ORG_UNIT_EVENTS, "rf-ab", "org-units-merged", "rf-ab", merged);

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> getJson(
                "/api/dashboards/rf-district?period=2022-Q1", DISTRICT).<List<String>>read("$.children[*].code")
                .equals(List.of("rf-ab", "rf-c")) || getJson("/api/dashboards/rf-district?period=2022-Q1", DISTRICT)
                .<List<String>>read("$.children[*].code").equals(List.of("rf-c", "rf-ab")));
        Answer after = getJson("/api/dashboards/rf-district?period=2022-Q1", DISTRICT);
        print("AFTER the merger (1 July 2025): GET /api/dashboards/rf-district?period=2022-Q1", after);
        // The district's totals do not move; the new commune's row carries its predecessors' quarter.
        for (String total : List.of("$.activitiesCompleted", "$.reportsExpected", "$.reportsSubmitted", "$.reportsOnTime",
                "$.completeness", "$.timeliness", "$.activitiesOverdue")) {
            assertThat(after.number(total)).as(total).isEqualTo(before.number(total));
        }
        assertThat(after.<List<Number>>read("$.children[?(@.code == 'rf-ab')].activitiesCompleted")).containsExactly(3);
        assertThat(after.<List<Number>>read("$.children[?(@.code == 'rf-ab')].reportsExpected")).containsExactly(2);
        assertThat(after.<List<Number>>read("$.children[?(@.code == 'rf-ab')].reportsSubmitted")).containsExactly(2);
        assertThat(after.<List<List<String>>>read("$.children[?(@.code == 'rf-ab')].predecessors").get(0))
                .containsExactly("rf-a", "rf-b");
        // 3 segments of the 6 planned for the two communes.
        assertThat(after.<List<Number>>read("$.children[?(@.code == 'rf-ab')].achievement").get(0).doubleValue())
                .isEqualTo(0.5);

        // Its own dashboard and report show the history as its own.
        String newOfficer = officer("rf-ab");
        Answer own = getJson("/api/dashboards/rf-ab?period=2022-Q1", newOfficer);
        print("The merged commune's own dashboard: GET /api/dashboards/rf-ab?period=2022-Q1", own);
        assertThat(own.number("$.activitiesCompleted")).isEqualTo(3);
        Answer report = getJson("/api/reports/rf-ab/2022-Q1", newOfficer);
        assertThat(report.number("$.targets[0].planned")).isEqualTo(6);
        assertThat(report.number("$.targets[0].achieved")).isEqualTo(3);
        assertThat(report.<Boolean>read("$.expected")).isFalse(); // it did not exist when the 2022 reports were due
        assertThat(report.<String>read("$.notExpectedBecause")).isEqualTo("NOT_YET_ESTABLISHED");
        // Its officers read what its predecessors reported.
        assertThat(getJson("/api/reports/rf-a/2022-Q1", newOfficer).<String>read("$.status")).isEqualTo("SUBMITTED");
        // The year view of the new commune: its predecessors' reports of 2022 (Q1 submitted of 8 owed).
        Answer year = getJson("/api/dashboards/rf-ab?year=2022", newOfficer);
        assertThat(year.number("$.reportsExpected")).isEqualTo(8);
        assertThat(year.number("$.reportsSubmitted")).isEqualTo(2);

        // The new commune owes the reports of the year it came into being with its predecessors' plans (their duty
        // is its duty); the predecessors, closed on 1 July 2025, owe nothing due after that.
        for (String p : List.of("rf-a", "rf-b")) {
            UUID plan = UUID.randomUUID();
            ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, p, path(p),
                    2025, List.of(Plans.target("T1", "Phát thanh chuyên mục cải cách hành chính", "COUNT", 12, null,
                            "RADIO", "van-hoa-thong-tin")), List.of("RADIO"), 2_000_000));
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() ->
                getJson("/api/reports/rf-ab/2025-Q3", newOfficer).<Boolean>read("$.expected"));
        assertThat(getJson("/api/reports/rf-a/2025-Q3", newOfficer).<String>read("$.notExpectedBecause")).isEqualTo("CLOSED");

        // The district is abolished: Hòa Lạc Bình is moved under the province, and reports to it.
        Map<String, Object> moved = new LinkedHashMap<>();
        moved.put("code", "rf-ab");
        moved.put("name", "Xã Hòa Lạc Bình");
        moved.put("level", "COMMUNE");
        moved.put("oldParentCode", "rf-district");
        moved.put("parentCode", "rf-province");
        moved.put("oldPath", path("rf-ab"));
        moved.put("path", List.of("rf-province", "rf-ab"));
        moved.put("descendants", List.of());
        moved.put("effectiveOn", "2025-07-01");
        moved.put("movedBy", "operator");
        moved.put("movedAt", "2025-07-02T08:00:00+07:00");
        EventContracts.assertValidData("org-unit-moved", json.writeValueAsString(moved));
        ev.send(Topics.ORG_UNIT_EVENTS, "rf-ab", "org-unit-moved", "rf-ab", moved);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() ->
                getJson("/api/dashboards/rf-province?period=2025-Q3", PROVINCE).<List<String>>read("$.children[*].code")
                        .contains("rf-ab"));
        clock.setLocal("2025-10-03T10:00");
        Answer submitted = postIfMatch("/api/reports/rf-ab/2025-Q3/submit", null, newOfficer);
        assertThat(submitted.<String>read("$.reportsTo")).isEqualTo("rf-province");
        assertThat(postIfMatch("/api/reports/rf-ab/2025-Q3/approve", null, DISTRICT).status()).isEqualTo(404);
        assertThat(postIfMatch("/api/reports/rf-ab/2025-Q3/approve", null, PROVINCE).<String>read("$.status"))
                .isEqualTo("APPROVED");
        // The 2022 history stays where it happened: the district's dashboard of 2022-Q1 has not lost it... but it
        // went with the new commune: its figures now count under the province, where the commune stands.
        Answer province2022 = getJson("/api/dashboards/rf-province?period=2022-Q1", PROVINCE);
        print("The province after the move: GET /api/dashboards/rf-province?period=2022-Q1", province2022);
        assertThat(province2022.number("$.activitiesCompleted")).isEqualTo(6);

        // A commune closed without a successor (31 May 2022) owes its Q1 report (due 7 April), not the six months'.
        ev.orgUnitWith("rf-c", "Xã Hòa Thuận", "COMMUNE", Map.of("closedOn", "2022-05-31"),
                path("rf-c").toArray(String[]::new));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> getJson(
                "/api/dashboards/rf-district?period=2022-H1", DISTRICT).<List<String>>read("$.notExpected[*].reason")
                .contains("CLOSED"));
        assertThat(getJson("/api/dashboards/rf-district?period=2022-Q1", DISTRICT)
                .<List<String>>read("$.children[?(@.code == 'rf-c')].reportStatus")).containsExactly("SUBMITTED");
        write();
    }

    private void complete(UUID plan, String commune, String on, Long reach, Long cost) {
        Activity a = Activity.of(plan, path(commune), "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), on);
        events().send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", a.id().toString(),
                a.completed(on, 1, reach, cost));
    }

    /** The figures of a dashboard, one line for the whole and one per row. */
    private void print(String title, Answer d) {
        printed.add(title);
        printed.add(String.format("  total: completeness %s, timeliness %s (expected %s, submitted %s, on time %s),"
                        + " achievement %s, activities completed %s, overdue %s", d.read("$.completeness"),
                d.read("$.timeliness"), d.read("$.reportsExpected"), d.read("$.reportsSubmitted"), d.read("$.reportsOnTime"),
                d.read("$.achievement"), d.read("$.activitiesCompleted"), d.read("$.activitiesOverdue")));
        List<Map<String, Object>> children = d.read("$.children");
        for (Map<String, Object> c : children) {
            printed.add(String.format("  %-8s %-16s achievement %-6s completed %s, reports %s/%s (on time %s), report %s %s%s",
                    c.get("code"), c.get("name"), c.get("achievement"), c.get("activitiesCompleted"),
                    c.get("reportsSubmitted"), c.get("reportsExpected"), c.get("reportsOnTime"),
                    c.getOrDefault("reportPeriod", "–"), c.getOrDefault("reportStatus", ""),
                    c.containsKey("predecessors") ? ", predecessors " + c.get("predecessors") : ""));
        }
        System.out.println(String.join("\n", printed.subList(printed.size() - 2 - children.size(), printed.size())));
    }

    private void write() throws IOException {
        Path file = Path.of("target", "merged-commune-dashboards.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", printed) + "\n", StandardCharsets.UTF_8);
    }
}
