package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.activity.Upstream;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Period locks from quarter events; each test uses a commune of its own (the lock is per commune). */
class PeriodLockIT extends IntegrationTestSupport {

    static final OffsetDateTime CLOSED_AT = OffsetDateTime.of(2022, 3, 20, 9, 30, 0, 0, ZoneOffset.ofHours(7));
    /** Decree 09 window of 2022-Q1. */
    static final LocalDate FROM = LocalDate.of(2021, 12, 15);
    static final LocalDate TO = LocalDate.of(2022, 3, 14);

    void closeQ1(String commune) {
        Upstream.sendPeriod("quarter-closed", Upstream.quarterClosed("2022-Q1", "ductho.vhtt", CLOSED_AT,
                List.of(Upstream.window(commune, FROM, TO))));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM period_lock WHERE org_unit = :ou AND period = '2022-Q1' AND closed_at IS NOT NULL")
                .param("ou", commune).query(Long.class).single() == 1);
    }

    @Test
    void aCompletionDatedInAClosedPeriodIsRefusedWithWhoWhenAndHowToReopen() {
        String commune = "tung-anh";
        Upstream.sendOrgUnit(Upstream.orgUnitRegistered(commune, "Xã Tùng Ảnh"));
        String officer = officerOf(commune);
        UUID id = schedule(officer, issuedPlan(commune), "Chuyên mục CCHC tháng 3", LocalDate.of(2022, 3, 31));
        closeQ1(commune);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM org_unit_copy WHERE code = :c")
                .param("c", commune).query(Long.class).single() == 1);

        Http.Response refused = act(officer, id, "complete", completion(LocalDate.of(2022, 3, 10), 4));
        assertProblem(refused, 409, "period-locked");
        assertThat(refused.json().get("detail").asString()).contains("2022-Q1", "Xã Tùng Ảnh", "ductho.vhtt",
                "2022-03-20 09:30 +07:00", "POST /api/periods/tung-anh/2022-Q1/reopen");
        assertThat(http.get("/api/activities/" + id, officer).json().get("status").asString()).isEqualTo("PLANNED");

        // After the window (Decree 09: Q1 data ends on 14 March) the same commune may complete.
        Http.Response ok = act(officer, id, "complete", completion(LocalDate.of(2022, 3, 15), 4));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    }

    @Test
    void aTimeBoxedReopeningLetsCompletionsThroughUntilItExpires() {
        String commune = "truong-son";
        String officer = officerOf(commune);
        UUID plan = issuedPlan(commune);
        UUID first = schedule(officer, plan, "Tin bài quý I", LocalDate.of(2022, 3, 14));
        UUID second = schedule(officer, plan, "Pano quý I", LocalDate.of(2022, 3, 14));
        closeQ1(commune);
        assertProblem(act(officer, first, "complete", completion(LocalDate.of(2022, 3, 1), 1)),
                409, "period-locked");

        OffsetDateTime until = OffsetDateTime.of(2022, 6, 22, 17, 0, 0, 0, ZoneOffset.ofHours(7));
        Upstream.sendPeriod("quarter-reopened", Upstream.quarterReopened("2022-Q1", "Bổ sung số liệu phát thanh",
                until, OffsetDateTime.of(2022, 6, 20, 8, 0, 0, 0, ZoneOffset.ofHours(7)),
                List.of(Upstream.window(commune, FROM, TO))));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM period_lock WHERE org_unit = :ou AND reopened_until IS NOT NULL")
                .param("ou", commune).query(Long.class).single() == 1);

        Http.Response ok = act(officer, first, "complete", completion(LocalDate.of(2022, 3, 1), 1));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("period").asString()).isEqualTo("2022-Q1");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-completed", first).size() == 1);
        assertThat(ActivityTopic.ofType("activity-completed", first).get(0).data().get("period").asString()).isEqualTo("2022-Q1");

        clock.set(until.toInstant());
        Http.Response expired = act(officer, second, "complete", completion(LocalDate.of(2022, 3, 1), 1));
        assertProblem(expired, 409, "period-locked");
        assertThat(expired.json().get("detail").asString()).contains("hết hạn");
    }

    @Test
    void aDuplicateQuarterClosedChangesNothing() {
        String commune = "yen-ho";
        String officer = officerOf(commune);
        UUID id = schedule(officer, issuedPlan(commune), "Ngày pháp luật tháng 3", LocalDate.of(2022, 3, 14));
        closeQ1(commune);
        OffsetDateTime until = OffsetDateTime.of(2022, 6, 30, 17, 0, 0, 0, ZoneOffset.ofHours(7));
        Upstream.sendPeriod("quarter-reopened", Upstream.quarterReopened("2022-Q1", "Bổ sung", until,
                OffsetDateTime.of(2022, 6, 19, 8, 0, 0, 0, ZoneOffset.ofHours(7)), List.of(Upstream.window(commune, FROM, TO))));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM period_lock WHERE org_unit = :ou AND reopened_until IS NOT NULL")
                .param("ou", commune).query(Long.class).single() == 1);
        Map<String, Object> before = lockRow(commune);

        // The same close again, as a new event (a re-sent message): the reopening must survive it.
        Upstream.sendPeriod("quarter-closed", Upstream.quarterClosed("2022-Q1", "ductho.vhtt", CLOSED_AT,
                List.of(Upstream.window(commune, FROM, TO))));
        // A marker sent after it on the same key proves the duplicate has been consumed.
        Upstream.sendPeriod("quarter-closed", Upstream.quarterClosed("2022-Q4", "ductho.vhtt", CLOSED_AT,
                List.of(Upstream.window(commune, LocalDate.of(2022, 9, 15), LocalDate.of(2022, 12, 14)))));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM period_lock WHERE org_unit = :ou AND period = '2022-Q4'").param("ou", commune)
                .query(Long.class).single() == 1);

        assertThat(lockRow(commune)).isEqualTo(before);
        Http.Response ok = act(officer, id, "complete", completion(LocalDate.of(2022, 3, 1), 1));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    }

    @Test
    void creatingCancellingOrImportingAnythingDatedInAClosedPeriodIsRefused() {
        String commune = "thai-yen";
        String officer = officerOf(commune);
        UUID plan = issuedPlan(commune);
        UUID dueInQ1 = schedule(officer, plan, "Phát thanh tháng 3", LocalDate.of(2022, 3, 10));
        closeQ1(commune);

        Http.Response created = http.post("/api/activities", officer, newActivity(plan, "Bổ sung sau khi khóa sổ",
                LocalDate.of(2022, 3, 12)));
        assertProblem(created, 409, "period-locked");
        assertThat(created.json().get("detail").asString()).contains("2022-Q1", "ductho.vhtt", "reopen");
        assertThat(created.json().get("period").asString()).isEqualTo("2022-Q1");
        assertThat(created.json().get("closedBy").asString()).isEqualTo("ductho.vhtt");
        assertThat(created.json().get("reopen").asString()).isEqualTo("POST /api/periods/thai-yen/2022-Q1/reopen");

        Http.Response cancelled = act(officer, dueInQ1, "cancel", Map.of("reason", "Không làm nữa"));
        assertProblem(cancelled, 409, "period-locked");
        assertThat(http.get("/api/activities/" + dueInQ1, officer).json().get("status").asString()).isEqualTo("PLANNED");

        String csv = "planId,title,channel,topics,targetCodes,unit,coordinatingUnits,dueDate,plannedQuantity\n"
                + plan + ",Trong kỳ đã khóa,RADIO,a,CT-RADIO,van-hoa-thong-tin,,2022-03-05,1\n"
                + plan + ",Sau kỳ đã khóa,RADIO,a,CT-RADIO,van-hoa-thong-tin,,2022-03-20,1\n";
        Http.Response imported = http.post("/api/activities/import", officer, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/csv"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(imported.json().at("/refused/0/errors/0/field").asString()).isEqualTo("dueDate");
        assertThat(imported.json().at("/refused/0/errors/0/message").asString()).startsWith("period-locked: Kỳ 2022-Q1");

        // Refused means nothing stored and nothing published: one activity due in Q1, scheduled once, never cancelled.
        assertThat(jdbc.sql("SELECT count(*) FROM activity WHERE plan_id = :p AND due_date <= '2022-03-14'").param("p", plan)
                .query(Long.class).single()).isEqualTo(1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> ActivityTopic.ofType("activity-scheduled", dueInQ1).size() == 1);
        assertThat(ActivityTopic.ofType("activity-cancelled", dueInQ1)).isEmpty();
    }

    Map<String, Object> lockRow(String commune) {
        return jdbc.sql("""
                        SELECT status, closed_by, closed_at, reopened_by, reopened_at, reopen_reason, reopened_until,
                               from_date, to_date, array_to_string(org_unit_path, '/') AS path
                        FROM period_lock WHERE org_unit = :ou AND period = '2022-Q1'""").param("ou", commune)
                .query().singleRow();
    }

}
