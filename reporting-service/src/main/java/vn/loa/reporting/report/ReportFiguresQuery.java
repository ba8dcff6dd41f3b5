package vn.loa.reporting.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.reporting.figures.ReportArithmetic;
import vn.loa.reporting.figures.TallyQuery;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
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
    private static final List<String> DIMS = List.of("ALL", "TARGET", "CHANNEL", "LEAD", "COORDINATE", "TOPIC",
            "AUDIENCE", "SOURCE");
    /** Listed in every report, even when nothing reached them. */
    static final List<String> AUDIENCES = List.of("OFFICIALS", "CITIZENS", "BUSINESSES");
    static final List<String> SOURCES = List.of("PROVINCE", "DISTRICT", "COMMUNE", "OTHER");
    static final String NOT_STATED = "NOT_STATED";

    private static final TypeReference<List<Map<String, Object>>> JSON_LIST = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TallyQuery tallies;
    private final PeriodCalendar calendar;

    ReportFiguresQuery(JdbcClient jdbc, JsonMapper json, TallyQuery tallies, PeriodCalendar calendar) {
        this.jdbc = jdbc;
        this.json = json;
        this.tallies = tallies;
        this.calendar = calendar;
    }

    record PlanRow(String orgUnit, UUID planId, String documentNumber, long budgetTotalVnd, List<String> channels,
                   List<Map<String, Object>> units, List<Map<String, Object>> assignments, Integer reportsEveryMonths,
                   List<Map<String, Object>> recipients, List<Map<String, Object>> budget,
                   List<Map<String, Object>> topics) {
    }

    record TargetRow(String code, String description, String indicator, String recurrence, BigDecimal yearly,
                     List<BigDecimal> quarterly, String parentTargetCode) {
    }

    /**
     * Whose figures a report shows: the unit it is about ({@code code}) and the units whose activities count
     * for it ({@code members}: the unit and its predecessors after a merger; just the unit otherwise).
     */
    public record Subject(String code, List<String> members) {
        public static Subject of(String code) {
            return new Subject(code, List.of(code));
        }
    }

    /** The plan each unit reports against for a year: its issued plan (an open one before a closed one). */
    Map<String, PlanRow> plans(Collection<String> units, int year) {
        Map<String, PlanRow> plans = new HashMap<>();
        if (units.isEmpty()) {
            return plans;
        }
        jdbc.sql("""
                        select distinct on (org_unit) * from plan_copy
                        where org_unit = any(:orgs::text[]) and year = :year and version > 0
                        order by org_unit, (closed_at is null) desc, version desc, issued_on desc nulls last""")
                .param("orgs", units.toArray(String[]::new)).param("year", year)
                .query((rs, i) -> new PlanRow(rs.getString("org_unit"), rs.getObject("plan_id", UUID.class),
                        rs.getString("document_number"), rs.getLong("budget_total_vnd"), strings(rs.getArray("channels")),
                        json.readValue(rs.getString("units"), JSON_LIST),
                        json.readValue(rs.getString("assignments"), JSON_LIST),
                        (Integer) rs.getObject("reports_every_months"),
                        json.readValue(rs.getString("recipients"), JSON_LIST),
                        json.readValue(rs.getString("budget"), JSON_LIST),
                        json.readValue(rs.getString("topics"), JSON_LIST)))
                .list()
                .forEach(p -> plans.put(p.orgUnit(), p));
        return plans;
    }

    Map<UUID, List<TargetRow>> targets(Collection<PlanRow> plans) {
        Map<UUID, List<TargetRow>> targets = new HashMap<>();
        if (plans.isEmpty()) {
            return targets;
        }
        jdbc.sql("""
                        select plan_id, code, description, indicator, recurrence, yearly_value, quarterly_values,
                               parent_target_code
                        from plan_target where plan_id = any(:plans::uuid[]) order by plan_id, ordinal""")
                .param("plans", plans.stream().map(PlanRow::planId).toArray(UUID[]::new))
                .query((rs, i) -> targets.computeIfAbsent(rs.getObject("plan_id", UUID.class), k -> new ArrayList<>())
                        .add(new TargetRow(rs.getString("code"), rs.getString("description"), rs.getString("indicator"),
                                rs.getString("recurrence"), rs.getBigDecimal("yearly_value"),
                                decimals(rs.getArray("quarterly_values")), rs.getString("parent_target_code"))))
                .list();
        return targets;
    }

    public ReportFigures compute(String orgUnit, Period period, LocalDate today) {
        return compute(List.of(Subject.of(orgUnit)), period, today).get(orgUnit);
    }

    /**
     * The figures of several units for one period (a quarter, the six months, the year), from the tallies: the
     * period's quarters are read as buckets and added up, and so are the members of each subject (a merged
     * commune and its predecessors). A handful of queries whatever the number of units and activities.
     */
    public Map<String, ReportFigures> compute(List<Subject> subjects, Period period, LocalDate today) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        subjects.forEach(s -> all.addAll(s.members()));
        Map<String, PlanRow> plans = plans(all, period.year());
        Map<UUID, List<TargetRow>> targets = targets(plans.values());
        List<Period> quarters = period.quarters();
        List<Window> buckets = quarters.stream().map(calendar::window).toList();
        Map<TallyQuery.Key, TallyQuery.Cell> cells = tallies.read(all, buckets, DIMS, today, false);
        // Spent from the start of the year to the period: what an official sets against a yearly budget.
        List<Window> earlier = new ArrayList<>();
        for (int q = 1; q < period.firstQuarter(); q++) {
            earlier.add(calendar.window(Period.of(period.year(), q)));
        }
        Map<TallyQuery.Key, TallyQuery.Cell> before = earlier.isEmpty() ? Map.of()
                : tallies.read(all, earlier, List.of("ALL", "SOURCE"), today, false);
        Map<String, ReportFigures> out = new LinkedHashMap<>();
        for (Subject subject : subjects) {
            // The subject's own plan first: its targets' wording, its document number.
            List<PlanRow> own = new ArrayList<>();
            for (String m : subject.members()) {
                if (plans.containsKey(m)) {
                    own.add(plans.get(m));
                }
            }
            Optional<PlanRow> plan = own.stream().findFirst();
            Map<String, Map<String, List<TallyQuery.Cell>>> mine = new HashMap<>();
            for (String m : subject.members()) {
                for (int b = 0; b < buckets.size(); b++) {
                    TallyQuery.byDimension(cells, m, b).forEach((dim, byKey) -> byKey.forEach((key, cell) ->
                            mine.computeIfAbsent(dim, d -> new HashMap<>()).computeIfAbsent(key, k -> new ArrayList<>())
                                    .add(cell)));
                }
            }
            Map<String, List<TallyQuery.Cell>> earlierSpent = new HashMap<>();
            for (String m : subject.members()) {
                for (int b = 0; b < earlier.size(); b++) {
                    TallyQuery.byDimension(before, m, b).forEach((dim, byKey) -> byKey.forEach((key, cell) ->
                            earlierSpent.computeIfAbsent("ALL".equals(dim) ? "" : key, k -> new ArrayList<>()).add(cell)));
                }
            }
            List<TargetRow> rows = new ArrayList<>();
            own.forEach(p -> rows.addAll(targets.getOrDefault(p.planId(), List.of())));
            out.put(subject.code(), new ReportFigures(plan.map(PlanRow::planId).orElse(null),
                    plan.map(PlanRow::documentNumber).orElse(null),
                    targetLines(rows, mine.getOrDefault("TARGET", Map.of()), period),
                    channels(own, mine.getOrDefault("CHANNEL", Map.of())),
                    units(own, mine.getOrDefault("LEAD", Map.of()), mine.getOrDefault("COORDINATE", Map.of())),
                    budget(own, mine.getOrDefault("ALL", Map.of()).get(""), mine.getOrDefault("SOURCE", Map.of()), period,
                            earlierSpent),
                    null, topics(mine.getOrDefault("TOPIC", Map.of()), topicTitles(own)),
                    audiences(mine.getOrDefault("AUDIENCE", Map.of()))));
        }
        return out;
    }

    /**
     * One line per target code. Several plans (a merged commune's predecessors') with the same code add up: their
     * planned values, and what was achieved, counted per unit, per reporting month and per quarter.
     */
    private static List<ReportFigures.TargetLine> targetLines(List<TargetRow> targets,
                                                              Map<String, List<TallyQuery.Cell>> cells, Period period) {
        Map<String, ReportFigures.TargetLine> lines = new LinkedHashMap<>();
        for (TargetRow t : targets) {
            BigDecimal planned = ReportArithmetic.planned(t.indicator(), t.yearly(), t.quarterly(),
                    period.firstQuarter(), period.lastQuarter());
            ReportFigures.TargetLine existing = lines.get(t.code());
            if (existing != null) {
                lines.put(t.code(), existing.withPlanned(existing.planned() == null ? planned
                        : "COUNT".equals(t.indicator()) ? existing.planned().add(planned) : existing.planned().max(planned)));
                continue;
            }
            lines.put(t.code(), new ReportFigures.TargetLine(t.code(), t.description(), t.indicator(), planned, null,
                    null, t.recurrence(), 0L, BigDecimal.ZERO, 0L, t.parentTargetCode()));
        }
        List<ReportFigures.TargetLine> out = new ArrayList<>();
        for (ReportFigures.TargetLine l : lines.values()) {
            ReportArithmetic.Tally tally = ReportArithmetic.Tally.NONE;
            for (TallyQuery.Cell c : cells.getOrDefault(l.code(), List.of())) {
                tally = tally.plus(c.tally());
            }
            BigDecimal achieved = ReportArithmetic.achieved(l.indicator(), l.recurrence(), tally);
            out.add(new ReportFigures.TargetLine(l.code(), l.description(), l.indicator(), ReportArithmetic.plain(l.planned()),
                    achieved, ReportArithmetic.ratio(achieved, l.planned()), l.recurrence(), tally.activities(),
                    tally.quantity() == null ? BigDecimal.ZERO : ReportArithmetic.plain(tally.quantity()), tally.reach(),
                    l.parentTargetCode()));
        }
        return out;
    }

    /** Per channel: the period's activities (completed in it, or open and due in it), completed, quantity, reach. */
    private static List<ReportFigures.ChannelLine> channels(List<PlanRow> plans, Map<String, List<TallyQuery.Cell>> cells) {
        Map<String, ReportFigures.ChannelLine> lines = new HashMap<>();
        plans.forEach(p -> p.channels().forEach(c -> lines.put(c, new ReportFigures.ChannelLine(c, 0, 0,
                BigDecimal.ZERO, 0))));
        cells.forEach((key, list) -> {
            long completed = 0;
            long open = 0;
            long reach = 0;
            BigDecimal quantity = BigDecimal.ZERO;
            for (TallyQuery.Cell c : list) {
                completed += c.completed();
                open += c.open();
                reach += c.reach();
                if (c.completed() > 0 && c.quantity() != null) {
                    quantity = quantity.add(c.quantity());
                }
            }
            if (completed + open > 0) {
                String channel = key.isEmpty() ? null : key;
                lines.put(channel, new ReportFigures.ChannelLine(channel, completed + open, completed,
                        ReportArithmetic.plain(quantity), reach));
            }
        });
        return lines.values().stream()
                .sorted(Comparator.comparingInt((ReportFigures.ChannelLine l) -> channelOrder(l.channel()))
                        .thenComparing(ReportFigures.ChannelLine::channel, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private static List<ReportFigures.UnitLine> units(List<PlanRow> plans, Map<String, List<TallyQuery.Cell>> lead,
                                                      Map<String, List<TallyQuery.Cell>> coordinate) {
        Map<String, String> names = new HashMap<>();
        Map<String, ReportFigures.UnitLine> lines = new LinkedHashMap<>();
        for (PlanRow p : plans) {
            p.units().forEach(u -> names.putIfAbsent(String.valueOf(u.get("code")), (String) u.get("name")));
            p.assignments().forEach(a -> {
                String unit = String.valueOf(a.get("unit"));
                if (a.get("unitName") != null) {
                    names.putIfAbsent(unit, (String) a.get("unitName"));
                }
                String role = "COORDINATE".equals(a.get("role")) ? "COORDINATE" : "LEAD";
                lines.put(unit + "/" + role, new ReportFigures.UnitLine(unit, null, role, 0, 0, 0));
            });
        }
        for (Map.Entry<String, Map<String, List<TallyQuery.Cell>>> byRole : List.of(Map.entry("LEAD", lead),
                Map.entry("COORDINATE", coordinate))) {
            byRole.getValue().forEach((unit, list) -> {
                long completed = list.stream().mapToLong(TallyQuery.Cell::completed).sum();
                long open = list.stream().mapToLong(TallyQuery.Cell::open).sum();
                long overdue = list.stream().mapToLong(TallyQuery.Cell::overdue).sum();
                if (completed + open > 0) {
                    lines.put(unit + "/" + byRole.getKey(), new ReportFigures.UnitLine(unit, null, byRole.getKey(),
                            completed + open, completed, overdue));
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

    /**
     * The period's money: the plan's share for the period (its total spread over the quarters, kept as it was), the
     * activities' planned cost and spending, per source; beside them the plan's own lines per source for the whole
     * year and the spending from the start of the year to the end of the period ({@code earlierSpent}: the quarters
     * before the period, by source, "" for all), which is what the documents set side by side. A plan's amount is
     * a year's (Decree 163/2016 allots budgets per year), so it is not divided: see reporting-service/README.md.
     */
    private static ReportFigures.Budget budget(List<PlanRow> plans, List<TallyQuery.Cell> all,
                                               Map<String, List<TallyQuery.Cell>> bySource, Period period,
                                               Map<String, List<TallyQuery.Cell>> earlierSpent) {
        long planned = plans.stream().mapToLong(p -> ReportArithmetic.budgetPlanned(p.budgetTotalVnd(),
                period.firstQuarter(), period.lastQuarter())).sum();
        long spent = all == null ? 0 : all.stream().mapToLong(TallyQuery.Cell::costVnd).sum();
        long activitiesPlanned = all == null ? 0 : all.stream().mapToLong(TallyQuery.Cell::plannedCostVnd).sum();
        List<ReportFigures.SourceLine> sources = new ArrayList<>();
        long statedPlanned = 0;
        long statedSpent = 0;
        List<String> keys = new ArrayList<>(SOURCES);
        bySource.keySet().stream().filter(k -> !SOURCES.contains(k)).sorted().forEach(keys::add);
        Map<String, Long> planYear = new HashMap<>();
        for (PlanRow plan : plans) {
            for (Map<String, Object> line : plan.budget()) {
                Object amount = line.get("amountVnd");
                planYear.merge(String.valueOf(line.get("source")), amount instanceof Number n ? n.longValue() : 0L, Long::sum);
            }
        }
        long spentBefore = spentOf(earlierSpent.get(""));
        long statedBefore = 0;
        planYear.keySet().stream().filter(k -> !keys.contains(k)).sorted().forEach(keys::add);
        for (String source : keys) {
            List<TallyQuery.Cell> cells = bySource.getOrDefault(source, List.of());
            long p = cells.stream().mapToLong(TallyQuery.Cell::plannedCostVnd).sum();
            long s = cells.stream().mapToLong(TallyQuery.Cell::costVnd).sum();
            long b = spentOf(earlierSpent.get(source));
            statedPlanned += p;
            statedSpent += s;
            statedBefore += b;
            sources.add(new ReportFigures.SourceLine(source, p, s, planYear.get(source), b + s));
        }
        if (activitiesPlanned != statedPlanned || spent != statedSpent || spentBefore != statedBefore) {
            sources.add(new ReportFigures.SourceLine(NOT_STATED, activitiesPlanned - statedPlanned, spent - statedSpent,
                    null, spentBefore - statedBefore + spent - statedSpent));
        }
        Long planYearTotal = plans.isEmpty() ? null : planYear.values().stream().mapToLong(Long::longValue).sum();
        return new ReportFigures.Budget(planned, spent, activitiesPlanned, sources, planYearTotal, spentBefore + spent);
    }

    private static long spentOf(List<TallyQuery.Cell> cells) {
        return cells == null ? 0 : cells.stream().mapToLong(TallyQuery.Cell::costVnd).sum();
    }

    /** The plans' wording of their topics, by code (the subject's own plan first). */
    private static Map<String, String> topicTitles(List<PlanRow> plans) {
        Map<String, String> titles = new HashMap<>();
        plans.forEach(p -> p.topics().forEach(t -> {
            if (t.get("code") != null && t.get("title") != null) {
                titles.putIfAbsent(String.valueOf(t.get("code")), String.valueOf(t.get("title")));
            }
        }));
        return titles;
    }

    /** One line per topic with activities in the period, by topic. */
    static List<ReportFigures.TopicLine> topics(Map<String, List<TallyQuery.Cell>> cells, Map<String, String> titles) {
        return cells.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> new ReportFigures.TopicLine(e.getKey(),
                e.getValue().stream().mapToLong(c -> c.completed() + c.open()).sum(),
                e.getValue().stream().mapToLong(TallyQuery.Cell::completed).sum(),
                e.getValue().stream().mapToLong(TallyQuery.Cell::reach).sum(), titles.get(e.getKey()))).toList();
    }

    /** One line per audience (the three always, then any other named in events), with its own reach. */
    static List<ReportFigures.AudienceLine> audiences(Map<String, List<TallyQuery.Cell>> cells) {
        List<String> keys = new ArrayList<>(AUDIENCES);
        cells.keySet().stream().filter(k -> !AUDIENCES.contains(k)).sorted().forEach(keys::add);
        return keys.stream().map(a -> {
            List<TallyQuery.Cell> list = cells.getOrDefault(a, List.of());
            return new ReportFigures.AudienceLine(a, list.stream().mapToLong(TallyQuery.Cell::completed).sum(),
                    list.stream().mapToLong(TallyQuery.Cell::reach).sum());
        }).toList();
    }

    /**
     * What arrived after the period was closed for each commune (activity-service's copy of the lock
     * can lag): counted apart, never in the frozen figures. Communes where nothing did are absent.
     */
    public Map<String, ReportFigures.AfterClosing> afterClosing(List<Subject> subjects, Period period,
                                                                LocalDate today) {
        Map<String, String> subjectOf = new HashMap<>();
        subjects.forEach(sub -> sub.members().forEach(m -> subjectOf.putIfAbsent(m, sub.code())));
        Map<String, List<ReportFigures.LateArrival>> events = new LinkedHashMap<>();
        jdbc.sql("""
                        select * from late_arrival where org_unit = any(:orgs::text[]) and period = any(:p::text[])
                        order by org_unit, published_at, event_id""")
                .param("orgs", subjectOf.keySet().toArray(String[]::new))
                .param("p", period.quarters().stream().map(Period::toString).toArray(String[]::new))
                .query((rs, i) -> events.computeIfAbsent(subjectOf.get(rs.getString("org_unit")), k -> new ArrayList<>())
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
        List<String> members = subjectOf.entrySet().stream().filter(e -> events.containsKey(e.getValue()))
                .map(Map.Entry::getKey).toList();
        Map<TallyQuery.Key, TallyQuery.Cell> cells = tallies.read(members, List.of(calendar.window(period)),
                List.of("ALL"), today, true);
        events.forEach((subject, list) -> {
            long completed = 0;
            long reach = 0;
            long cost = 0;
            BigDecimal quantity = BigDecimal.ZERO;
            for (String m : members) {
                TallyQuery.Cell all = subject.equals(subjectOf.get(m)) ? cells.get(new TallyQuery.Key(m, 0, "ALL", "")) : null;
                if (all != null) {
                    completed += all.completed();
                    reach += all.reach();
                    cost += all.costVnd();
                    quantity = quantity.add(all.quantity() == null ? BigDecimal.ZERO : all.quantity());
                }
            }
            out.put(subject, new ReportFigures.AfterClosing(completed, ReportArithmetic.plain(quantity), reach, cost, list));
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
