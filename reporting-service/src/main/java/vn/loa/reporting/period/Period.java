package vn.loa.reporting.period;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A reporting period of the state reporting regime (Decree 09/2019/NĐ-CP): a quarter {@code 2022-Q1}, the
 * first six months {@code 2022-H1} or a year {@code 2022}. Every period is a run of whole quarters (H1 =
 * Q1 + Q2, the year = Q1..Q4), so its window, figures and planned values are those of its quarters put
 * together. There is no {@code H2}: the regime has a six-month report (the first half) and an annual one.
 */
public record Period(int year, Kind kind, int number) implements Comparable<Period> {

    /** The kinds of period, with how many months each covers. */
    public enum Kind {
        QUARTER(3), HALF_YEAR(6), YEAR(12);

        private final int months;

        Kind(int months) {
            this.months = months;
        }

        public int months() {
            return months;
        }
    }

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-(Q[1-4]|H1))?");

    public Period {
        if (kind == null) {
            throw new IllegalArgumentException("a period needs a kind");
        }
        int max = switch (kind) {
            case QUARTER -> 4;
            case HALF_YEAR -> 1;
            case YEAR -> 1;
        };
        if (number < 1 || number > max) {
            throw new IllegalArgumentException(kind + " number must be 1.." + max + ": " + number);
        }
    }

    /** A quarter (1..4). */
    public Period(int year, int quarter) {
        this(year, Kind.QUARTER, quarter);
    }

    /** @throws IllegalArgumentException if the text is not {@code YYYY-Qn}, {@code YYYY-H1} or {@code YYYY} */
    public static Period parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("a period is written like 2022-Q1, 2022-H1 or 2022: " + text);
        }
        int year = Integer.parseInt(m.group(1));
        String part = m.group(2);
        if (part == null) {
            return year(year);
        }
        return part.startsWith("H") ? halfYear(year) : new Period(year, Kind.QUARTER, part.charAt(1) - '0');
    }

    public static Period of(int year, int quarter) {
        return new Period(year, Kind.QUARTER, quarter);
    }

    public static Period halfYear(int year) {
        return new Period(year, Kind.HALF_YEAR, 1);
    }

    public static Period year(int year) {
        return new Period(year, Kind.YEAR, 1);
    }

    public boolean isQuarter() {
        return kind == Kind.QUARTER;
    }

    /** The quarter of a quarterly period. @throws IllegalStateException for a six-month or annual period */
    public int quarter() {
        if (kind != Kind.QUARTER) {
            throw new IllegalStateException(this + " is not a quarter");
        }
        return number;
    }

    /** The first quarter it covers (1 for H1 and the year). */
    public int firstQuarter() {
        return kind == Kind.QUARTER ? number : 1;
    }

    /** The last quarter it covers (2 for H1, 4 for the year). */
    public int lastQuarter() {
        return switch (kind) {
            case QUARTER -> number;
            case HALF_YEAR -> 2;
            case YEAR -> 4;
        };
    }

    /** The quarters it is made of, in order. */
    public List<Period> quarters() {
        return IntStream.rangeClosed(firstQuarter(), lastQuarter()).mapToObj(q -> of(year, q)).toList();
    }

    /** Whether a quarter lies inside this period. */
    public boolean covers(Period quarter) {
        return quarter.isQuarter() && quarter.year == year && quarter.number >= firstQuarter()
                && quarter.number <= lastQuarter();
    }

    /** The previous quarter (quarters only). */
    public Period previous() {
        int q = quarter();
        return q == 1 ? of(year - 1, 4) : of(year, q - 1);
    }

    /** The next quarter (quarters only). */
    public Period next() {
        int q = quarter();
        return q == 4 ? of(year + 1, 1) : of(year, q + 1);
    }

    /** By year, then by the last quarter covered, then the shorter period first (Q2 before H1 before the year). */
    @Override
    public int compareTo(Period o) {
        if (year != o.year) {
            return Integer.compare(year, o.year);
        }
        if (lastQuarter() != o.lastQuarter()) {
            return Integer.compare(lastQuarter(), o.lastQuarter());
        }
        return Integer.compare(kind.months(), o.kind.months());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case QUARTER -> year + "-Q" + number;
            case HALF_YEAR -> year + "-H" + number;
            case YEAR -> String.valueOf(year);
        };
    }
}
