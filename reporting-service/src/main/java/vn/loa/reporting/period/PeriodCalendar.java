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

    public Window window(Period period) {
        int firstMonth = (period.quarter() - 1) * 3 + 1;
        LocalDate calendarStart = LocalDate.of(period.year(), firstMonth, 1);
        return switch (kind) {
            case CALENDAR -> new Window(calendarStart, calendarStart.plusMonths(3).minusDays(1));
            case DECREE_09 -> new Window(calendarStart.minusMonths(1).withDayOfMonth(15),
                    calendarStart.plusMonths(2).withDayOfMonth(14));
        };
    }

    /** The window of a whole year: from the first quarter's start to the last quarter's end. */
    public Window yearWindow(int year) {
        return new Window(window(Period.of(year, 1)).from(), window(Period.of(year, 4)).to());
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

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(date);
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
