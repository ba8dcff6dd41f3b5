package vn.loa.reporting.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The arithmetic of a quarterly report, shared by reports and dashboards so that both show the same
 * numbers. {@code quarter} is 1..4, or 0 for the whole year.
 */
public final class ReportArithmetic {

    public static final int WHOLE_YEAR = 0;
    /** Recurrences of a COUNT target (plan-issued {@code targets[].recurrence}). */
    public static final String MONTHLY = "MONTHLY";
    public static final String QUARTERLY = "QUARTERLY";
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);

    private ReportArithmetic() {
    }

    /**
     * Planned value of a target for a quarter: the quarter's own value if the plan gives quarterly
     * values; else a COUNT spreads evenly (12 a year, e.g. a monthly radio segment, expects 3 a
     * quarter) while a PERCENT or MILESTONE target applies as it is to every quarter.
     */
    public static BigDecimal planned(String indicator, BigDecimal yearly, List<BigDecimal> quarterly, int quarter) {
        if (quarter == WHOLE_YEAR) {
            return yearly;
        }
        if (quarterly != null && quarterly.size() == 4 && quarterly.get(quarter - 1) != null) {
            return quarterly.get(quarter - 1);
        }
        if ("COUNT".equals(indicator)) {
            return plain(yearly.divide(FOUR, 2, RoundingMode.HALF_UP));
        }
        return yearly;
    }

    /**
     * Planned value of a target for a run of quarters {@code first..last} (a quarter, the six months Q1–Q2, the
     * year Q1–Q4): the whole year is the yearly value; otherwise a COUNT adds up its quarters' planned values
     * (6 articles a quarter → 12 in the first six months), a PERCENT or MILESTONE target is the value planned for
     * the last quarter (a rate or a milestone applies as it is, it does not add up).
     */
    public static BigDecimal planned(String indicator, BigDecimal yearly, List<BigDecimal> quarterly, int first,
                                     int last) {
        if (first == 1 && last == 4) {
            return yearly;
        }
        if (first == last) {
            return planned(indicator, yearly, quarterly, first);
        }
        if (!"COUNT".equals(indicator)) {
            return planned(indicator, yearly, quarterly, last);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int q = first; q <= last; q++) {
            sum = sum.add(planned(indicator, yearly, quarterly, q));
        }
        return plain(sum);
    }

    /**
     * Value achieved from the completed activities serving the target in the window:
     * <ul>
     * <li>a recurring COUNT target counts occurrences, not outputs: the reporting months (MONTHLY) or quarters
     * (QUARTERLY) in which at least one serving activity was completed. A monthly radio segment broadcast four
     * times is one occurrence; two segments in January do not make up for a missed February;</li>
     * <li>any other COUNT: the sum of the quantities, which are in the channel's unit (articles, panels,
     * sessions), the unit such a target counts in;</li>
     * <li>PERCENT: the best value reached (percentages of the same thing do not add up);</li>
     * <li>MILESTONE: 1 if any serving activity was completed, else 0.</li>
     * </ul>
     */
    public static BigDecimal achieved(String indicator, String recurrence, Tally tally) {
        return switch (indicator) {
            case "MILESTONE" -> tally.activities() > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
            case "PERCENT" -> tally.best() == null ? BigDecimal.ZERO : plain(tally.best());
            default -> switch (recurrence == null ? "" : recurrence) {
                case MONTHLY -> BigDecimal.valueOf(tally.months());
                case QUARTERLY -> BigDecimal.valueOf(tally.quarters());
                default -> tally.quantity() == null ? BigDecimal.ZERO : plain(tally.quantity());
            };
        };
    }

    /**
     * The reporting month of a date within a window, counted from 0: whole months from the window's first
     * day. With calendar quarters it is the calendar month; with the Decree 09/2019 cut-off (a window starting
     * on the 15th) it is the decree's reporting month, the 15th to the 14th, so a quarter never has more than
     * three reporting months even though its window touches four calendar months.
     */
    public static long reportingMonth(LocalDate windowFrom, LocalDate date) {
        return ChronoUnit.MONTHS.between(windowFrom, date);
    }

    /**
     * What the completed activities serving one target add up to in a window: the sum and best of their
     * quantities, how many there were, their reach, and in how many distinct reporting months and quarters
     * of the window they were completed. Tallies of disjoint windows (the quarters of a year) add up.
     */
    public record Tally(BigDecimal quantity, BigDecimal best, long activities, long reach, long months,
                       long quarters) {

        public static final Tally NONE = new Tally(null, null, 0, 0, 0, 0);

        /** The tally of one window starting on {@code windowFrom}, given the completion dates of the activities. */
        public static Tally of(LocalDate windowFrom, BigDecimal quantity, BigDecimal best, long activities, long reach,
                               Collection<LocalDate> completedOn) {
            Set<Long> months = new HashSet<>();
            completedOn.forEach(d -> months.add(reportingMonth(windowFrom, d)));
            long quarters = months.stream().map(m -> Math.floorDiv(m, 3)).distinct().count();
            return new Tally(quantity, best, activities, reach, months.size(), quarters);
        }

        public Tally plus(Tally o) {
            return new Tally(quantity == null ? o.quantity : o.quantity == null ? quantity : quantity.add(o.quantity),
                    best == null ? o.best : o.best == null ? best : best.max(o.best), activities + o.activities,
                    reach + o.reach, months + o.months, quarters + o.quarters);
        }
    }

    /** Without trailing zeros but never in exponent form (40, not 4E+1, in JSON and CSV). */
    public static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** achieved / planned to 4 decimals; null when nothing was planned. */
    public static BigDecimal ratio(BigDecimal achieved, BigDecimal planned) {
        if (planned == null || planned.signum() <= 0) {
            return null;
        }
        return achieved.divide(planned, 4, RoundingMode.HALF_UP);
    }

    /**
     * Achievement of a commune: the mean of its target ratios, each capped at 1, so that over-achieving one
     * target (or a commune) does not hide an under-achieved one; targets with nothing planned are left out;
     * null if none. Report ratios themselves are not capped.
     */
    public static BigDecimal achievement(Collection<BigDecimal> ratios) {
        List<BigDecimal> known = ratios.stream().filter(Objects::nonNull).toList();
        if (known.isEmpty()) {
            return null;
        }
        BigDecimal sum = known.stream().map(r -> r.min(BigDecimal.ONE)).reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(known.size()), 4, RoundingMode.HALF_UP);
    }

    /**
     * The share of the year's budget planned for a quarter: a quarter of it, the remainder of the
     * integer division spread so that the four quarters add up to the yearly total exactly.
     */
    public static long budgetPlanned(long yearlyTotal, int quarter) {
        if (quarter == WHOLE_YEAR) {
            return yearlyTotal;
        }
        return Math.floorDiv(yearlyTotal * quarter, 4) - Math.floorDiv(yearlyTotal * (quarter - 1), 4);
    }

    /** The share of the year's budget planned for quarters {@code first..last}: the sum of theirs. */
    public static long budgetPlanned(long yearlyTotal, int first, int last) {
        long sum = 0;
        for (int q = first; q <= last; q++) {
            sum += budgetPlanned(yearlyTotal, q);
        }
        return sum;
    }

    /** Rate of {@code part} in {@code whole} to 4 decimals; 0 when nothing was expected. */
    public static BigDecimal rate(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
