package vn.loa.reporting.dashboard;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.reporting.period.Window;
import vn.loa.reporting.report.ReportArithmetic.Tally;
import vn.loa.reporting.report.ReportFiguresQuery;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-commune figures of a dashboard, aggregated in SQL in one pass per kind whatever the number
 * of communes, activities and windows: activity counts and per-target tallies are grouped by commune
 * and window ("bucket": one quarter, or the four quarters of a year for the yearly view and its
 * trend), so a year costs the same four queries as a quarter.
 */
@Component
class DashboardQuery {

    private final JdbcClient jdbc;

    DashboardQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Activities(long completed, long overdue) {
        Activities plus(Activities o) {
            return new Activities(completed + o.completed, overdue + o.overdue);
        }
    }

    record TargetDef(String orgUnit, String code, String indicator, BigDecimal yearly, List<BigDecimal> quarterly,
                     String recurrence) {
    }

    record ReportState(String orgUnit, String period, String status, Boolean onTime) {
    }

    /** Completed and overdue activities per commune and bucket: {@code commune -> Activities[bucket]}. */
    Map<String, Activities[]> activities(List<String> communes, List<Window> buckets, LocalDate today) {
        Map<String, Activities[]> result = new HashMap<>();
        jdbc.sql("""
                        with b as (select * from unnest(:froms::date[], :tos::date[]) with ordinality as b(f, t, i))
                        select a.org_unit, b.i,
                               count(*) filter (where a.status = 'COMPLETED') as completed,
                               count(*) filter (where a.status = 'PLANNED' and (a.overdue or a.due_date < :today)) as overdue
                        from activity_state a join b
                          on (a.status = 'COMPLETED' and a.completed_on between b.f and b.t)
                          or (a.status = 'PLANNED' and a.due_date between b.f and b.t)
                        where a.org_unit = any(:communes::text[])
                        group by a.org_unit, b.i""")
                .param("communes", communes.toArray(String[]::new))
                .param("froms", buckets.stream().map(w -> w.from().toString()).toArray(String[]::new))
                .param("tos", buckets.stream().map(w -> w.to().toString()).toArray(String[]::new))
                .param("today", today)
                .query((rs, i) -> {
                    Activities[] perBucket = result.computeIfAbsent(rs.getString("org_unit"), k -> empty(buckets.size()));
                    perBucket[rs.getInt("i") - 1] = new Activities(rs.getLong("completed"), rs.getLong("overdue"));
                    return null;
                })
                .list();
        return result;
    }

    /** The targets of each commune's plan for the year (its open plan first, latest version). */
    List<TargetDef> targets(List<String> communes, int year) {
        return jdbc.sql("""
                        with plans as (
                            select distinct on (org_unit) plan_id, org_unit from plan_copy
                            where org_unit = any(:communes::text[]) and year = :year and version > 0
                            order by org_unit, (closed_at is null) desc, version desc, issued_on desc nulls last)
                        select p.org_unit, t.code, t.indicator, t.yearly_value, t.quarterly_values, t.recurrence
                        from plans p join plan_target t on t.plan_id = p.plan_id""")
                .param("communes", communes.toArray(String[]::new)).param("year", year)
                .query((rs, i) -> new TargetDef(rs.getString("org_unit"), rs.getString("code"), rs.getString("indicator"),
                        rs.getBigDecimal("yearly_value"), decimals(rs.getArray("quarterly_values")),
                        rs.getString("recurrence")))
                .list();
    }

    /** The tally of the completed activities per commune, target code and bucket: {@code "commune|code" -> Tally[bucket]}. */
    Map<String, Tally[]> achieved(List<String> communes, List<Window> buckets) {
        Map<String, Tally[]> result = new HashMap<>();
        jdbc.sql("""
                        with b as (select * from unnest(:froms::date[], :tos::date[]) with ordinality as b(f, t, i))
                        select a.org_unit, tc as code, b.i, sum(a.quantity) as total, max(a.quantity) as best, count(*) as n,
                               coalesce(sum(a.reach), 0) as reach, array_agg(a.completed_on) as dates
                        from activity_state a cross join unnest(a.target_codes) tc
                        join b on a.completed_on between b.f and b.t
                        where a.org_unit = any(:communes::text[]) and a.status = 'COMPLETED'
                        group by a.org_unit, tc, b.i""")
                .param("communes", communes.toArray(String[]::new))
                .param("froms", buckets.stream().map(w -> w.from().toString()).toArray(String[]::new))
                .param("tos", buckets.stream().map(w -> w.to().toString()).toArray(String[]::new))
                .query((rs, i) -> {
                    Tally[] perBucket = result.computeIfAbsent(rs.getString("org_unit") + "|" + rs.getString("code"),
                            k -> {
                                Tally[] a = new Tally[buckets.size()];
                                Arrays.fill(a, Tally.NONE);
                                return a;
                            });
                    int bucket = rs.getInt("i") - 1;
                    perBucket[bucket] = Tally.of(buckets.get(bucket).from(), rs.getBigDecimal("total"),
                            rs.getBigDecimal("best"), rs.getLong("n"), rs.getLong("reach"),
                            ReportFiguresQuery.dates(rs.getArray("dates")));
                    return null;
                })
                .list();
        return result;
    }

    List<ReportState> reports(List<String> communes, List<String> periods) {
        return jdbc.sql("""
                        select org_unit, period, status, on_time from report
                        where org_unit = any(:communes::text[]) and period = any(:periods::text[])""")
                .param("communes", communes.toArray(String[]::new)).param("periods", periods.toArray(String[]::new))
                .query((rs, i) -> new ReportState(rs.getString("org_unit"), rs.getString("period"),
                        rs.getString("status"), (Boolean) rs.getObject("on_time")))
                .list();
    }

    private static Activities[] empty(int n) {
        Activities[] a = new Activities[n];
        Arrays.fill(a, new Activities(0, 0));
        return a;
    }

    private static List<BigDecimal> decimals(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((BigDecimal[]) array.getArray());
    }
}
