package vn.loa.reporting.period;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportingRegimeTests {

    @Test
    void everyThreeMonthsIsEveryQuarterAndBesidesThemTheSixMonthsAndTheYear() {
        assertThat(ReportingRegime.owed(3, 2022)).extracting(Period::toString)
                .containsExactly("2022-Q1", "2022-Q2", "2022-H1", "2022-Q3", "2022-Q4", "2022");
        assertThat(ReportingRegime.owed(6, 2022)).extracting(Period::toString).containsExactly("2022-H1", "2022");
        assertThat(ReportingRegime.owed(12, 2022)).extracting(Period::toString).containsExactly("2022");
    }

    @Test
    void theReportAQuartersDashboardCountsIsTheQuartersOwnOrTheCumulativeOneEndingIt() {
        assertThat(ReportingRegime.reportEnding(3, 2022, 2)).contains(Period.of(2022, 2));
        assertThat(ReportingRegime.reportEnding(3, 2022, 4)).contains(Period.of(2022, 4));
        assertThat(ReportingRegime.reportEnding(6, 2022, 2)).contains(Period.halfYear(2022));
        assertThat(ReportingRegime.reportEnding(6, 2022, 4)).contains(Period.year(2022));
        assertThat(ReportingRegime.reportEnding(6, 2022, 1)).isEmpty();
        assertThat(ReportingRegime.reportEnding(12, 2022, 2)).isEmpty();
        assertThat(ReportingRegime.owes(3, Period.of(2022, 2))).isTrue();
        assertThat(ReportingRegime.owes(3, Period.halfYear(2022))).isTrue();
        assertThat(ReportingRegime.owes(6, Period.of(2022, 2))).isFalse();
        assertThat(ReportingRegime.owes(6, Period.halfYear(2022))).isTrue();
    }

    @Test
    void aPlanThatSaysNothingReportsEveryThreeMonthsAndOtherValuesRoundUp() {
        assertThat(ReportingRegime.normalize(null)).isEqualTo(3);
        assertThat(ReportingRegime.normalize(1)).isEqualTo(3);
        assertThat(ReportingRegime.normalize(4)).isEqualTo(6);
        assertThat(ReportingRegime.normalize(9)).isEqualTo(12);
        assertThat(ReportingRegime.describe(3, 2022)).isEqualTo("3 tháng/lần: quý I năm 2022, quý II năm 2022,"
                + " 6 tháng đầu năm 2022, quý III năm 2022, quý IV năm 2022, năm 2022");
    }
}
