package vn.loa.reporting.period;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which periodic reports a unit owes, from its plan's {@code reportsEveryMonths} (plan-issued
 * {@code assignments[].reportsEveryMonths}; the seed: "định kỳ 3 tháng/lần tổng hợp báo cáo lên phòng").
 * Quarterly reports stay what API.md promises (a commune reporting every 3 months reports every quarter,
 * {@code 2022-Q2} and {@code 2022-Q4} included), and the cumulative reports of Decree 09/2019/NĐ-CP ("báo cáo
 * 6 tháng và năm") come besides them:
 * <ul>
 *   <li>every 3 months: {@code Q1}, {@code Q2}, {@code H1}, {@code Q3}, {@code Q4}, the year;</li>
 *   <li>every 6 months: {@code H1} and the year;</li>
 *   <li>every 12 months: the year.</li>
 * </ul>
 * {@link #reportEnding} is the report a quarter's dashboard counts: the quarter's own for a 3-monthly unit, the
 * cumulative one ending that quarter otherwise.
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
        if (m == 3) {
            return Optional.of(Period.of(year, quarter));
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
            if (normalize(everyMonths) == 3 && q == 2) {
                periods.add(Period.halfYear(year));
            }
            if (normalize(everyMonths) == 3 && q == 4) {
                periods.add(Period.year(year));
            }
        }
        return periods;
    }

    /** Whether a unit reporting every {@code everyMonths} months owes a report for {@code period}. */
    public static boolean owes(int everyMonths, Period period) {
        return owed(everyMonths, period.year()).contains(period);
    }

    /** "3 tháng/lần: quý I, quý II, 6 tháng, quý III, quý IV, năm" — the regime in words, for messages. */
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
