package vn.loa.notification.reminder;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.notification.dispatch.Notifier;
import vn.loa.notification.notice.Notice;
import vn.loa.notification.notice.NotificationTypes;
import vn.loa.notification.orgunit.OrgUnit;
import vn.loa.notification.orgunit.OrgUnits;
import vn.loa.notification.recipients.RecipientRules;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends the reminders of the day: activities and reports due in 7, 3 or 1 days, and reports that
 * are late. "Today" comes from the injected {@link Clock} in Asia/Ho_Chi_Minh. Each reminder has a
 * key recorded in the same transaction as its notifications, so it goes out once however often the
 * job runs and however many instances run it. The scheduled run also holds a ShedLock lock
 * ({@value #LOCK}, in the {@code shedlock} table): with several replicas one runs the job at a time,
 * the others skip their turn instead of doing the same reads for nothing.
 */
@Component
public class ReminderJob {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
    private static final ZoneId LOCAL = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The ShedLock name of the scheduled run. */
    public static final String LOCK = "notification-reminders";

    private final Deadlines deadlines;
    private final Notifier notifier;
    private final OrgUnits orgUnits;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ReminderSchedule schedule = new ReminderSchedule(ReminderSchedule.DEFAULT_DAYS_BEFORE);

    ReminderJob(Deadlines deadlines, Notifier notifier, OrgUnits orgUnits, Clock clock, TransactionTemplate tx) {
        this.deadlines = deadlines;
        this.notifier = notifier;
        this.orgUnits = orgUnits;
        this.clock = clock;
        this.tx = tx;
    }

    // At most 10 min (a replica that dies holding the lock blocks the job that long); at least 1 min, so
    // replicas whose 15-minute timers are a few seconds apart do not run one after the other.
    @Scheduled(fixedDelayString = "${loa.reminders.interval:15m}", initialDelayString = "${loa.reminders.initial-delay:30s}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "10m", lockAtLeastFor = "1m")
    public void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Reminder run failed: {}", e.toString());
        }
    }

    /** @return how many reminders were sent */
    public int runOnce() {
        LocalDate today = LocalDate.now(clock.withZone(LOCAL));
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(LOCAL));
        LocalDate horizon = today.plusDays(ReminderSchedule.DEFAULT_DAYS_BEFORE.stream().max(Integer::compare).orElse(7));
        int sent = 0;
        for (Deadlines.ActivityDeadline a : deadlines.openActivitiesDueBy(horizon)) {
            var threshold = schedule.dueReminder(a.dueDate(), today);
            if (threshold.isPresent()) {
                String key = "activity:" + a.activityId() + ":D" + threshold.get();
                sent += send(key, () -> activityNotice(key, a, today, now));
            }
        }
        for (Deadlines.ReportDeadline r : deadlines.unsubmittedReportsDueBy(horizon)) {
            if (ReminderSchedule.isLate(r.dueDate(), today)) {
                String key = "report:" + r.orgUnit() + ":" + r.period() + ":LATE";
                sent += send(key, () -> reportNotice(key, NotificationTypes.REPORT_LATE, r, today, now));
            } else {
                var threshold = schedule.dueReminder(r.dueDate(), today);
                if (threshold.isPresent()) {
                    String key = "report:" + r.orgUnit() + ":" + r.period() + ":D" + threshold.get();
                    sent += send(key, () -> reportNotice(key, NotificationTypes.REPORT_DUE_SOON, r, today, now));
                }
            }
        }
        if (sent > 0) {
            log.info("Sent {} reminders for {}", sent, today);
        }
        return sent;
    }

    private int send(String key, java.util.function.Supplier<Notice> notice) {
        Boolean done = tx.execute(status -> {
            if (!deadlines.markSent(key)) {
                return false;
            }
            notifier.notify(notice.get());
            return true;
        });
        return Boolean.TRUE.equals(done) ? 1 : 0;
    }

    private Notice activityNotice(String key, Deadlines.ActivityDeadline a, LocalDate today, OffsetDateTime now) {
        OrgUnit org = orgUnits.find(a.orgUnit()).orElse(null);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("documentNumber", a.planDocumentNumber());
        model.put("activityTitle", a.title());
        model.put("orgUnit", a.orgUnit());
        model.put("orgUnitName", org == null ? a.orgUnit() : org.name());
        model.put("unit", a.unit());
        model.put("unitName", org == null ? a.unit() : org.unitName(a.unit()).orElse(a.unit()));
        model.put("dueDate", a.dueDate());
        model.put("daysLeft", ReminderSchedule.daysLeft(a.dueDate(), today));
        return Notice.toAll(reminderId(key), NotificationTypes.ACTIVITY_DUE_SOON, now,
                RecipientRules.forActivity(a.orgUnit(), a.orgUnitPath(), a.unit(), a.coordinatingUnits()), model);
    }

    private Notice reportNotice(String key, String type, Deadlines.ReportDeadline r, LocalDate today,
                                OffsetDateTime now) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("orgUnit", r.orgUnit());
        model.put("orgUnitName", orgUnits.find(r.orgUnit()).map(OrgUnit::name).orElse(r.orgUnit()));
        model.put("period", r.period());
        model.put("dueDate", r.dueDate());
        model.put("daysLeft", ReminderSchedule.daysLeft(r.dueDate(), today));
        return Notice.toAll(reminderId(key), type, now, RecipientRules.forCommune(r.orgUnit(), r.orgUnitPath()), model);
    }

    /** A reminder's id is derived from its key, so its deliveries are keyed like any event's. */
    static UUID reminderId(String key) {
        return UUID.nameUUIDFromBytes(("reminder:" + key).getBytes(StandardCharsets.UTF_8));
    }

}
