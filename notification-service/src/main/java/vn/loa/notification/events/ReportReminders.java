package vn.loa.notification.events;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.messaging.EventEnvelope;
import vn.loa.notification.dispatch.Notifier;
import vn.loa.notification.notice.Notice;
import vn.loa.notification.notice.NotificationTypes;
import vn.loa.notification.orgunit.OrgUnit;
import vn.loa.notification.orgunit.OrgUnits;
import vn.loa.notification.recipients.RecipientRules;
import vn.loa.notification.template.Localized;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * reporting-service's reminders from the period calendar ({@code report-due}, {@code report-overdue}) into the
 * unit's inbox and to its subscribers, as the {@code report-due-soon} and {@code report-late} notices they already
 * subscribe to (same templates). They come whether or not the quarter was closed; the reminders this service makes
 * itself from a closing's deadlines ({@code ReminderJob}) are told the late notice went out (the same
 * {@code reminder_sent} key), so a unit hears "late" once. Runs in the messaging inbox's transaction, once per
 * event id; the notice is keyed by the event id, so a redelivery sends nothing twice.
 */
@Component
class ReportReminders {

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})(?:-(Q[1-4]|H1))?");
    private static final String[] ROMAN = {"I", "II", "III", "IV"};

    private final Notifier notifier;
    private final OrgUnits orgUnits;
    private final JdbcClient jdbc;

    ReportReminders(Notifier notifier, OrgUnits orgUnits, JdbcClient jdbc) {
        this.notifier = notifier;
        this.orgUnits = orgUnits;
        this.jdbc = jdbc;
    }

    void reportDue(EventEnvelope<ReportDue> e) {
        ReportDue r = e.data();
        Map<String, Object> model = model(r.orgUnit(), r.orgUnitName(), r.period(), r.dueDate());
        model.put("daysLeft", r.daysLeft() == null ? 0 : r.daysLeft());
        model.put("workingDaysLeft", r.workingDaysLeft());
        notifier.notify(Notice.toAll(e.id(), NotificationTypes.REPORT_DUE_SOON, time(e),
                RecipientRules.forCommune(r.orgUnit(), path(r.orgUnitPath(), r.orgUnit())), model));
    }

    void reportOverdue(EventEnvelope<ReportOverdue> e) {
        ReportOverdue r = e.data();
        // Claim the late notice for this report: if a closing's reminder already said it, say it once only.
        int claimed = jdbc.sql("insert into reminder_sent (reminder_key) values (:key) on conflict do nothing")
                .param("key", "report:" + r.orgUnit() + ":" + r.period() + ":LATE").update();
        if (claimed == 0) {
            return;
        }
        Map<String, Object> model = model(r.orgUnit(), r.orgUnitName(), r.period(), r.dueDate());
        model.put("daysLate", r.daysLate());
        notifier.notify(Notice.toAll(e.id(), NotificationTypes.REPORT_LATE, time(e),
                RecipientRules.forCommune(r.orgUnit(), path(r.orgUnitPath(), r.orgUnit())), model));
    }

    private Map<String, Object> model(String orgUnit, String orgUnitName, String period, java.time.LocalDate due) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orgUnit", orgUnit);
        m.put("orgUnitName", orgUnitName != null ? orgUnitName : orgUnits.find(orgUnit).map(OrgUnit::name).orElse(orgUnit));
        m.put("period", periodName(period));
        m.put("dueDate", due);
        return m;
    }

    /** "2022-H1" → "6 tháng đầu năm 2022" (en: "2022-H1"), "2022-Q1" → "quý I năm 2022", "2022" → "năm 2022". */
    static Object periodName(String period) {
        Matcher m = period == null ? null : PERIOD.matcher(period);
        if (m == null || !m.matches()) {
            return period;
        }
        String vi = m.group(2) == null ? "năm " + m.group(1)
                : m.group(2).startsWith("H") ? "6 tháng đầu năm " + m.group(1)
                : "quý " + ROMAN[m.group(2).charAt(1) - '1'] + " năm " + m.group(1);
        return new Localized(vi, period);
    }

    private static OffsetDateTime time(EventEnvelope<?> e) {
        return e.time() != null ? e.time() : OffsetDateTime.now();
    }

    private static List<String> path(List<String> path, String orgUnit) {
        return path == null || path.isEmpty() ? List.of(orgUnit) : path;
    }
}
