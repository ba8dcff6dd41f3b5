package vn.loa.reporting.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.reporting.period.Window;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Computes a commune's report figures from the read models. The activities of a period are those
 * completed inside its window and the open ones due inside it; cancelled ones count nowhere. An open
 * activity is overdue once its due date has passed (or activity-service said so).
 */
@Component
public class ReportFiguresQuery {

    /** The channel codes in the order of API.md. */
    static final List<String> CHANNELS = List.of("RADIO", "WEBSITE", "PRESS", "PANEL_POSTER", "TRAINING", "MEETING",
            "LAW_DAY", "POSTAL_SERVICE", "OTHER");

    /** The period's activities of one org unit, as a SQL fragment with :org, :from, :to. */
    static final String PERIOD_ACTIVITIES = """
            select * from activity_state
            where org_unit = :org and status <> 'CANCELLED'
              and ((status = 'COMPLETED' and completed_on between :from and :to)
                or (status <> 'COMPLETED' and due_date between :from and :to))""";

    private static final TypeReference<List<Map<String, Object>>> JSON_LIST = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReportFiguresQuery(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record PlanRow(UUID planId, String documentNumber, long budgetTotalVnd, List<String> channels,
                   List<Map<String, Object>> units, List<Map<String, Object>> assignments) {
    }

    /** The plan a commune reports against for a year: its issued plan (an open one before a closed one). */
    Optional<PlanRow> plan(String orgUnit, int year) {
        return jdbc.sql("""
                        select * from plan_copy where org_unit = :org and year = :year and version > 0
                        order by (closed_at is null) desc, version desc, issued_on desc nulls last limit 1""")
                .param("org", orgUnit).param("year", year)
                .query((rs, i) -> new PlanRow(rs.getObject("plan_id", UUID.class), rs.getString("document_number"),
                        rs.getLong("budget_total_vnd"), strings(rs.getArray("channels")),
                        json.readValue(rs.getString("units"), JSON_LIST),
                        json.readValue(rs.getString("assignments"), JSON_LIST)))
                .optional();
    }

    public ReportFigures compute(String orgUnit, int year, int quarter, Window window, LocalDate today) {
        Optional<PlanRow> plan = plan(orgUnit, year);
        return new ReportFigures(plan.map(PlanRow::planId).orElse(null),
                plan.map(PlanRow::documentNumber).orElse(null),
                targets(orgUnit, plan, quarter, window), channels(orgUnit, plan, window),
                units(orgUnit, plan, window, today), budget(orgUnit, plan, quarter, window));
    }

    private List<ReportFigures.TargetLine> targets(String orgUnit, Optional<PlanRow> plan, int quarter, Window w) {
        if (plan.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        with achieved as (
                            select tc as code, sum(a.quantity) as total, max(a.quantity) as best, count(*) as n,
                                   coalesce(sum(a.reach), 0) as reach, array_agg(a.completed_on) as dates
                            from activity_state a cross join unnest(a.target_codes) tc
                            where a.org_unit = :org and a.status = 'COMPLETED' and a.completed_on between :from and :to
                            group by tc)
                        select t.code, t.description, t.indicator, t.recurrence, t.yearly_value, t.quarterly_values,
                               ach.total, ach.best, coalesce(ach.n, 0) as n, coalesce(ach.reach, 0) as reach, ach.dates
                        from plan_target t left join achieved ach on ach.code = t.code
                        where t.plan_id = :plan order by t.ordinal""")
                .param("org", orgUnit).param("from", w.from()).param("to", w.to())
                .param("plan", plan.get().planId())
                .query((rs, i) -> {
                    String indicator = rs.getString("indicator");
                    String recurrence = rs.getString("recurrence");
                    BigDecimal planned = ReportArithmetic.planned(indicator, rs.getBigDecimal("yearly_value"),
                            decimals(rs.getArray("quarterly_values")), quarter);
                    ReportArithmetic.Tally tally = ReportArithmetic.Tally.of(w.from(), rs.getBigDecimal("total"),
                            rs.getBigDecimal("best"), rs.getLong("n"), rs.getLong("reach"), dates(rs.getArray("dates")));
                    BigDecimal achieved = ReportArithmetic.achieved(indicator, recurrence, tally);
                    return new ReportFigures.TargetLine(rs.getString("code"), rs.getString("description"), indicator,
                            planned, achieved, ReportArithmetic.ratio(achieved, planned), recurrence, tally.activities(),
                            tally.quantity() == null ? BigDecimal.ZERO : ReportArithmetic.plain(tally.quantity()),
                            tally.reach());
                })
                .list();
    }

    private List<ReportFigures.ChannelLine> channels(String orgUnit, Optional<PlanRow> plan, Window w) {
        Map<String, ReportFigures.ChannelLine> lines = new HashMap<>();
        plan.ifPresent(p -> p.channels().forEach(c -> lines.put(c, new ReportFigures.ChannelLine(c, 0, 0,
                BigDecimal.ZERO, 0))));
        jdbc.sql("select channel, count(*) as planned, count(*) filter (where status = 'COMPLETED') as completed,"
                        + " coalesce(sum(quantity) filter (where status = 'COMPLETED'), 0) as quantity,"
                        + " coalesce(sum(reach) filter (where status = 'COMPLETED'), 0) as reach"
                        + " from (" + PERIOD_ACTIVITIES + ") a group by channel")
                .param("org", orgUnit).param("from", w.from()).param("to", w.to())
                .query((rs, i) -> new ReportFigures.ChannelLine(rs.getString("channel"), rs.getLong("planned"),
                        rs.getLong("completed"), ReportArithmetic.plain(rs.getBigDecimal("quantity")), rs.getLong("reach")))
                .list()
                .forEach(l -> lines.put(l.channel(), l));
        return lines.values().stream()
                .sorted(Comparator.comparingInt((ReportFigures.ChannelLine l) -> channelOrder(l.channel()))
                        .thenComparing(ReportFigures.ChannelLine::channel))
                .toList();
    }

    private List<ReportFigures.UnitLine> units(String orgUnit, Optional<PlanRow> plan, Window w, LocalDate today) {
        Map<String, String> names = new HashMap<>();
        Map<String, ReportFigures.UnitLine> lines = new LinkedHashMap<>();
        plan.ifPresent(p -> {
            p.units().forEach(u -> names.put(String.valueOf(u.get("code")), (String) u.get("name")));
            p.assignments().forEach(a -> {
                String unit = String.valueOf(a.get("unit"));
                if (a.get("unitName") != null) {
                    names.putIfAbsent(unit, (String) a.get("unitName"));
                }
                String role = "COORDINATE".equals(a.get("role")) ? "COORDINATE" : "LEAD";
                lines.put(unit + "/" + role, new ReportFigures.UnitLine(unit, null, role, 0, 0, 0));
            });
        });
        String counts = " count(*) as assigned, count(*) filter (where status = 'COMPLETED') as completed,"
                + " count(*) filter (where status <> 'COMPLETED' and (overdue or due_date < :today)) as overdue";
        jdbc.sql("select unit, 'LEAD' as role," + counts + " from (" + PERIOD_ACTIVITIES + ") a"
                        + " where unit is not null group by unit"
                        + " union all select cu as unit, 'COORDINATE' as role," + counts
                        + " from (" + PERIOD_ACTIVITIES + ") a cross join unnest(a.coordinating_units) cu group by cu")
                .param("org", orgUnit).param("from", w.from()).param("to", w.to()).param("today", today)
                .query((rs, i) -> new ReportFigures.UnitLine(rs.getString("unit"), null, rs.getString("role"),
                        rs.getLong("assigned"), rs.getLong("completed"), rs.getLong("overdue")))
                .list()
                .forEach(l -> lines.put(l.unit() + "/" + l.role(), l));
        List<ReportFigures.UnitLine> result = new ArrayList<>();
        lines.values().stream()
                .sorted(Comparator.comparing(ReportFigures.UnitLine::role, Comparator.comparing(r -> !r.equals("LEAD")))
                        .thenComparing(ReportFigures.UnitLine::unit))
                .forEach(l -> result.add(new ReportFigures.UnitLine(l.unit(), names.get(l.unit()), l.role(),
                        l.assigned(), l.completed(), l.overdue())));
        return result;
    }

    private ReportFigures.Budget budget(String orgUnit, Optional<PlanRow> plan, int quarter, Window w) {
        long spent = jdbc.sql("""
                        select coalesce(sum(cost_vnd), 0) from activity_state
                        where org_unit = :org and status = 'COMPLETED' and completed_on between :from and :to""")
                .param("org", orgUnit).param("from", w.from()).param("to", w.to())
                .query(Long.class).single();
        long planned = plan.map(p -> ReportArithmetic.budgetPlanned(p.budgetTotalVnd(), quarter)).orElse(0L);
        return new ReportFigures.Budget(planned, spent);
    }

    static int channelOrder(String channel) {
        int i = CHANNELS.indexOf(channel);
        return i < 0 ? CHANNELS.size() : i;
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** The dates of a SQL {@code date[]}, empty for null. */
    public static List<LocalDate> dates(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<LocalDate> out = new ArrayList<>();
        for (Object d : (Object[]) array.getArray()) {
            out.add(d instanceof java.sql.Date sql ? sql.toLocalDate() : LocalDate.parse(d.toString()));
        }
        return out;
    }

    static List<BigDecimal> decimals(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((BigDecimal[]) array.getArray());
    }
}
