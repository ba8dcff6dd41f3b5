package vn.loa.reporting.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.reporting.figures.Figures;
import vn.loa.reporting.figures.FiguresChanged;
import vn.loa.reporting.period.ClosedPeriods;
import vn.loa.reporting.period.PeriodCalendar;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One row per activity with its latest state, and the tallies derived from it, applied a batch at a
 * time in set-based statements (one read, one statement for every write, whatever the batch size).
 * <p>
 * The state follows the same rules as ever, so a redelivered, reordered or replayed event cannot
 * change a number twice: a terminal status (COMPLETED, CANCELLED) is set by the latest terminal event
 * by event time and is never overridden by activity-scheduled; activity-overdue only raises a flag;
 * a completion that arrives before its scheduling still counts. The events of a batch are folded in
 * order (per-key order), starting from the stored rows, read {@code for update}.
 * <p>
 * The tallies change by the difference between each activity's contribution before and after (see
 * {@link #contributions}), so an event that changes nothing changes no tally, and applying an event
 * twice is the same as once. A difference that falls in a period closed for the commune when the
 * event was published goes to the {@code after_closing} tallies (and the event to
 * {@code late_arrival}): a closed period's figures never move.
 */
@Component
class ActivityProjection {

    static final String COMPLETED = "COMPLETED";
    static final String CANCELLED = "CANCELLED";
    static final String PLANNED = "PLANNED";
    private static final tools.jackson.core.type.TypeReference<List<ActivityCompleted.Audience>> AUDIENCES =
            new tools.jackson.core.type.TypeReference<>() {
            };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PeriodCalendar calendar;
    private final ClosedPeriods closedPeriods;
    private final Figures figures;

    ActivityProjection(JdbcClient jdbc, JsonMapper json, PeriodCalendar calendar, ClosedPeriods closedPeriods,
                       Figures figures) {
        this.jdbc = jdbc;
        this.json = json;
        this.calendar = calendar;
        this.closedPeriods = closedPeriods;
        this.figures = figures;
    }

    /** An activity event to apply: its id, data and when it was published (the Kafka record's time). */
    record ActivityEvent(UUID eventId, String type, Object data, OffsetDateTime time, OffsetDateTime publishedAt) {
    }

    /** An activity's stored state (the columns of activity_state). */
    static final class State {
        UUID activityId;
        UUID planId;
        String orgUnit;
        List<String> orgUnitPath = List.of();
        String title;
        String channel;
        List<String> targetCodes = List.of();
        String unit;
        List<String> coordinatingUnits = List.of();
        LocalDate dueDate;
        BigDecimal plannedQuantity;
        String status;
        OffsetDateTime statusTime;
        LocalDate completedOn;
        BigDecimal quantity;
        Long reach;
        Long costVnd;
        boolean overdue;
        OffsetDateTime scheduledAt;
        boolean countedAfterClosing;
        List<String> topics = List.of();
        List<ActivityCompleted.Audience> audiences = List.of();
        Long plannedCostVnd;
        String budgetSource;

        State copy() {
            State s = new State();
            s.activityId = activityId;
            s.planId = planId;
            s.orgUnit = orgUnit;
            s.orgUnitPath = orgUnitPath;
            s.title = title;
            s.channel = channel;
            s.targetCodes = targetCodes;
            s.unit = unit;
            s.coordinatingUnits = coordinatingUnits;
            s.dueDate = dueDate;
            s.plannedQuantity = plannedQuantity;
            s.status = status;
            s.statusTime = statusTime;
            s.completedOn = completedOn;
            s.quantity = quantity;
            s.reach = reach;
            s.costVnd = costVnd;
            s.overdue = overdue;
            s.scheduledAt = scheduledAt;
            s.countedAfterClosing = countedAfterClosing;
            s.topics = topics;
            s.audiences = audiences;
            s.plannedCostVnd = plannedCostVnd;
            s.budgetSource = budgetSource;
            return s;
        }

        /** Same state as far as the tallies and the stored row are concerned. */
        boolean sameAs(State o) {
            return o != null && Objects.equals(planId, o.planId) && Objects.equals(orgUnit, o.orgUnit)
                    && Objects.equals(orgUnitPath, o.orgUnitPath) && Objects.equals(title, o.title)
                    && Objects.equals(channel, o.channel) && Objects.equals(targetCodes, o.targetCodes)
                    && Objects.equals(unit, o.unit) && Objects.equals(coordinatingUnits, o.coordinatingUnits)
                    && Objects.equals(dueDate, o.dueDate) && compare(plannedQuantity, o.plannedQuantity)
                    && Objects.equals(status, o.status) && sameInstant(statusTime, o.statusTime)
                    && Objects.equals(completedOn, o.completedOn) && compare(quantity, o.quantity)
                    && Objects.equals(reach, o.reach) && Objects.equals(costVnd, o.costVnd) && overdue == o.overdue
                    && sameInstant(scheduledAt, o.scheduledAt) && Objects.equals(topics, o.topics)
                    && Objects.equals(audiences, o.audiences) && Objects.equals(plannedCostVnd, o.plannedCostVnd)
                    && Objects.equals(budgetSource, o.budgetSource);
        }
    }

    /**
     * Applies the events, in order, inside the caller's transaction (the inbox's): activity rows,
     * tallies, late arrivals and, on the live tables, the versions and the dashboards' notification.
     */
    void apply(ProjectionTables t, List<ActivityEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<UUID> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(activityId(e.data())));
        Map<UUID, State> before = load(t, ids);
        Map<UUID, State> after = new LinkedHashMap<>();
        before.forEach((id, s) -> after.put(id, s.copy()));
        Map<UUID, ActivityEvent> lastEvent = new HashMap<>();
        for (ActivityEvent e : events) {
            UUID id = activityId(e.data());
            State next = transition(after.get(id), e);
            after.put(id, next);
            lastEvent.put(id, e);
        }
        List<UUID> changed = new ArrayList<>();
        for (UUID id : ids) {
            if (!after.get(id).sameAs(before.get(id))) {
                changed.add(id);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        ClosedPeriods.History history = closedPeriods.load(closingKeys(changed, before, after));
        Map<CellKey, Delta> cells = new TreeMap<>();
        Map<DueKey, long[]> dues = new TreeMap<>();
        Set<CellKey> retracted = new HashSet<>();
        Map<UUID, String> late = new LinkedHashMap<>();
        for (UUID id : changed) {
            State old = before.get(id);
            State now = after.get(id);
            OffsetDateTime publishedAt = lastEvent.get(id).publishedAt();
            if (old != null && signature(old).equals(signature(now))) {
                // The figures it adds are as they were (a title, a planned quantity changed): no difference, and it
                // stays counted where it is.
                now.countedAfterClosing = old.countedAfterClosing;
                continue;
            }
            // Taken back from where it was counted, unless its period is closed now: then the frozen figures stay.
            Contribution oldC = contribution(old);
            if (oldC != null) {
                boolean closed = closed(history, old, oldC.month(), publishedAt);
                boolean where = closed || old.countedAfterClosing;
                add(cells, dues, retracted, old, oldC, where, -1);
                if (closed) {
                    late.put(id, calendar.periodOf(oldC.month()).toString());
                }
            }
            Contribution newC = contribution(now);
            now.countedAfterClosing = false;
            if (newC != null) {
                boolean closed = closed(history, now, newC.month(), publishedAt);
                now.countedAfterClosing = closed;
                add(cells, dues, retracted, now, newC, closed, +1);
                if (closed) {
                    late.put(id, calendar.periodOf(newC.month()).toString());
                }
            }
        }
        cells.values().removeIf(Delta::zero);
        dues.values().removeIf(d -> d[0] == 0 && d[1] == 0);
        // A change under a closed period that leaves the activity's figures as they were is no late arrival.
        late.keySet().removeIf(id -> signature(before.get(id)).equals(signature(after.get(id))));
        write(upsertStates(t, changed.stream().map(after::get).toList()), upsertTallies(t, cells), upsertDues(t, dues),
                recordLate(t, late, lastEvent, after));
        // After the write, in a statement of its own: it reads the activity rows the write changed.
        recomputeBest(t, retracted);
        if (t.live()) {
            figures.changed(changes(changed, before, after));
        }
    }

    // ------------------------------------------------------------------ the state

    static UUID activityId(Object data) {
        if (data instanceof ActivityScheduled e) {
            return e.activityId();
        }
        if (data instanceof ActivityCompleted e) {
            return e.activityId();
        }
        if (data instanceof ActivityCancelled e) {
            return e.activityId();
        }
        if (data instanceof ActivityOverdue e) {
            return e.activityId();
        }
        if (data instanceof ActivityCorrected e) {
            return e.activityId();
        }
        throw new IllegalArgumentException("not an activity event: " + data);
    }

    /** The state after one event: the rules of the former per-event upserts, unchanged. */
    static State transition(State current, ActivityEvent event) {
        boolean absent = current == null;
        State s = absent ? new State() : current;
        Object data = event.data();
        if (data instanceof ActivityScheduled e) {
            if (absent) {
                base(s, e.activityId(), e.planId(), e.orgUnit(), e.orgUnitPath(), e.title(), e.channel(), e.unit());
                s.status = PLANNED;
            }
            s.plannedQuantity = e.plannedQuantity();
            s.scheduledAt = e.scheduledAt() != null ? e.scheduledAt() : event.time();
            s.topics = list(e.topics());
            s.plannedCostVnd = e.plannedCostVnd();
            s.budgetSource = e.budgetSource();
            s.targetCodes = list(e.targetCodes());
            s.coordinatingUnits = list(e.coordinatingUnits());
            s.dueDate = e.dueDate();
        } else if (data instanceof ActivityCompleted e) {
            OffsetDateTime at = e.completedAt() != null ? e.completedAt() : event.time();
            if (absent) {
                base(s, e.activityId(), e.planId(), e.orgUnit(), e.orgUnitPath(), e.title(), e.channel(), e.unit());
            }
            if (absent || s.statusTime == null || !s.statusTime.isAfter(at)) {
                s.status = COMPLETED;
                s.statusTime = at;
                s.completedOn = e.completedOn();
                s.quantity = e.quantity() == null ? BigDecimal.ZERO : e.quantity();
                s.reach = e.reach();
                s.costVnd = e.costVnd();
                // Issue 19's fields; an event published before them leaves what the scheduling said.
                if (e.topics() != null) {
                    s.topics = list(e.topics());
                }
                s.audiences = e.audiences() == null ? List.of() : List.copyOf(e.audiences());
                if (e.plannedCostVnd() != null) {
                    s.plannedCostVnd = e.plannedCostVnd();
                }
                if (e.budgetSource() != null) {
                    s.budgetSource = e.budgetSource();
                }
                s.targetCodes = list(e.targetCodes());
                s.coordinatingUnits = list(e.coordinatingUnits());
                s.dueDate = e.dueDate();
            }
        } else if (data instanceof ActivityCancelled e) {
            OffsetDateTime at = e.cancelledAt() != null ? e.cancelledAt() : event.time();
            if (absent) {
                base(s, e.activityId(), e.planId(), e.orgUnit(), e.orgUnitPath(), e.title(), e.channel(), e.unit());
                s.targetCodes = list(e.targetCodes());
                s.coordinatingUnits = list(e.coordinatingUnits());
                s.dueDate = e.dueDate();
            }
            if (absent || s.statusTime == null || !s.statusTime.isAfter(at)) {
                s.status = CANCELLED;
                s.statusTime = at;
            }
        } else if (data instanceof ActivityOverdue e) {
            if (absent) {
                base(s, e.activityId(), e.planId(), e.orgUnit(), e.orgUnitPath(), e.title(), e.channel(), e.unit());
                s.status = PLANNED;
                s.coordinatingUnits = list(e.coordinatingUnits());
                s.dueDate = e.dueDate();
            }
            s.overdue = true;
        } else if (data instanceof ActivityCorrected e) {
            correct(s, absent, e, event);
        } else {
            throw new IllegalArgumentException("not an activity event: " + data);
        }
        return s;
    }

    /**
     * A correction carries the activity as it now is. It applies unless a later terminal event (a completion or
     * cancellation after the correction) already set the status; a cancelled activity stays cancelled. A corrected
     * completion takes the correction's time as its status time, so an older completion replayed later cannot undo it.
     */
    private static void correct(State s, boolean absent, ActivityCorrected e, ActivityEvent event) {
        OffsetDateTime at = e.correctedAt() != null ? e.correctedAt() : event.time();
        if (absent) {
            base(s, e.activityId(), e.planId(), e.orgUnit(), e.orgUnitPath(), e.title(), e.channel(), e.unit());
            s.status = PLANNED;
        }
        if (CANCELLED.equals(s.status) || s.statusTime != null && s.statusTime.isAfter(at)) {
            return;
        }
        s.title = e.title() != null ? e.title() : s.title;
        s.channel = e.channel() != null ? e.channel() : s.channel;
        s.unit = e.unit() != null ? e.unit() : s.unit;
        s.targetCodes = list(e.targetCodes());
        s.coordinatingUnits = list(e.coordinatingUnits());
        s.topics = list(e.topics());
        s.dueDate = e.dueDate() != null ? e.dueDate() : s.dueDate;
        s.plannedQuantity = e.plannedQuantity();
        s.plannedCostVnd = e.plannedCostVnd();
        s.budgetSource = e.budgetSource();
        if (COMPLETED.equals(e.status())) {
            s.status = COMPLETED;
            s.statusTime = at;
            s.completedOn = e.completedOn();
            s.quantity = e.quantity() == null ? BigDecimal.ZERO : e.quantity();
            s.reach = e.reach();
            s.costVnd = e.costVnd();
            s.audiences = e.audiences() == null ? List.of() : List.copyOf(e.audiences());
        }
    }

    private static void base(State s, UUID id, UUID plan, String org, List<String> path, String title, String channel,
                             String unit) {
        s.activityId = id;
        s.planId = plan;
        s.orgUnit = org;
        s.orgUnitPath = list(path);
        s.title = title;
        s.channel = channel;
        s.unit = unit;
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    // ------------------------------------------------------------------ contributions and tallies

    /** Where an activity counts: completed in the month of its completion, open in the month of its due date. */
    record Contribution(LocalDate month, boolean completed) {
    }

    Contribution contribution(State s) {
        if (s == null || s.status == null || s.status.equals(CANCELLED)) {
            return null;
        }
        if (s.status.equals(COMPLETED)) {
            return s.completedOn == null ? null : new Contribution(calendar.monthStart(s.completedOn), true);
        }
        return s.dueDate == null ? null : new Contribution(calendar.monthStart(s.dueDate), false);
    }

    /** A tally dimension and key; {@code reach}: the reach it counts when not the activity's (an audience's). */
    record Dim(String dim, String key, Long reach) {
        Dim(String dim, String key) {
            this(dim, key, null);
        }
    }

    /**
     * The dimensions an activity counts in: ALL, each target, its channel, its lead unit, each coordinating unit,
     * each topic, each audience (with that audience's reach) and its budget source when stated.
     */
    static List<Dim> dimensions(State s) {
        List<Dim> dims = new ArrayList<>();
        dims.add(new Dim("ALL", ""));
        new LinkedHashSet<>(s.targetCodes).forEach(code -> dims.add(new Dim("TARGET", code)));
        dims.add(new Dim("CHANNEL", s.channel == null ? "" : s.channel));
        if (s.unit != null) {
            dims.add(new Dim("LEAD", s.unit));
        }
        new LinkedHashSet<>(s.coordinatingUnits).forEach(u -> dims.add(new Dim("COORDINATE", u)));
        new LinkedHashSet<>(s.topics).forEach(t -> dims.add(new Dim("TOPIC", t)));
        Map<String, Long> byAudience = new TreeMap<>();
        s.audiences.stream().filter(a -> a.audience() != null)
                .forEach(a -> byAudience.merge(a.audience(), a.reach() == null ? 0L : a.reach(), Long::sum));
        byAudience.forEach((a, reach) -> dims.add(new Dim("AUDIENCE", a, reach)));
        if (s.budgetSource != null) {
            dims.add(new Dim("SOURCE", s.budgetSource));
        }
        return dims;
    }

    record CellKey(String orgUnit, LocalDate month, String dim, String key, boolean afterClosing)
            implements Comparable<CellKey> {
        @Override
        public int compareTo(CellKey o) {
            int c = orgUnit.compareTo(o.orgUnit);
            c = c != 0 ? c : month.compareTo(o.month);
            c = c != 0 ? c : dim.compareTo(o.dim);
            c = c != 0 ? c : key.compareTo(o.key);
            return c != 0 ? c : Boolean.compare(afterClosing, o.afterClosing);
        }
    }

    record DueKey(String orgUnit, LocalDate dueDate, String dim, String key, boolean afterClosing)
            implements Comparable<DueKey> {
        @Override
        public int compareTo(DueKey o) {
            int c = orgUnit.compareTo(o.orgUnit);
            c = c != 0 ? c : dueDate.compareTo(o.dueDate);
            c = c != 0 ? c : dim.compareTo(o.dim);
            c = c != 0 ? c : key.compareTo(o.key);
            return c != 0 ? c : Boolean.compare(afterClosing, o.afterClosing);
        }
    }

    static final class Delta {
        long completed;
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal best;
        long reach;
        long cost;
        long open;
        long flagged;
        long planned;

        boolean zero() {
            return completed == 0 && quantity.signum() == 0 && best == null && reach == 0 && cost == 0 && open == 0
                    && flagged == 0 && planned == 0;
        }
    }

    private void add(Map<CellKey, Delta> cells, Map<DueKey, long[]> dues, Set<CellKey> retracted, State s,
                     Contribution c, boolean afterClosing, int sign) {
        for (Dim dim : dimensions(s)) {
            CellKey key = new CellKey(s.orgUnit, c.month(), dim.dim(), dim.key(), afterClosing);
            Delta d = cells.computeIfAbsent(key, k -> new Delta());
            d.planned += sign * (s.plannedCostVnd == null ? 0 : s.plannedCostVnd);
            if (c.completed()) {
                BigDecimal q = s.quantity == null ? BigDecimal.ZERO : s.quantity;
                d.completed += sign;
                d.quantity = d.quantity.add(sign > 0 ? q : q.negate());
                d.reach += sign * (dim.reach() != null ? dim.reach() : s.reach == null ? 0 : s.reach);
                d.cost += sign * (s.costVnd == null ? 0 : s.costVnd);
                if (dim.dim().equals("TARGET")) {
                    if (sign > 0) {
                        d.best = d.best == null ? q : d.best.max(q);
                    } else {
                        retracted.add(key);
                    }
                }
            } else {
                d.open += sign;
                d.flagged += s.overdue ? sign : 0;
                long[] due = dues.computeIfAbsent(new DueKey(s.orgUnit, s.dueDate, dim.dim(), dim.key(), afterClosing),
                        k -> new long[2]);
                due[0] += sign;
                due[1] += s.overdue ? sign : 0;
            }
        }
    }

    private boolean closed(ClosedPeriods.History history, State s, LocalDate month, OffsetDateTime at) {
        return at != null && history.closed(district(s), s.orgUnit, calendar.periodOf(month).toString(), at);
    }

    private static String district(State s) {
        List<String> path = s.orgUnitPath;
        return path.size() >= 2 ? path.get(path.size() - 2) : s.orgUnit;
    }

    private List<ClosedPeriods.Key> closingKeys(List<UUID> changed, Map<UUID, State> before, Map<UUID, State> after) {
        Set<ClosedPeriods.Key> keys = new LinkedHashSet<>();
        for (UUID id : changed) {
            for (State s : new State[]{before.get(id), after.get(id)}) {
                Contribution c = contribution(s);
                if (c != null) {
                    keys.add(new ClosedPeriods.Key(district(s), calendar.periodOf(c.month()).toString()));
                }
            }
        }
        return List.copyOf(keys);
    }

    /** What an activity adds to the tallies, as text: equal signatures, equal contributions. */
    private String signature(State s) {
        Contribution c = contribution(s);
        if (c == null) {
            return "";
        }
        StringBuilder b = new StringBuilder().append(s.orgUnit).append('|').append(c);
        dimensions(s).forEach(d -> b.append('|').append(d.dim()).append(':').append(d.key()).append(':').append(d.reach()));
        b.append('|').append(s.plannedCostVnd);
        if (c.completed()) {
            b.append('|').append(s.quantity == null ? "0" : s.quantity.stripTrailingZeros().toPlainString())
                    .append('|').append(s.reach).append('|').append(s.costVnd);
        } else {
            b.append('|').append(s.dueDate).append('|').append(s.overdue);
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ SQL

    /** One of a batch's writes: a data-modifying statement and its rows (JSON), bound to the parameter {@code name}. */
    private record Write(String name, String sql, String rows) {
    }

    /**
     * A batch's writes (activity rows, tallies, due-date tallies, late arrivals) in one statement, one round trip: each
     * a data-modifying CTE, which PostgreSQL runs to completion whether or not the statement reads it. They write four
     * different tables, so none needs to see another's rows.
     */
    private void write(Write... writes) {
        List<Write> all = Arrays.stream(writes).filter(Objects::nonNull).toList();
        if (all.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("with ");
        for (int i = 0; i < all.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(all.get(i).name()).append(" as (").append(all.get(i).sql()).append(')');
        }
        JdbcClient.StatementSpec statement = jdbc.sql(sql.append(" select 1").toString());
        for (Write w : all) {
            statement = statement.param(w.name(), w.rows());
        }
        statement.query(Integer.class).single();
    }

    private static final String COLUMNS = "activity_id, plan_id, org_unit, org_unit_path, title, channel, target_codes, "
            + "unit, coordinating_units, due_date, planned_quantity, status, status_time, completed_on, quantity, reach, "
            + "cost_vnd, overdue, scheduled_at, updated_at, counted_after_closing, topics, audiences, planned_cost_vnd, "
            + "budget_source";

    private Map<UUID, State> load(ProjectionTables t, Set<UUID> ids) {
        Map<UUID, State> rows = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from " + t.activityState() + " where activity_id = any(:ids::uuid[]) for update")
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, i) -> rows.put(rs.getObject("activity_id", UUID.class), read(rs)))
                .list();
        return rows;
    }

    private State read(ResultSet rs) throws SQLException {
        State s = new State();
        s.activityId = rs.getObject("activity_id", UUID.class);
        s.planId = rs.getObject("plan_id", UUID.class);
        s.orgUnit = rs.getString("org_unit");
        s.orgUnitPath = strings(rs.getArray("org_unit_path"));
        s.title = rs.getString("title");
        s.channel = rs.getString("channel");
        s.targetCodes = strings(rs.getArray("target_codes"));
        s.unit = rs.getString("unit");
        s.coordinatingUnits = strings(rs.getArray("coordinating_units"));
        s.dueDate = rs.getObject("due_date", LocalDate.class);
        s.plannedQuantity = rs.getBigDecimal("planned_quantity");
        s.status = rs.getString("status");
        s.statusTime = rs.getObject("status_time", OffsetDateTime.class);
        s.completedOn = rs.getObject("completed_on", LocalDate.class);
        s.quantity = rs.getBigDecimal("quantity");
        s.reach = (Long) rs.getObject("reach");
        s.costVnd = (Long) rs.getObject("cost_vnd");
        s.overdue = rs.getBoolean("overdue");
        s.scheduledAt = rs.getObject("scheduled_at", OffsetDateTime.class);
        s.countedAfterClosing = rs.getBoolean("counted_after_closing");
        s.topics = strings(rs.getArray("topics"));
        String audiences = rs.getString("audiences");
        s.audiences = audiences == null ? List.of() : List.copyOf(json.readValue(audiences, AUDIENCES));
        s.plannedCostVnd = (Long) rs.getObject("planned_cost_vnd");
        s.budgetSource = rs.getString("budget_source");
        return s;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private Write upsertStates(ProjectionTables t, List<State> states) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String now = OffsetDateTime.now().toString();
        for (State s : states) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("activity_id", s.activityId.toString());
            r.put("plan_id", s.planId == null ? null : s.planId.toString());
            r.put("org_unit", s.orgUnit);
            r.put("org_unit_path", s.orgUnitPath);
            r.put("title", s.title);
            r.put("channel", s.channel);
            r.put("target_codes", s.targetCodes);
            r.put("unit", s.unit);
            r.put("coordinating_units", s.coordinatingUnits);
            r.put("due_date", s.dueDate == null ? null : s.dueDate.toString());
            r.put("planned_quantity", s.plannedQuantity);
            r.put("status", s.status);
            r.put("status_time", s.statusTime == null ? null : s.statusTime.toString());
            r.put("completed_on", s.completedOn == null ? null : s.completedOn.toString());
            r.put("quantity", s.quantity);
            r.put("reach", s.reach);
            r.put("cost_vnd", s.costVnd);
            r.put("overdue", s.overdue);
            r.put("scheduled_at", s.scheduledAt == null ? null : s.scheduledAt.toString());
            r.put("updated_at", now);
            r.put("counted_after_closing", s.countedAfterClosing);
            r.put("topics", s.topics);
            r.put("audiences", s.audiences);
            r.put("planned_cost_vnd", s.plannedCostVnd);
            r.put("budget_source", s.budgetSource);
            rows.add(r);
        }
        StringBuilder set = new StringBuilder();
        for (String c : COLUMNS.split(", ")) {
            if (!c.equals("activity_id")) {
                set.append(set.isEmpty() ? "" : ", ").append(c).append(" = excluded.").append(c);
            }
        }
        return new Write("states", "insert into " + t.activityState() + " (" + COLUMNS + ") select " + COLUMNS
                + " from jsonb_populate_recordset(null::" + t.activityState() + ", cast(:states as jsonb))"
                + " order by activity_id on conflict (activity_id) do update set " + set, json.writeValueAsString(rows));
    }

    private Write upsertTallies(ProjectionTables t, Map<CellKey, Delta> cells) {
        if (cells.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        cells.forEach((k, d) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("org_unit", k.orgUnit());
            r.put("month", k.month().toString());
            r.put("dim", k.dim());
            r.put("key", k.key());
            r.put("after_closing", k.afterClosing());
            r.put("completed", d.completed);
            r.put("quantity", d.quantity);
            r.put("best", d.best);
            r.put("reach", d.reach);
            r.put("cost_vnd", d.cost);
            r.put("open", d.open);
            r.put("flagged", d.flagged);
            r.put("planned_cost_vnd", d.planned);
            rows.add(r);
        });
        return new Write("tallies", "insert into " + t.tally() + " as t (org_unit, month, dim, key, after_closing,"
                        + " completed, quantity, best, reach, cost_vnd, open, flagged, planned_cost_vnd)"
                        + " select * from jsonb_to_recordset(cast(:tallies as jsonb)) as x(org_unit text, month date, dim text,"
                        + " key text, after_closing boolean, completed bigint, quantity numeric, best numeric, reach bigint,"
                        + " cost_vnd bigint, open bigint, flagged bigint, planned_cost_vnd bigint)"
                        + " on conflict (org_unit, month, dim, key, after_closing) do update set"
                        + " completed = t.completed + excluded.completed, quantity = t.quantity + excluded.quantity,"
                        + " best = greatest(t.best, excluded.best), reach = t.reach + excluded.reach,"
                        + " cost_vnd = t.cost_vnd + excluded.cost_vnd, open = t.open + excluded.open,"
                        + " flagged = t.flagged + excluded.flagged,"
                        + " planned_cost_vnd = t.planned_cost_vnd + excluded.planned_cost_vnd",
                json.writeValueAsString(rows));
    }

    /** The best (highest) quantity cannot be taken back by a difference: recomputed where a completion left a target's month. */
    private void recomputeBest(ProjectionTables t, Set<CellKey> retracted) {
        if (retracted.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = retracted.stream().map(k -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("org_unit", k.orgUnit());
            r.put("month", k.month().toString());
            r.put("key", k.key());
            r.put("after_closing", k.afterClosing());
            return r;
        }).toList();
        jdbc.sql("update " + t.tally() + " t set best = (select max(a.quantity) from " + t.activityState() + " a"
                        + " where a.org_unit = t.org_unit and a.status = 'COMPLETED' and a.completed_on >= t.month"
                        + " and a.completed_on < t.month + interval '1 month' and t.key = any(a.target_codes)"
                        + " and a.counted_after_closing = t.after_closing)"
                        + " from jsonb_to_recordset(cast(:rows as jsonb)) as c(org_unit text, month date, key text,"
                        + " after_closing boolean)"
                        + " where t.org_unit = c.org_unit and t.month = c.month and t.dim = 'TARGET' and t.key = c.key"
                        + " and t.after_closing = c.after_closing")
                .param("rows", json.writeValueAsString(rows)).update();
    }

    private Write upsertDues(ProjectionTables t, Map<DueKey, long[]> dues) {
        if (dues.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        dues.forEach((k, d) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("org_unit", k.orgUnit());
            r.put("due_date", k.dueDate().toString());
            r.put("dim", k.dim());
            r.put("key", k.key());
            r.put("after_closing", k.afterClosing());
            r.put("open", d[0]);
            r.put("flagged", d[1]);
            rows.add(r);
        });
        return new Write("dues", "insert into " + t.tallyDue()
                        + " as t (org_unit, due_date, dim, key, after_closing, open, flagged)"
                        + " select * from jsonb_to_recordset(cast(:dues as jsonb)) as x(org_unit text, due_date date,"
                        + " dim text, key text, after_closing boolean, open bigint, flagged bigint)"
                        + " on conflict (org_unit, due_date, dim, key, after_closing) do update set"
                        + " open = t.open + excluded.open, flagged = t.flagged + excluded.flagged",
                json.writeValueAsString(rows));
    }

    private Write recordLate(ProjectionTables t, Map<UUID, String> late, Map<UUID, ActivityEvent> lastEvent,
                             Map<UUID, State> after) {
        if (late.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        late.forEach((id, period) -> {
            State s = after.get(id);
            ActivityEvent e = lastEvent.get(id);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("event_id", e.eventId().toString());
            r.put("activity_id", id.toString());
            r.put("org_unit", s.orgUnit);
            r.put("period", period);
            r.put("event_type", e.type());
            r.put("title", s.title);
            r.put("channel", s.channel);
            r.put("status", s.status);
            r.put("completed_on", s.completedOn == null ? null : s.completedOn.toString());
            r.put("due_date", s.dueDate == null ? null : s.dueDate.toString());
            r.put("quantity", s.status.equals(COMPLETED) ? s.quantity : null);
            r.put("reach", s.status.equals(COMPLETED) ? s.reach : null);
            r.put("cost_vnd", s.status.equals(COMPLETED) ? s.costVnd : null);
            r.put("published_at", e.publishedAt().toString());
            rows.add(r);
        });
        return new Write("late", "insert into " + t.lateArrival() + " (event_id, activity_id, org_unit, period,"
                        + " event_type, title, channel, status, completed_on, due_date, quantity, reach, cost_vnd, published_at)"
                        + " select * from jsonb_to_recordset(cast(:late as jsonb)) as x(event_id uuid, activity_id uuid,"
                        + " org_unit text, period text, event_type text, title text, channel text, status text,"
                        + " completed_on date, due_date date, quantity numeric, reach bigint, cost_vnd bigint,"
                        + " published_at timestamptz) on conflict (event_id) do nothing",
                json.writeValueAsString(rows));
    }

    /** One change per org unit, with the months (as their first days) whose figures moved. */
    private List<FiguresChanged> changes(List<UUID> changed, Map<UUID, State> before, Map<UUID, State> after) {
        Map<List<String>, Set<LocalDate>> byPath = new LinkedHashMap<>();
        for (UUID id : changed) {
            for (State s : new State[]{before.get(id), after.get(id)}) {
                if (s == null) {
                    continue;
                }
                List<String> path = s.orgUnitPath.isEmpty() ? List.of(s.orgUnit) : s.orgUnitPath;
                Set<LocalDate> dates = byPath.computeIfAbsent(path, p -> new java.util.TreeSet<>());
                for (LocalDate d : Arrays.asList(s.dueDate, s.completedOn)) {
                    if (d != null) {
                        dates.add(calendar.monthStart(d));
                    }
                }
            }
        }
        return byPath.entrySet().stream()
                .map(e -> new FiguresChanged(e.getKey(), List.copyOf(e.getValue()), null, null)).toList();
    }

    private static boolean compare(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.toInstant().equals(b.toInstant());
    }
}
