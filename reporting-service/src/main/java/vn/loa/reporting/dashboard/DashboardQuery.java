package vn.loa.reporting.dashboard;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.reporting.period.Window;
import vn.loa.reporting.report.ReportArithmetic;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-commune figures of a dashboard, aggregated in SQL: three queries whatever the number of
 * communes and activities (activity counts, per-target sums for achievement, report statuses).
 */
@Component
class DashboardQuery {

    private final JdbcClient jdbc;

    DashboardQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Activities(long completed, long overdue) {
    }

    record ReportState(String orgUnit, String period, String status, Boolean onTime) {
    }

    Map<String, Activities> activities(List<String> communes, Window w, LocalDate today) {
        Map<String, Activities> result = new HashMap<>();
        jdbc.sql("""
                        select org_unit,
                               count(*) filter (where status = 'COMPLETED' and completed_on between :from and :to) as completed,
                               count(*) filter (where status = 'PLANNED' and due_date between :from and :to
                                                and (overdue or due_date < :today)) as overdue
                        from activity_state
                        where org_unit = any(:communes::text[])
                          and ((status = 'COMPLETED' and completed_on between :from and :to)
                            or (status = 'PLANNED' and due_date between :from and :to))
                        group by org_unit""")
                .param("communes", communes.toArray(String[]::new)).param("from", w.from()).param("to", w.to())
                .param("today", today)
                .query((rs, i) -> result.put(rs.getString("org_unit"),
                        new Activities(rs.getLong("completed"), rs.getLong("overdue"))))
                .list();
        return result;
    }

    /** Each commune's achievement: the mean of its targets' ratios capped at 1 (the reports' arithmetic). */
    Map<String, BigDecimal> achievement(List<String> communes, int year, int quarter, Window w) {
        Map<String, List<BigDecimal>> ratios = new HashMap<>();
        jdbc.sql("""
                        with plans as (
                            select distinct on (org_unit) plan_id, org_unit from plan_copy
                            where org_unit = any(:communes::text[]) and year = :year and version > 0
                            order by org_unit, (closed_at is null) desc, version desc, issued_on desc nulls last),
                        achieved as (
                            select a.org_unit, tc as code, sum(a.quantity) as total, max(a.quantity) as best, count(*) as n
                            from activity_state a cross join unnest(a.target_codes) tc
                            where a.org_unit = any(:communes::text[]) and a.status = 'COMPLETED'
                              and a.completed_on between :from and :to
                            group by a.org_unit, tc)
                        select p.org_unit, t.indicator, t.yearly_value, t.quarterly_values, ach.total, ach.best,
                               coalesce(ach.n, 0) as n
                        from plans p join plan_target t on t.plan_id = p.plan_id
                        left join achieved ach on ach.org_unit = p.org_unit and ach.code = t.code""")
                .param("communes", communes.toArray(String[]::new)).param("year", year)
                .param("from", w.from()).param("to", w.to())
                .query((rs, i) -> {
                    String indicator = rs.getString("indicator");
                    BigDecimal planned = ReportArithmetic.planned(indicator, rs.getBigDecimal("yearly_value"),
                            decimals(rs.getArray("quarterly_values")), quarter);
                    BigDecimal achieved = ReportArithmetic.achieved(indicator, rs.getBigDecimal("total"),
                            rs.getBigDecimal("best"), rs.getLong("n"));
                    ratios.computeIfAbsent(rs.getString("org_unit"), k -> new ArrayList<>())
                            .add(ReportArithmetic.ratio(achieved, planned));
                    return null;
                })
                .list();
        Map<String, BigDecimal> result = new HashMap<>();
        ratios.forEach((commune, list) -> result.put(commune, ReportArithmetic.achievement(list)));
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

    private static List<BigDecimal> decimals(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((BigDecimal[]) array.getArray());
    }
}
