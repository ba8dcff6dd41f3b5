package vn.loa.reporting.dashboard;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * What a dashboard reads besides the tallies ({@link vn.loa.reporting.figures.TallyQuery}): the
 * targets of each commune's plan and the state of the reports, one query each for all communes.
 */
@Component
class DashboardQuery {

    private final JdbcClient jdbc;

    DashboardQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record TargetDef(String orgUnit, String code, String indicator, BigDecimal yearly, List<BigDecimal> quarterly,
                     String recurrence) {
    }

    record ReportState(String orgUnit, String period, String status, Boolean onTime) {
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
