package vn.loa.reporting.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWorkflowTests {

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
