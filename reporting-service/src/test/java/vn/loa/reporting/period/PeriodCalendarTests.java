package vn.loa.reporting.period;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodCalendarTests {

    // Vietnamese public holidays around the dates tested: New Year 2022 (Saturday, observed on
    // Monday 3 January) and Hùng Kings' day 2022 (Sunday 10 April, observed on Monday 11 April).
    private static final Set<LocalDate> HOLIDAYS = Set.of(
            LocalDate.parse("2022-01-01"), LocalDate.parse("2022-01-03"),
            LocalDate.parse("2022-04-10"), LocalDate.parse("2022-04-11"));

    private static PeriodCalendar calendar(CalendarKind kind) {
        return new PeriodCalendar(kind, Map.of("COMMUNE", 5, "DISTRICT", 10), 10, HOLIDAYS);
    }

    @Test
    void calendarQuartersAreTheCalendarMonths() {
        PeriodCalendar c = calendar(CalendarKind.CALENDAR);
        assertThat(c.window(Period.parse("2022-Q1"))).isEqualTo(window("2022-01-01", "2022-03-31"));
        assertThat(c.window(Period.parse("2022-Q2"))).isEqualTo(window("2022-04-01", "2022-06-30"));
        assertThat(c.window(Period.parse("2022-Q3"))).isEqualTo(window("2022-07-01", "2022-09-30"));
        assertThat(c.window(Period.parse("2022-Q4"))).isEqualTo(window("2022-10-01", "2022-12-31"));
        assertThat(c.window(Period.parse("2024-Q1"))).isEqualTo(window("2024-01-01", "2024-03-31"));
        assertThat(c.yearWindow(2022)).isEqualTo(window("2022-01-01", "2022-12-31"));
    }

    @Test
    void decree09QuartersRunFromThe15thOfThePreviousMonthToThe14thOfTheLastMonth() {
        PeriodCalendar c = calendar(CalendarKind.DECREE_09);
        // Q1 starts in the previous year.
        assertThat(c.window(Period.parse("2022-Q1"))).isEqualTo(window("2021-12-15", "2022-03-14"));
        assertThat(c.window(Period.parse("2022-Q2"))).isEqualTo(window("2022-03-15", "2022-06-14"));
        assertThat(c.window(Period.parse("2022-Q3"))).isEqualTo(window("2022-06-15", "2022-09-14"));
        assertThat(c.window(Period.parse("2022-Q4"))).isEqualTo(window("2022-09-15", "2022-12-14"));
        assertThat(c.yearWindow(2022)).isEqualTo(window("2021-12-15", "2022-12-14"));
    }

    @Test
    void sixMonthAndAnnualWindowsAreTheirQuartersPutTogether() {
        PeriodCalendar calendar = calendar(CalendarKind.CALENDAR);
        assertThat(calendar.window(Period.parse("2022-H1"))).isEqualTo(window("2022-01-01", "2022-06-30"));
        assertThat(calendar.window(Period.parse("2022"))).isEqualTo(window("2022-01-01", "2022-12-31"));
        // Decree 09/2019 art. 12: six months from 15 December of the year before to 14 June, the year to 14 December.
        PeriodCalendar decree = calendar(CalendarKind.DECREE_09);
        assertThat(decree.window(Period.parse("2022-H1"))).isEqualTo(window("2021-12-15", "2022-06-14"));
        assertThat(decree.window(Period.parse("2022"))).isEqualTo(window("2021-12-15", "2022-12-14"));
        // Due dates count working days from the window's end, as for a quarter: Tue 14 June 2022 + 5.
        assertThat(decree.dueDate(Period.parse("2022-H1"), "COMMUNE")).isEqualTo("2022-06-21");
        assertThat(calendar.dueDate(Period.parse("2022-H1"), "COMMUNE")).isEqualTo("2022-07-07");
        assertThat(calendar.dueDate(Period.parse("2022"), "DISTRICT")).isEqualTo("2023-01-13");
    }

    @Test
    void workingDaysBackFromADueDate() {
        PeriodCalendar c = calendar(CalendarKind.CALENDAR);
        // Thursday 7 April 2022, three working days before: Mon 4 (the weekend is skipped).
        assertThat(c.minusWorkingDays(LocalDate.parse("2022-04-07"), 3)).isEqualTo("2022-04-04");
        // Tuesday 12 April 2022 (Monday 11 is the Hùng Kings' holiday): Thu 7, Fri 8, Tue 12.
        assertThat(c.minusWorkingDays(LocalDate.parse("2022-04-12"), 2)).isEqualTo("2022-04-07");
        assertThat(c.workingDaysBetween(LocalDate.parse("2022-04-07"), LocalDate.parse("2022-04-12"))).isEqualTo(2);
    }

    @Test
    void consecutiveDecree09WindowsLeaveNoGapAcrossTheYearBoundary() {
        PeriodCalendar c = calendar(CalendarKind.DECREE_09);
        assertThat(c.window(Period.parse("2021-Q4")).to().plusDays(1))
                .isEqualTo(c.window(Period.parse("2022-Q1")).from());
        assertThat(c.periodOf(LocalDate.parse("2021-12-14"))).isEqualTo(Period.parse("2021-Q4"));
        assertThat(c.periodOf(LocalDate.parse("2021-12-15"))).isEqualTo(Period.parse("2022-Q1"));
        assertThat(c.periodOf(LocalDate.parse("2022-03-14"))).isEqualTo(Period.parse("2022-Q1"));
        assertThat(c.periodOf(LocalDate.parse("2022-03-15"))).isEqualTo(Period.parse("2022-Q2"));
        assertThat(c.periodOf(LocalDate.parse("2022-12-31"))).isEqualTo(Period.parse("2023-Q1"));
    }

    @Test
    void calendarPeriodOfADate() {
        PeriodCalendar c = calendar(CalendarKind.CALENDAR);
        assertThat(c.periodOf(LocalDate.parse("2021-12-31"))).isEqualTo(Period.parse("2021-Q4"));
        assertThat(c.periodOf(LocalDate.parse("2022-01-01"))).isEqualTo(Period.parse("2022-Q1"));
        assertThat(c.periodOf(LocalDate.parse("2022-03-31"))).isEqualTo(Period.parse("2022-Q1"));
    }

    @Test
    void dueDateCountsWorkingDaysAfterTheWindowSkippingWeekends() {
        PeriodCalendar c = calendar(CalendarKind.CALENDAR);
        // Window ends Thursday 31 March 2022: Fri 1, Mon 4, Tue 5, Wed 6, Thu 7 April.
        assertThat(c.dueDate(Period.parse("2022-Q1"), "COMMUNE")).isEqualTo("2022-04-07");
    }

    @Test
    void dueDateSkipsAPublicHolidayAndTheDistrictIsDueAfterItsCommunes() {
        PeriodCalendar c = calendar(CalendarKind.CALENDAR);
        // Fri 8, (Mon 11 is the observed Hùng Kings' holiday) Tue 12 .. Fri 15 April.
        LocalDate district = c.dueDate(Period.parse("2022-Q1"), "DISTRICT");
        assertThat(district).isEqualTo("2022-04-15");
        assertThat(district).isAfter(c.dueDate(Period.parse("2022-Q1"), "COMMUNE"));
    }

    @Test
    void dueDateAcrossTheYearBoundaryWithTheNewYearHoliday() {
        PeriodCalendar c = calendar(CalendarKind.CALENDAR);
        // Window ends Friday 31 Dec 2021; Sat 1 and Sun 2 Jan, Mon 3 Jan (observed New Year) are off:
        // Tue 4, Wed 5, Thu 6, Fri 7, Mon 10.
        assertThat(c.dueDate(Period.parse("2021-Q4"), "COMMUNE")).isEqualTo("2022-01-10");
    }

    @Test
    void decree09DueDate() {
        PeriodCalendar c = calendar(CalendarKind.DECREE_09);
        // Window ends Monday 14 March 2022: Tue 15 .. Fri 18, Mon 21.
        assertThat(c.dueDate(Period.parse("2022-Q1"), "COMMUNE")).isEqualTo("2022-03-21");
        // Window ends Wednesday 14 Dec 2022: 15, 16, 19, 20, 21, 22, 23, 26, 27, 28.
        assertThat(c.dueDate(Period.parse("2022-Q4"), "DISTRICT")).isEqualTo("2022-12-28");
    }

    @Test
    void unknownLevelUsesTheDefault() {
        PeriodCalendar c = calendar(CalendarKind.CALENDAR);
        assertThat(c.dueWorkingDays("PROVINCE")).isEqualTo(10);
        assertThat(c.dueWorkingDays(null)).isEqualTo(10);
    }

    @Test
    void periodTextIsValidated() {
        assertThat(Period.parse("2022-Q4").next()).isEqualTo(Period.parse("2023-Q1"));
        assertThat(Period.parse("2022-Q1").previous()).isEqualTo(Period.parse("2021-Q4"));
        assertThat(Period.parse("2022-Q3")).hasToString("2022-Q3");
        assertThatThrownBy(() -> Period.parse("2022-Q5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("2022Q1")).isInstanceOf(IllegalArgumentException.class);
        // Six months and the year, after Decree 09/2019; there is no second-half report.
        assertThat(Period.parse("2022-H1")).isEqualTo(Period.halfYear(2022)).hasToString("2022-H1");
        assertThat(Period.parse("2022")).isEqualTo(Period.year(2022)).hasToString("2022");
        assertThat(Period.parse("2022-H1").quarters()).extracting(Period::toString).containsExactly("2022-Q1", "2022-Q2");
        assertThat(Period.parse("2022").quarters()).hasSize(4);
        assertThatThrownBy(() -> Period.parse("2022-H2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("2022-H1").quarter()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Period.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Window window(String from, String to) {
        return new Window(LocalDate.parse(from), LocalDate.parse(to));
    }
}
