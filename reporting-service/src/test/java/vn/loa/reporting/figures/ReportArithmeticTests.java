package vn.loa.reporting.figures;

import org.junit.jupiter.api.Test;
import vn.loa.reporting.figures.ReportArithmetic.Tally;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.reporting.figures.ReportArithmetic.achieved;
import static vn.loa.reporting.figures.ReportArithmetic.achievement;
import static vn.loa.reporting.figures.ReportArithmetic.budgetPlanned;
import static vn.loa.reporting.figures.ReportArithmetic.planned;
import static vn.loa.reporting.figures.ReportArithmetic.rate;
import static vn.loa.reporting.figures.ReportArithmetic.ratio;

class ReportArithmeticTests {

    private static BigDecimal n(String v) {
        return new BigDecimal(v);
    }

    @Test
    void aMonthlyCountTargetExpectsThreeAQuarter() {
        assertThat(planned("COUNT", n("12"), null, 1)).isEqualByComparingTo("3");
        assertThat(planned("COUNT", n("10"), null, 2)).isEqualByComparingTo("2.5");
        assertThat(planned("COUNT", n("12"), null, ReportArithmetic.WHOLE_YEAR)).isEqualByComparingTo("12");
    }

    @Test
    void quarterlyValuesWinOverTheEvenSpread() {
        List<BigDecimal> q = List.of(n("1"), n("5"), n("3"), n("3"));
        assertThat(planned("COUNT", n("12"), q, 2)).isEqualByComparingTo("5");
        assertThat(planned("PERCENT", n("100"), List.of(n("50"), n("70"), n("90"), n("100")), 1))
                .isEqualByComparingTo("50");
    }

    @Test
    void percentAndMilestoneTargetsApplyWholeToEveryQuarter() {
        assertThat(planned("PERCENT", n("90"), null, 3)).isEqualByComparingTo("90");
        assertThat(planned("MILESTONE", n("1"), null, 4)).isEqualByComparingTo("1");
        assertThat(planned("MILESTONE", n("1"), Arrays.asList(null, null, null, null), 4)).isEqualByComparingTo("1");
    }

    @Test
    void theSixMonthsPlanWhatTheirQuartersPlanAndTheYearItsYearlyValue() {
        List<BigDecimal> q = List.of(n("6"), n("6"), n("6"), n("6"));
        // Liên Minh's CT-1: 24 articles a year, 6 a quarter: 12 in the first six months.
        assertThat(planned("COUNT", n("24"), q, 1, 2)).isEqualByComparingTo("12");
        assertThat(planned("COUNT", n("12"), null, 1, 2)).isEqualByComparingTo("6");
        assertThat(planned("COUNT", n("24"), q, 1, 4)).isEqualByComparingTo("24");
        // A rate or a milestone does not add up: the value planned for the last quarter.
        assertThat(planned("PERCENT", n("100"), List.of(n("50"), n("70"), n("90"), n("100")), 1, 2))
                .isEqualByComparingTo("70");
        assertThat(planned("MILESTONE", n("1"), null, 1, 2)).isEqualByComparingTo("1");
        // The budget of the six months: its two quarters', which with the others add up to the year.
        assertThat(budgetPlanned(10_000_001, 1, 2) + budgetPlanned(10_000_001, 3, 4)).isEqualTo(10_000_001);
        assertThat(budgetPlanned(10_000_001, 1, 4)).isEqualTo(10_000_001);
    }

    private static final LocalDate Q1 = LocalDate.parse("2022-01-01");
    /** Decree 09/2019 cut-off: Q1 2022 runs from 15 December 2021 to 14 March 2022. */
    private static final LocalDate Q1_DECREE_09 = LocalDate.parse("2021-12-15");

    /** The tally of activities completed on {@code dates}, each with quantity {@code each} and reach 100. */
    private static Tally done(LocalDate windowFrom, int each, String... dates) {
        List<LocalDate> on = Arrays.stream(dates).map(LocalDate::parse).toList();
        BigDecimal q = BigDecimal.valueOf(each);
        return Tally.of(windowFrom, on.isEmpty() ? null : q.multiply(BigDecimal.valueOf(on.size())),
                on.isEmpty() ? null : q, on.size(), 100L * on.size(), on);
    }

    @Test
    void achievedByIndicator() {
        Tally two = Tally.of(Q1, n("7"), n("4"), 2, 0, List.of(LocalDate.parse("2022-01-10"), LocalDate.parse("2022-02-10")));
        assertThat(achieved("COUNT", null, two)).isEqualByComparingTo("7");
        assertThat(achieved("COUNT", null, Tally.NONE)).isEqualByComparingTo("0");
        assertThat(achieved("PERCENT", null, Tally.of(Q1, n("180"), n("95"), 2, 0, List.of()))).isEqualByComparingTo("95");
        assertThat(achieved("MILESTONE", null, two)).isEqualByComparingTo("1");
        assertThat(achieved("MILESTONE", null, Tally.NONE)).isEqualByComparingTo("0");
    }

    @Test
    void aMonthlySegmentCompletedInEachMonthOfTheQuarterIsFullyAchieved() {
        // CT-2 of Liên Minh: 3 a quarter; one segment a month, each broadcast 4 times.
        Tally t = done(Q1, 4, "2022-01-28", "2022-02-25", "2022-03-28");
        assertThat(achieved("COUNT", "MONTHLY", t)).isEqualByComparingTo("3");
        assertThat(ratio(achieved("COUNT", "MONTHLY", t), planned("COUNT", n("12"), null, 1))).isEqualByComparingTo("1");
        // The broadcasts are outputs, shown apart: they do not inflate the target (12 / 3 = 4.0 before).
        assertThat(t.quantity()).isEqualByComparingTo("12");
        assertThat(t.activities()).isEqualTo(3);
        assertThat(t.reach()).isEqualTo(300);
    }

    @Test
    void aSecondSegmentInOneMonthDoesNotMakeUpForAMissedMonth() {
        Tally t = done(Q1, 4, "2022-01-05", "2022-01-28", "2022-03-28");
        assertThat(t.activities()).isEqualTo(3);
        assertThat(achieved("COUNT", "MONTHLY", t)).isEqualByComparingTo("2");
        assertThat(ratio(achieved("COUNT", "MONTHLY", t), n("3"))).isEqualByComparingTo("0.6667");
        assertThat(achieved("COUNT", "MONTHLY", Tally.NONE)).isEqualByComparingTo("0");
    }

    @Test
    void monthsAreTheWindowsReportingMonthsSoAQuarterHasAtMostThree() {
        // Four completions in four calendar months of the Decree 09 window (Dec, Jan, Feb, Mar) fall in its
        // three reporting months 15 Dec–14 Jan, 15 Jan–14 Feb, 15 Feb–14 Mar: 3 occurrences, ratio 1, not 1.33.
        Tally t = done(Q1_DECREE_09, 1, "2021-12-20", "2022-01-20", "2022-02-20", "2022-03-10");
        assertThat(achieved("COUNT", "MONTHLY", t)).isEqualByComparingTo("3");
        assertThat(ReportArithmetic.reportingMonth(Q1_DECREE_09, LocalDate.parse("2022-01-14"))).isZero();
        assertThat(ReportArithmetic.reportingMonth(Q1_DECREE_09, LocalDate.parse("2022-01-15"))).isEqualTo(1);
        assertThat(ReportArithmetic.reportingMonth(Q1_DECREE_09, LocalDate.parse("2022-03-14"))).isEqualTo(2);
        // 14 January and 15 January are two reporting months although one calendar month.
        assertThat(achieved("COUNT", "MONTHLY", done(Q1_DECREE_09, 1, "2022-01-14", "2022-01-15")))
                .isEqualByComparingTo("2");
        // With calendar quarters, reporting months are calendar months.
        assertThat(achieved("COUNT", "MONTHLY", done(Q1, 1, "2022-01-01", "2022-01-31", "2022-03-31")))
                .isEqualByComparingTo("2");
    }

    @Test
    void aQuarterlyTargetCountsTheQuartersItWasCarriedOutIn() {
        assertThat(achieved("COUNT", "QUARTERLY", done(Q1, 1, "2022-01-10", "2022-03-01"))).isEqualByComparingTo("1");
        assertThat(achieved("COUNT", "QUARTERLY", Tally.NONE)).isEqualByComparingTo("0");
    }

    @Test
    void talliesOfTheFourQuartersAddUpToTheYear() {
        // A year's dashboard sums the quarters' tallies: 10 monthly segments (Jan–Oct) are 10 of 12.
        Tally year = Tally.NONE;
        for (int q = 0; q < 4; q++) {
            LocalDate from = Q1.plusMonths(3L * q);
            List<String> dates = new java.util.ArrayList<>();
            for (int m = 0; m < 3 && 3 * q + m < 10; m++) {
                dates.add(from.plusMonths(m).plusDays(20).toString());
            }
            year = year.plus(done(from, 4, dates.toArray(String[]::new)));
        }
        assertThat(achieved("COUNT", "MONTHLY", year)).isEqualByComparingTo("10");
        assertThat(achieved("COUNT", "QUARTERLY", year)).isEqualByComparingTo("4");
        assertThat(achieved("COUNT", null, year)).isEqualByComparingTo("40");
        assertThat(ratio(achieved("COUNT", "MONTHLY", year), planned("COUNT", n("12"), null, ReportArithmetic.WHOLE_YEAR)))
                .isEqualByComparingTo("0.8333");
    }

    @Test
    void ratioAndCappedMeanAchievement() {
        assertThat(ratio(n("2"), n("3"))).isEqualByComparingTo("0.6667");
        assertThat(ratio(n("6"), n("3"))).isEqualByComparingTo("2");
        assertThat(ratio(n("1"), n("0"))).isNull();
        // (1 [capped from 2] + 0.5 + 0) / 3, the unplanned target left out.
        assertThat(achievement(Arrays.asList(n("2"), n("0.5"), n("0"), null))).isEqualByComparingTo("0.5");
        assertThat(achievement(Arrays.asList((BigDecimal) null))).isNull();
    }

    @Test
    void quarterlyBudgetSharesAddUpToTheYear() {
        long total = 10_000_003;
        assertThat(budgetPlanned(total, 1)).isEqualTo(2_500_000);
        assertThat(budgetPlanned(total, 1) + budgetPlanned(total, 2) + budgetPlanned(total, 3)
                + budgetPlanned(total, 4)).isEqualTo(total);
        assertThat(budgetPlanned(total, ReportArithmetic.WHOLE_YEAR)).isEqualTo(total);
    }

    @Test
    void ratesOfReports() {
        assertThat(rate(3, 7)).isEqualByComparingTo("0.4286");
        assertThat(rate(0, 0)).isEqualByComparingTo("0");
    }
}
