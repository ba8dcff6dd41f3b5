package vn.loa.reporting.reminder;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code loa.report-reminders.*}: whether the job runs, how often, how many working days before the due date
 * {@code report-due} goes out, and how long after the due date a report still not submitted is reminded of
 * (a stack started long after a period — a demo year — does not flood anyone with reminders of old reports).
 */
@ConfigurationProperties("loa.report-reminders")
record ReportReminderProperties(Boolean enabled, Duration interval, Integer dueWorkingDays, Duration overdueWithin) {

    ReportReminderProperties {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofHours(1) : interval;
        dueWorkingDays = dueWorkingDays == null ? 3 : dueWorkingDays;
        overdueWithin = overdueWithin == null ? Duration.ofDays(30) : overdueWithin;
    }
}
