package vn.loa.reporting.period;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code loa.periods.*}: the cut-off rule, working days from the window's end to the due date per
 * org-unit level, the public holidays that are not working days, and how long a reopening lasts
 * when the caller gives no {@code until}.
 */
@ConfigurationProperties("loa.periods")
public record PeriodProperties(CalendarKind calendar, Map<String, Integer> dueWorkingDays,
                               Integer defaultDueWorkingDays, List<LocalDate> holidays,
                               Duration reopenFor) {

    public PeriodProperties {
        calendar = calendar == null ? CalendarKind.CALENDAR : calendar;
        dueWorkingDays = dueWorkingDays == null ? Map.of("COMMUNE", 5, "DISTRICT", 10) : dueWorkingDays;
        defaultDueWorkingDays = defaultDueWorkingDays == null ? 10 : defaultDueWorkingDays;
        holidays = holidays == null ? List.of() : holidays;
        reopenFor = reopenFor == null ? Duration.ofDays(7) : reopenFor;
    }

    public PeriodCalendar toCalendar() {
        return new PeriodCalendar(calendar, dueWorkingDays, defaultDueWorkingDays, java.util.Set.copyOf(holidays));
    }
}
