package vn.loa.reporting.reminder;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

/** The reminders of the period calendar (key: the reporting unit's code; EVENTS.md). */
final class ReportReminderEvents {

    private ReportReminderEvents() {
    }

    /** A report due in {@code workingDaysLeft} working days, not submitted yet (DRAFT) or returned (RETURNED). */
    @EventType(value = "report-due", topic = Topics.REPORT_EVENTS, version = 1)
    record ReportDue(String orgUnit, String orgUnitName, String orgUnitLevel, List<String> orgUnitPath,
                     String reportsTo, String period, String periodKind, LocalDate from, LocalDate to,
                     LocalDate dueDate, LocalDate remindedOn, String status, Integer reportsEveryMonths,
                     int workingDaysLeft, int daysLeft) {
    }

    /** A report past its due date by {@code daysLate} days and not submitted. */
    @EventType(value = "report-overdue", topic = Topics.REPORT_EVENTS, version = 1)
    record ReportOverdue(String orgUnit, String orgUnitName, String orgUnitLevel, List<String> orgUnitPath,
                         String reportsTo, String period, String periodKind, LocalDate from, LocalDate to,
                         LocalDate dueDate, LocalDate remindedOn, String status, Integer reportsEveryMonths,
                         int daysLate) {
    }
}
