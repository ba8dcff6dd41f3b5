package vn.loa.reporting.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The report workflow DRAFT → SUBMITTED → APPROVED | RETURNED, and RETURNED → SUBMITTED again. */
final class ReportWorkflow {

    private ReportWorkflow() {
    }

    static boolean canEdit(ReportStatus status) {
        return status == ReportStatus.DRAFT || status == ReportStatus.RETURNED;
    }

    static boolean canSubmit(ReportStatus status) {
        return canEdit(status);
    }

    static boolean canDecide(ReportStatus status) {
        return status == ReportStatus.SUBMITTED;
    }

    /** Submitted on time: before the due date's day ends at 24:00 local time. */
    static boolean onTime(Instant submittedAt, LocalDate dueDate, ZoneId zone) {
        return submittedAt.isBefore(dueDate.plusDays(1).atStartOfDay(zone).toInstant());
    }
}
