package vn.loa.reporting.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.reporting.figures.ReportArithmetic;
import vn.loa.reporting.figures.TallyQuery;
import vn.loa.reporting.period.Window;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Computes communes' report figures from the tallies. The activities of a period are those
 * completed inside its window and the open ones due inside it; cancelled ones count nowhere. An open
 * activity is overdue once its due date has passed (or activity-service said so).
 */
@Component
public class ReportFiguresQuery {

    /** The channel codes in the order of API.md. */
    static final List<String> CHANNELS = List.of("RADIO", "WEBSITE", "PRESS", "PANEL_POSTER", "TRAINING", "MEETING",
            "LAW_DAY", "POSTAL_SERVICE", "OTHER");
    private static final List<String> DIMS = List.of("ALL", "TARGET", "CHANNEL", "LEAD", "COORDINATE");

    private static final TypeReference<List<Map<String, Object>>> JSON_LIST = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TallyQuery tallies;

    ReportFiguresQuery(JdbcClient jdbc, JsonMapper json, TallyQuery tallies) {
        this.jdbc = jdbc;
        this.json = json;
        this.tallies = tallies;
    }

    record PlanRow(String orgUnit, UUID planId, String documentNumber, long budgetTotalVnd, List<String> channels,
                   List<Map<String, Object>> units, List<Map<String, Object>> assignments) {
    }

    record TargetRow(String code, String description, String indicator, String recurrence, BigDecimal yearly,
                     List<BigDecimal> quarterly) {
    }

    /** The plan each commune reports against for a year: its issued plan (an open one before a closed one). */
    Map<String, PlanRow> plans(List<String> communes, int year) {
        Map<String, PlanRow> plans = new HashMap<>();
        jdbc.sql("""
                        select distinct on (org_unit) * from plan_copy
                        where org_unit = any(:orgs::text[]) and year = :year and version > 0
                        order by org_unit, (closed_at is null) desc, version desc, issued_on desc nulls last""")
                .param("orgs", communes.toArray(String[]::new)).param("year", year)
                .query((rs, i) -> new PlanRow(rs.getString("org_unit"), rs.getObject("plan_id", UUID.class),
                        rs.getString("document_number"), rs.getLong("budget_total_vnd"), strings(rs.getArray("channels")),
                        json.readValue(rs.getString("units"), JSON_LIST),
                        json.readValue(rs.getString("assignments"), JSON_LIST)))
                .list()
                .forEach(p -> plans.put(p.orgUnit(), p));
        return plans;
    }

    private Map<UUID, List<TargetRow>> targets(Collection<PlanRow> plans) {
        Map<UUID, List<TargetRow>> targets = new HashMap<>();
        if (plans.isEmpty()) {
            return targets;
        }
        jdbc.sql("""
                        select plan_id, code, description, indicator, recurrence, yearly_value, quarterly_values
                        from plan_target where plan_id = any(:plans::uuid[]) order by plan_id, ordinal""")
                .param("plans", plans.stream().map(PlanRow::planId).toArray(UUID[]::new))
                .query((rs, i) -> targets.computeIfAbsent(rs.getObject("plan_id", UUID.class), k -> new ArrayList<>())
                        .add(new TargetRow(rs.getString("code"), rs.getString("description"), rs.getString("indicator"),
                                rs.getString("recurrence"), rs.getBigDecimal("yearly_value"),
                                decimals(rs.getArray("quarterly_values")))))
                .list();
        return targets;
    }

    public ReportFigures compute(String orgUnit, int year, int quarter, Window window, LocalDate today) {
        return compute(List.of(orgUnit), year, quarter, window, today).get(orgUnit);
    }

    /**
     * The figures of several communes for one period, from the tallies: five queries whatever the number
     * of communes and activities (the district's consolidated report reads all its communes at once).
     */
    public Map<String, ReportFigures> compute(List<String> communes, int year, int quarter, Window window,
                                              LocalDate today) {
        Map<String, PlanRow> plans = plans(communes, year);
        Map<UUID, List<TargetRow>> targets = targets(plans.values());
        Map<TallyQuery.Key, TallyQuery.Cell> cells = tallies.read(communes, List.of(window), DIMS, today, false);
        Map<String, ReportFigures> out = new LinkedHashMap<>();
        for (String commune : communes) {
            Optional<PlanRow> plan = Optional.ofNullable(plans.get(commune));
            Map<String, Map<String, TallyQuery.Cell>> mine = TallyQuery.byDimension(cells, commune, 0);
            out.put(commune, new ReportFigures(plan.map(PlanRow::planId).orElse(null),
                    plan.map(PlanRow::documentNumber).orElse(null),
                    targetLines(plan.map(p -> targets.getOrDefault(p.planId(), List.of())).orElse(List.of()),
                            mine.getOrDefault("TARGET", Map.of()), quarter),
                    channels(plan, mine.getOrDefault("CHANNEL", Map.of())),
                    units(plan, mine.getOrDefault("LEAD", Map.of()), mine.getOrDefault("COORDINATE", Map.of())),
                    budget(plan, mine.getOrDefault("ALL", Map.of()).get(""), quarter)));
        }
        return out;
    }

    private static List<ReportFigures.TargetLine> targetLines(List<TargetRow> targets,
                                                              Map<String, TallyQuery.Cell> cells, int quarter) {
        List<ReportFigures.TargetLine> lines = new ArrayList<>();
        for (TargetRow t : targets) {
            TallyQuery.Cell cell = cells.get(t.code());
            ReportArithmetic.Tally tally = cell == null ? ReportArithmetic.Tally.NONE : cell.tally();
            BigDecimal planned = ReportArithmetic.planned(t.indicator(), t.yearly(), t.quarterly(), quarter);
            BigDecimal achieved = ReportArithmetic.achieved(t.indicator(), t.recurrence(), tally);
            lines.add(new ReportFigures.TargetLine(t.code(), t.description(), t.indicator(), planned, achieved,
                    ReportArithmetic.ratio(achieved, planned), t.recurrence(), tally.activities(),
                    tally.quantity() == null ? BigDecimal.ZERO : ReportArithmetic.plain(tally.quantity()), tally.reach()));
        }
        return lines;
    }

    /** Per channel: the period's activities (completed in it, or open and due in it), completed, quantity, reach. */
    private static List<ReportFigures.ChannelLine> channels(Optional<PlanRow> plan, Map<String, TallyQuery.Cell> cells) {
        Map<String, ReportFigures.ChannelLine> lines = new HashMap<>();
        plan.ifPresent(p -> p.channels().forEach(c -> lines.put(c, new ReportFigures.ChannelLine(c, 0, 0,
                BigDecimal.ZERO, 0))));
        cells.forEach((key, c) -> {
            if (c.completed() + c.open() > 0) {
                String channel = key.isEmpty() ? null : key;
                lines.put(channel, new ReportFigures.ChannelLine(channel, c.completed() + c.open(), c.completed(),
                        ReportArithmetic.plain(c.completed() == 0 ? BigDecimal.ZERO : c.quantity()), c.reach()));
            }
        });
        return lines.values().stream()
                .sorted(Comparator.comparingInt((ReportFigures.ChannelLine l) -> channelOrder(l.channel()))
                        .thenComparing(ReportFigures.ChannelLine::channel, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private static List<ReportFigures.UnitLine> units(Optional<PlanRow> plan, Map<String, TallyQuery.Cell> lead,
                                                      Map<String, TallyQuery.Cell> coordinate) {
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
        for (Map.Entry<String, Map<String, TallyQuery.Cell>> byRole : List.of(Map.entry("LEAD", lead),
                Map.entry("COORDINATE", coordinate))) {
            byRole.getValue().forEach((unit, c) -> {
                if (c.completed() + c.open() > 0) {
                    lines.put(unit + "/" + byRole.getKey(), new ReportFigures.UnitLine(unit, null, byRole.getKey(),
                            c.completed() + c.open(), c.completed(), c.overdue()));
                }
            });
        }
        List<ReportFigures.UnitLine> result = new ArrayList<>();
        lines.values().stream()
                .sorted(Comparator.comparing(ReportFigures.UnitLine::role, Comparator.comparing(r -> !r.equals("LEAD")))
                        .thenComparing(ReportFigures.UnitLine::unit))
                .forEach(l -> result.add(new ReportFigures.UnitLine(l.unit(), names.get(l.unit()), l.role(),
                        l.assigned(), l.completed(), l.overdue())));
        return result;
    }

    private static ReportFigures.Budget budget(Optional<PlanRow> plan, TallyQuery.Cell all, int quarter) {
        long planned = plan.map(p -> ReportArithmetic.budgetPlanned(p.budgetTotalVnd(), quarter)).orElse(0L);
        return new ReportFigures.Budget(planned, all == null ? 0 : all.costVnd());
    }

    /**
     * What arrived after the period was closed for each commune (activity-service's copy of the lock
     * can lag): counted apart, never in the frozen figures. Communes where nothing did are absent.
     */
    public Map<String, ReportFigures.AfterClosing> afterClosing(List<String> communes, String period, Window window,
                                                                LocalDate today) {
        Map<String, List<ReportFigures.LateArrival>> events = new LinkedHashMap<>();
        jdbc.sql("""
                        select * from late_arrival where org_unit = any(:orgs::text[]) and period = :p
                        order by org_unit, published_at, event_id""")
                .param("orgs", communes.toArray(String[]::new)).param("p", period)
                .query((rs, i) -> events.computeIfAbsent(rs.getString("org_unit"), k -> new ArrayList<>())
                        .add(new ReportFigures.LateArrival(rs.getObject("activity_id", UUID.class),
                                rs.getString("event_type"), rs.getString("title"), rs.getString("channel"),
                                rs.getString("status"), rs.getObject("completed_on", LocalDate.class),
                                rs.getObject("due_date", LocalDate.class),
                                rs.getBigDecimal("quantity") == null ? null : ReportArithmetic.plain(rs.getBigDecimal("quantity")),
                                (Long) rs.getObject("reach"), (Long) rs.getObject("cost_vnd"),
                                rs.getObject("published_at", java.time.OffsetDateTime.class))))
                .list();
        Map<String, ReportFigures.AfterClosing> out = new LinkedHashMap<>();
        if (events.isEmpty()) {
            return out;
        }
        Map<TallyQuery.Key, TallyQuery.Cell> cells = tallies.read(events.keySet(), List.of(window), List.of("ALL"),
                today, true);
        events.forEach((commune, list) -> {
            TallyQuery.Cell all = cells.get(new TallyQuery.Key(commune, 0, "ALL", ""));
            out.put(commune, new ReportFigures.AfterClosing(all == null ? 0 : all.completed(),
                    all == null ? BigDecimal.ZERO : ReportArithmetic.plain(all.quantity()), all == null ? 0 : all.reach(),
                    all == null ? 0 : all.costVnd(), list));
        });
        return out;
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
