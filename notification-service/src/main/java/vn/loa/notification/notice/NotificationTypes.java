package vn.loa.notification.notice;

import java.util.List;

/** The notification types a subscription can ask for: the events people hear of, and the reminders. */
public final class NotificationTypes {

    public static final String ACTIVITY_DUE_SOON = "activity-due-soon";
    public static final String REPORT_DUE_SOON = "report-due-soon";
    public static final String REPORT_LATE = "report-late";

    public static final List<String> ALL = List.of(
            "plan-issued", "plan-amended", "activity-scheduled", "activity-overdue",
            "quarter-closed", "quarter-reopened", "report-submitted", "report-approved", "report-returned",
            ACTIVITY_DUE_SOON, REPORT_DUE_SOON, REPORT_LATE);

    private NotificationTypes() {
    }
}
