package vn.loa.reporting.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.reporting.report.ReportArithmetic.achieved;
import static vn.loa.reporting.report.ReportArithmetic.achievement;
import static vn.loa.reporting.report.ReportArithmetic.budgetPlanned;
import static vn.loa.reporting.report.ReportArithmetic.planned;
import static vn.loa.reporting.report.ReportArithmetic.rate;
import static vn.loa.reporting.report.ReportArithmetic.ratio;

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
    void achievedByIndicator() {
        assertThat(achieved("COUNT", n("7"), n("4"), 2)).isEqualByComparingTo("7");
        assertThat(achieved("COUNT", null, null, 0)).isEqualByComparingTo("0");
        assertThat(achieved("PERCENT", n("180"), n("95"), 2)).isEqualByComparingTo("95");
        assertThat(achieved("MILESTONE", n("3"), n("2"), 2)).isEqualByComparingTo("1");
        assertThat(achieved("MILESTONE", null, null, 0)).isEqualByComparingTo("0");
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

    @Test
    void onTimeMeansBeforeMidnightEndingTheDueDateInVietnam() {
        ZoneId hcm = ZoneId.of("Asia/Ho_Chi_Minh");
        LocalDate due = LocalDate.parse("2022-04-07");
        assertThat(ReportWorkflow.onTime(Instant.parse("2022-04-07T16:59:59Z"), due, hcm)).isTrue();
        assertThat(ReportWorkflow.onTime(Instant.parse("2022-04-07T17:00:00Z"), due, hcm)).isFalse();
    }

    @Test
    void workflowTransitions() {
        assertThat(ReportWorkflow.canSubmit(ReportStatus.DRAFT)).isTrue();
        assertThat(ReportWorkflow.canSubmit(ReportStatus.RETURNED)).isTrue();
        assertThat(ReportWorkflow.canSubmit(ReportStatus.SUBMITTED)).isFalse();
        assertThat(ReportWorkflow.canEdit(ReportStatus.APPROVED)).isFalse();
        assertThat(ReportWorkflow.canDecide(ReportStatus.SUBMITTED)).isTrue();
        assertThat(ReportWorkflow.canDecide(ReportStatus.RETURNED)).isFalse();
        assertThat(ReportStatus.APPROVED.received()).isTrue();
        assertThat(ReportStatus.RETURNED.received()).isFalse();
    }
}
