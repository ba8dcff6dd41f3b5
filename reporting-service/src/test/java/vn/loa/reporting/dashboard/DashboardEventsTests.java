package vn.loa.reporting.dashboard;

import vn.loa.reporting.figures.FiguresChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.period.CalendarKind;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which changes reach which open dashboards: the org unit on the change's path, and the time overlapping. */
class DashboardEventsTests {

    static final List<String> LIEN_MINH = List.of("ha-tinh", "duc-tho", "lien-minh");

    private final DashboardEvents calendarEvents = events(CalendarKind.CALENDAR);
    private final DashboardEvents decree09Events = events(CalendarKind.DECREE_09);

    @AfterEach
    void stop() {
        calendarEvents.destroy();
        decree09Events.destroy();
    }

    private static DashboardEvents events(CalendarKind kind) {
        return new DashboardEvents(new PeriodCalendar(kind, Map.of("COMMUNE", 5), 10, Set.of()),
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMillis(10));
    }

    private static DashboardService.Scope quarter(String unit, String period) {
        return new DashboardService.Scope(unit(unit), Period.parse(period), null);
    }

    private static DashboardService.Scope year(String unit, int year) {
        return new DashboardService.Scope(unit(unit), null, year);
    }

    private static OrgUnit unit(String code) {
        return new OrgUnit(code, code, "DISTRICT", null, List.of(code), List.of());
    }

    @Test
    void anActivityReachesTheDashboardsAboveItsCommuneForTheQuarterOfItsDates() {
        FiguresChanged done = FiguresChanged.onDates(LIEN_MINH, LocalDate.parse("2022-03-20"), LocalDate.parse("2022-03-25"));
        assertThat(calendarEvents.concerns(done, quarter("duc-tho", "2022-Q1"))).isTrue();
        assertThat(calendarEvents.concerns(done, quarter("ha-tinh", "2022-Q1"))).isTrue();
        assertThat(calendarEvents.concerns(done, quarter("lien-minh", "2022-Q1"))).isTrue();
        assertThat(calendarEvents.concerns(done, year("duc-tho", 2022))).isTrue();
        assertThat(calendarEvents.concerns(done, quarter("duc-tho", "2022-Q2"))).isFalse();
        assertThat(calendarEvents.concerns(done, year("duc-tho", 2021))).isFalse();
        assertThat(calendarEvents.concerns(done, quarter("tung-chau", "2022-Q1"))).isFalse();
        assertThat(calendarEvents.concerns(done, quarter("can-loc", "2022-Q1"))).isFalse();
    }

    @Test
    void theDecree09WindowDecidesTheQuarterOfADate() {
        // Under Decree 09, 20 March 2022 lies in the second quarter's window (15 March – 14 June).
        FiguresChanged done = FiguresChanged.onDates(LIEN_MINH, LocalDate.parse("2022-03-20"));
        assertThat(decree09Events.concerns(done, quarter("duc-tho", "2022-Q2"))).isTrue();
        assertThat(decree09Events.concerns(done, quarter("duc-tho", "2022-Q1"))).isFalse();
        // 20 December 2021 already belongs to 2022's first quarter and year.
        FiguresChanged december = FiguresChanged.onDates(LIEN_MINH, LocalDate.parse("2021-12-20"));
        assertThat(decree09Events.concerns(december, quarter("duc-tho", "2022-Q1"))).isTrue();
        assertThat(decree09Events.concerns(december, year("duc-tho", 2022))).isTrue();
    }

    @Test
    void aReportReachesItsQuarterAndYearAPlanItsYearAnOrgUnitEveryPeriod() {
        FiguresChanged report = FiguresChanged.ofPeriod(LIEN_MINH, "2022-Q2");
        assertThat(calendarEvents.concerns(report, quarter("duc-tho", "2022-Q2"))).isTrue();
        assertThat(calendarEvents.concerns(report, year("duc-tho", 2022))).isTrue();
        assertThat(calendarEvents.concerns(report, quarter("duc-tho", "2022-Q1"))).isFalse();

        FiguresChanged plan = FiguresChanged.ofYear(LIEN_MINH, 2022);
        assertThat(calendarEvents.concerns(plan, quarter("duc-tho", "2022-Q4"))).isTrue();
        assertThat(calendarEvents.concerns(plan, quarter("duc-tho", "2023-Q1"))).isFalse();

        FiguresChanged renamed = new FiguresChanged(LIEN_MINH, List.of(), null, null);
        assertThat(calendarEvents.concerns(renamed, quarter("duc-tho", "2019-Q3"))).isTrue();
    }
}
