package vn.loa.reporting.period;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reporting quarter, written {@code 2022-Q1}. */
public record Period(int year, int quarter) implements Comparable<Period> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-Q([1-4])");

    public Period {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1..4: " + quarter);
        }
    }

    /** @throws IllegalArgumentException if the text is not {@code YYYY-Qn} */
    public static Period parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("a period is written like 2022-Q1: " + text);
        }
        return new Period(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static Period of(int year, int quarter) {
        return new Period(year, quarter);
    }

    public Period previous() {
        return quarter == 1 ? new Period(year - 1, 4) : new Period(year, quarter - 1);
    }

    public Period next() {
        return quarter == 4 ? new Period(year + 1, 1) : new Period(year, quarter + 1);
    }

    @Override
    public int compareTo(Period o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(quarter, o.quarter);
    }

    @Override
    public String toString() {
        return year + "-Q" + quarter;
    }
}
