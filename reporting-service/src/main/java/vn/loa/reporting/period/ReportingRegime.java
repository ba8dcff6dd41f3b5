package vn.loa.reporting.period;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which periodic reports a unit owes, from its plan's {@code reportsEveryMonths} (plan-issued
 * {@code assignments[].reportsEveryMonths}; the seed: "định kỳ 3 tháng/lần tổng hợp báo cáo lên phòng").
 * One report at the end of every such stretch of months, the cumulative ones standing for the quarter they
 * end, as administrative-reform reporting is done under Decree 09/2019/NĐ-CP ("báo cáo quý I, 6 tháng,
 * quý III và năm"):
 * <ul>
 *   <li>every 3 months: {@code Q1}, {@code H1} (for the second quarter), {@code Q3}, the year (for the fourth);</li>
 *   <li>every 6 months: {@code H1} and the year;</li>
 *   <li>every 12 months: the year.</li>
 * </ul>
 * Other values are rounded up to the next of these (1 or 2 to 3, 4 or 5 to 6, more to 12): Loa's finest period
 * is the quarter. A plan that says nothing reports every {@value #DEFAULT_EVERY_MONTHS} months.
 */
public final class ReportingRegime {

    public static final int DEFAULT_EVERY_MONTHS = 3;

    private ReportingRegime() {
    }

    /** 3, 6 or 12. */
    public static int normalize(Integer everyMonths) {
        if (everyMonths == null || everyMonths <= 0) {
            return DEFAULT_EVERY_MONTHS;
        }
        return everyMonths <= 3 ? 3 : everyMonths <= 6 ? 6 : 12;
    }

    /** The report due at the end of {@code quarter} of {@code year}, if any. */
    public static Optional<Period> reportEnding(int everyMonths, int year, int quarter) {
        int m = normalize(everyMonths);
        if ((quarter * 3) % m != 0) {
            return Optional.empty();
        }
        return Optional.of(switch (quarter) {
            case 2 -> Period.halfYear(year);
            case 4 -> Period.year(year);
            default -> Period.of(year, quarter);
        });
    }

    /** The reports owed for a year, in order of their due dates. */
    public static List<Period> owed(int everyMonths, int year) {
        List<Period> periods = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            reportEnding(everyMonths, year, q).ifPresent(periods::add);
        }
        return periods;
    }

    /** Whether a unit reporting every {@code everyMonths} months owes a report for {@code period}. */
    public static boolean owes(int everyMonths, Period period) {
        return owed(everyMonths, period.year()).contains(period);
    }

    /** "3 tháng/lần: quý I, 6 tháng, quý III, năm" — the regime in words, for messages. */
    public static String describe(int everyMonths, int year) {
        return normalize(everyMonths) + " tháng/lần: " + String.join(", ",
                owed(everyMonths, year).stream().map(ReportingRegime::name).toList());
    }

    /** "quý I năm 2022", "6 tháng đầu năm 2022", "năm 2022". */
    public static String name(Period p) {
        return switch (p.kind()) {
            case QUARTER -> "quý " + new String[]{"I", "II", "III", "IV"}[p.number() - 1] + " năm " + p.year();
            case HALF_YEAR -> "6 tháng đầu năm " + p.year();
            case YEAR -> "năm " + p.year();
        };
    }
}
