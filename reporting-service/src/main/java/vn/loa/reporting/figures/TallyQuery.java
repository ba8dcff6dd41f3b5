package vn.loa.reporting.figures;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.Window;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tallies (see the projection) for some org units over some windows ("buckets": a
 * quarter, or the four quarters of a year): at most 12 rows per unit, dimension and key a year,
 * however many activities there are. Overdue is computed for {@code today}: the open activities of
 * the months before today's month, those flagged by activity-service in later months, and in
 * today's own month those due before today or flagged (from {@code tally_due}, by day).
 */
@Component
public class TallyQuery {

    private final JdbcClient jdbc;
    private final PeriodCalendar calendar;

    TallyQuery(JdbcClient jdbc, PeriodCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /** Figures of one unit, bucket and dimension key. {@code months}: months with a completion (recurring targets). */
    public record Cell(String orgUnit, int bucket, String dim, String key, long completed, BigDecimal quantity,
                       BigDecimal best, long reach, long costVnd, long open, long overdue, long months,
                       long plannedCostVnd) {

        /** What the completed activities add up to, for {@link ReportArithmetic#achieved}. */
        public ReportArithmetic.Tally tally() {
            if (completed == 0) {
                return ReportArithmetic.Tally.NONE;
            }
            return new ReportArithmetic.Tally(quantity, best, completed, reach, months, 1);
        }

        Cell plus(long moreOverdue) {
            return new Cell(orgUnit, bucket, dim, key, completed, quantity, best, reach, costVnd, open,
                    overdue + moreOverdue, months, plannedCostVnd);
        }
    }

    /** A cell's address. */
    public record Key(String orgUnit, int bucket, String dim, String key) {
    }

    /**
     * The cells of the units over the buckets (numbered from 0), for the dimensions asked;
     * {@code afterClosing} selects the figures that arrived after their period was closed.
     */
    public Map<Key, Cell> read(Collection<String> units, List<Window> buckets, Collection<String> dims, LocalDate today,
                               boolean afterClosing) {
        Map<Key, Cell> cells = new HashMap<>();
        if (units.isEmpty() || buckets.isEmpty()) {
            return cells;
        }
        LocalDate min = buckets.stream().map(Window::from).min(LocalDate::compareTo).orElseThrow();
        LocalDate max = buckets.stream().map(Window::to).max(LocalDate::compareTo).orElseThrow();
        String[] unitArray = units.toArray(String[]::new);
        String[] dimArray = dims.toArray(String[]::new);
        // Contiguous windows (a quarter, the quarters of a year): one index range scan, the bucket by width_bucket.
        boolean contiguous = true;
        for (int i = 1; i < buckets.size(); i++) {
            contiguous &= buckets.get(i).from().equals(buckets.get(i - 1).to().plusDays(1));
        }
        String bucketOf = contiguous ? "width_bucket(x.month, :froms::date[])"
                : "(select b.i from unnest(:froms::date[], :tos::date[]) with ordinality as b(f, t, i)"
                + " where x.month between b.f and b.t)";
        jdbc.sql("select x.org_unit, " + bucketOf + " as i, x.dim, x.key, sum(x.completed) as completed,"
                        + " sum(x.quantity) as quantity, max(x.best) as best, sum(x.reach) as reach, sum(x.cost_vnd) as cost,"
                        + " sum(x.open) as open,"
                        + " sum(case when x.month + interval '1 month' <= :today then x.open"
                        + " when x.month > :today then x.flagged else 0 end) as overdue,"
                        + " count(*) filter (where x.completed > 0) as months, sum(x.planned_cost_vnd) as planned_cost"
                        + " from tally x"
                        + " where x.org_unit = any(:units::text[]) and x.month between :min and :max"
                        + " and x.dim = any(:dims::text[]) and x.after_closing = :late"
                        + " group by 1, 2, 3, 4")
                .param("froms", buckets.stream().map(w -> w.from().toString()).toArray(String[]::new))
                .param("tos", buckets.stream().map(w -> w.to().toString()).toArray(String[]::new))
                .param("today", today).param("units", unitArray).param("min", min).param("max", max)
                .param("dims", dimArray).param("late", afterClosing)
                .query((rs, i) -> {
                    Cell c = new Cell(rs.getString("org_unit"), rs.getInt("i") - 1, rs.getString("dim"),
                            rs.getString("key"), rs.getLong("completed"), rs.getBigDecimal("quantity"),
                            rs.getBigDecimal("best"), rs.getLong("reach"), rs.getLong("cost"), rs.getLong("open"),
                            rs.getLong("overdue"), rs.getLong("months"), rs.getLong("planned_cost"));
                    cells.put(new Key(c.orgUnit(), c.bucket(), c.dim(), c.key()), c);
                    return null;
                })
                .list();
        // Today's own month, split by due date.
        LocalDate month = calendar.monthStart(today);
        int bucket = -1;
        for (int i = 0; i < buckets.size(); i++) {
            if (buckets.get(i).contains(month)) {
                bucket = i;
            }
        }
        if (bucket >= 0) {
            int b = bucket;
            jdbc.sql("""
                            select org_unit, dim, key, coalesce(sum(open) filter (where due_date < :today), 0)
                                   + coalesce(sum(flagged) filter (where due_date >= :today), 0) as overdue
                            from tally_due
                            where org_unit = any(:units::text[]) and due_date >= :from and due_date < :to
                              and dim = any(:dims::text[]) and after_closing = :late
                            group by org_unit, dim, key""")
                    .param("today", today).param("units", unitArray).param("from", month)
                    .param("to", month.plusMonths(1)).param("dims", dimArray).param("late", afterClosing)
                    .query((rs, i) -> {
                        long overdue = rs.getLong("overdue");
                        if (overdue != 0) {
                            Key k = new Key(rs.getString("org_unit"), b, rs.getString("dim"), rs.getString("key"));
                            Cell c = cells.get(k);
                            cells.put(k, c != null ? c.plus(overdue) : new Cell(k.orgUnit(), b, k.dim(), k.key(), 0,
                                    BigDecimal.ZERO, null, 0, 0, 0, overdue, 0, 0));
                        }
                        return null;
                    })
                    .list();
        }
        return cells;
    }

    /** The cells of one bucket, by dimension then key, for one unit. */
    public static Map<String, Map<String, Cell>> byDimension(Map<Key, Cell> cells, String unit, int bucket) {
        Map<String, Map<String, Cell>> out = new HashMap<>();
        cells.values().stream().filter(c -> c.orgUnit().equals(unit) && c.bucket() == bucket)
                .forEach(c -> out.computeIfAbsent(c.dim(), d -> new HashMap<>()).put(c.key(), c));
        return out;
    }

    public static List<String> dims(String... dims) {
        return new ArrayList<>(List.of(dims));
    }
}
