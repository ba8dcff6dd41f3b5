package vn.loa.reporting.period;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The reporting calendar: a quarter's data window by the configured cut-off rule and a report's
 * due date, a number of working days after the window's end (weekends and public holidays are
 * not working days). The number depends on the level, so that a commune reports before its
 * district must.
 */
public final class PeriodCalendar {

    private final CalendarKind kind;
    private final Map<String, Integer> dueWorkingDaysByLevel;
    private final int defaultDueWorkingDays;
    private final Set<LocalDate> holidays;

    public PeriodCalendar(CalendarKind kind, Map<String, Integer> dueWorkingDaysByLevel,
                          int defaultDueWorkingDays, Set<LocalDate> holidays) {
        this.kind = kind;
        this.dueWorkingDaysByLevel = Map.copyOf(dueWorkingDaysByLevel);
        this.defaultDueWorkingDays = defaultDueWorkingDays;
        this.holidays = Set.copyOf(holidays);
    }

    public CalendarKind kind() {
        return kind;
    }

    /**
     * The data window of a period: a quarter's, or from the first quarter's start to the last quarter's end
     * for a six-month or annual period (Decree 09/2019 art. 12: the six months run from 15 December of the year
     * before to 14 June, the year from 15 December to 14 December).
     */
    public Window window(Period period) {
        LocalDate calendarStart = LocalDate.of(period.year(), (period.firstQuarter() - 1) * 3 + 1, 1);
        int months = (period.lastQuarter() - period.firstQuarter() + 1) * 3;
        return switch (kind) {
            case CALENDAR -> new Window(calendarStart, calendarStart.plusMonths(months).minusDays(1));
            case DECREE_09 -> new Window(calendarStart.minusMonths(1).withDayOfMonth(15),
                    calendarStart.plusMonths(months - 1).withDayOfMonth(14));
        };
    }

    /** The window of a whole year: from the first quarter's start to the last quarter's end. */
    public Window yearWindow(int year) {
        return window(Period.year(year));
    }

    /** The due date of the report of an org unit of {@code level} (e.g. COMMUNE) for the period. */
    public LocalDate dueDate(Period period, String level) {
        return addWorkingDays(window(period).to(), dueWorkingDays(level));
    }

    public int dueWorkingDays(String level) {
        return level == null ? defaultDueWorkingDays
                : dueWorkingDaysByLevel.getOrDefault(level, defaultDueWorkingDays);
    }

    /** The {@code days}-th working day after {@code date} (date itself not counted). */
    public LocalDate addWorkingDays(LocalDate date, int days) {
        LocalDate d = date;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** The {@code days}-th working day before {@code date} (date itself not counted). */
    public LocalDate minusWorkingDays(LocalDate date, int days) {
        LocalDate d = date;
        int left = days;
        while (left > 0) {
            d = d.minusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Working days after {@code from} up to and including {@code to} (0 when {@code to} is not after it). */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /**
     * The first day of the reporting month of a date: the 1st with calendar quarters, the 15th with
     * the Decree 09 cut-off (whose months run from the 15th to the 14th). A quarter's window is three
     * such months, a year's twelve: the tallies are kept per reporting month. SQL twin:
     * {@code loa_reporting_month(date, calendar)} (migration V2).
     */
    public LocalDate monthStart(LocalDate date) {
        return switch (kind) {
            case CALENDAR -> date.withDayOfMonth(1);
            case DECREE_09 -> date.getDayOfMonth() >= 15 ? date.withDayOfMonth(15) : date.minusMonths(1).withDayOfMonth(15);
        };
    }

    /** The reporting months of a window (its first days), in order. */
    public java.util.List<LocalDate> months(Window window) {
        java.util.List<LocalDate> months = new java.util.ArrayList<>();
        for (LocalDate m = monthStart(window.from()); !m.isAfter(window.to()); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /** The period whose window contains the date. */
    public Period periodOf(LocalDate date) {
        Period p = Period.of(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
        for (Period candidate : new Period[]{p, p.next(), p.previous()}) {
            if (window(candidate).contains(date)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no period contains " + date);
    }
}
