package vn.loa.reporting.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The arithmetic of a quarterly report, shared by reports and dashboards so that both show the same
 * numbers. {@code quarter} is 1..4, or 0 for the whole year.
 */
public final class ReportArithmetic {

    public static final int WHOLE_YEAR = 0;
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
            return yearly.divide(FOUR, 2, RoundingMode.HALF_UP).stripTrailingZeros();
        }
        return yearly;
    }

    /**
     * Value achieved from the completed activities serving the target: the sum of their quantities
     * for a COUNT; the best value reached for a PERCENT (percentages of the same thing do not add
     * up); 1 for a MILESTONE reached by any completed activity, else 0.
     */
    public static BigDecimal achieved(String indicator, BigDecimal sum, BigDecimal max, long completed) {
        return switch (indicator) {
            case "MILESTONE" -> completed > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
            case "PERCENT" -> max == null ? BigDecimal.ZERO : max.stripTrailingZeros();
            default -> sum == null ? BigDecimal.ZERO : sum.stripTrailingZeros();
        };
    }

    /** achieved / planned to 4 decimals; null when nothing was planned. */
    public static BigDecimal ratio(BigDecimal achieved, BigDecimal planned) {
        if (planned == null || planned.signum() <= 0) {
            return null;
        }
        return achieved.divide(planned, 4, RoundingMode.HALF_UP);
    }

    /** Mean of the target ratios, each capped at 1 (overachieving one target does not hide another); null if none. */
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

    /** Rate of {@code part} in {@code whole} to 4 decimals; 0 when nothing was expected. */
    public static BigDecimal rate(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
