package vn.loa.reporting.reminder;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.EventPublisher;
import vn.loa.reporting.TimeConfiguration;
import vn.loa.reporting.figures.Obligations;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.ReportingRegime;
import vn.loa.reporting.period.Window;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reminders of reports from the period calendar, whether or not the level above closed the quarter (issue 19.5):
 * for every report a unit owes ({@link Obligations}: an issued plan, the period in its regime, the unit existing on
 * the due date) and has not submitted — never written, still a draft, or returned — {@code report-due} goes out
 * {@code loa.report-reminders.due-working-days} working days before the due date (or on the first run after that,
 * up to the due date), and {@code report-overdue} from the day after it (up to
 * {@code loa.report-reminders.overdue-within} later). Each goes out once per unit, period and kind: the
 * {@code report_reminder} row and the event (outbox) are written in one transaction, and the primary key refuses
 * a second. The scheduled run holds a ShedLock lock, so one replica runs it at a time.
 */
@Component
@EnableConfigurationProperties(ReportReminderProperties.class)
public class ReportReminderJob {

    private static final Logger log = LoggerFactory.getLogger(ReportReminderJob.class);
    public static final String LOCK = "reporting-report-reminders";

    private final JdbcClient jdbc;
    private final OrgUnitDirectory orgUnits;
    private final Obligations obligations;
    private final PeriodCalendar calendar;
    private final EventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ReportReminderProperties properties;

    ReportReminderJob(JdbcClient jdbc, OrgUnitDirectory orgUnits, Obligations obligations, PeriodCalendar calendar,
                      EventPublisher events, TransactionTemplate tx, Clock clock, ReportReminderProperties properties) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.obligations = obligations;
        this.calendar = calendar;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${loa.report-reminders.interval:PT1H}",
            initialDelayString = "${loa.report-reminders.initial-delay:PT1M}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Report reminders failed: {}", e.toString());
        }
    }

    /** One pass for today (the injected clock, Asia/Ho_Chi_Minh); returns how many reminders were published. */
    public int runOnce() {
        LocalDate today = LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
        int sent = 0;
        // Reports due in the past year and the coming one: a year's report is due early the next year.
        for (int year = today.getYear() - 1; year <= today.getYear(); year++) {
            sent += remind(year, today);
        }
        if (sent > 0) {
            log.info("Published {} report reminders for {}", sent, today);
        }
        return sent;
    }

    private int remind(int year, LocalDate today) {
        List<OrgUnit> units = unitsWithPlans(year);
        if (units.isEmpty()) {
            return 0;
        }
        Map<String, Obligations.Duty> duties = obligations.duties(units, year);
        Map<String, String> status = statuses(units, year);
        int sent = 0;
        for (OrgUnit u : units) {
            Obligations.Duty duty = duties.get(u.code());
            if (!duty.hasPlan()) {
                continue;
            }
            for (Period p : ReportingRegime.owed(duty.everyMonths().get(), year)) {
                if (!obligations.owes(u, duty, p)) {
                    continue;
                }
                String state = status.getOrDefault(u.code() + "/" + p, "DRAFT");
                if (state.equals("SUBMITTED") || state.equals("APPROVED")) {
                    continue;
                }
                LocalDate due = calendar.dueDate(p, u.level());
                LocalDate from = calendar.minusWorkingDays(due, properties.dueWorkingDays());
                if (!today.isBefore(from) && !today.isAfter(due)) {
                    sent += publish(u, p, "DUE", due, () -> new ReportReminderEvents.ReportDue(u.code(), u.name(),
                            u.level(), u.path(), u.parentCode(), p.toString(), p.kind().name(), window(p).from(),
                            window(p).to(), due, today, state, duty.everyMonths().get(),
                            calendar.workingDaysBetween(today, due), (int) ChronoUnit.DAYS.between(today, due)));
                } else if (today.isAfter(due) && !today.isAfter(due.plusDays(properties.overdueWithin().toDays()))) {
                    sent += publish(u, p, "OVERDUE", due, () -> new ReportReminderEvents.ReportOverdue(u.code(),
                            u.name(), u.level(), u.path(), u.parentCode(), p.toString(), p.kind().name(),
                            window(p).from(), window(p).to(), due, today, state, duty.everyMonths().get(),
                            (int) ChronoUnit.DAYS.between(due, today)));
                }
            }
        }
        return sent;
    }

    private Window window(Period p) {
        return calendar.window(p);
    }

    /** Once per unit, period and kind: the row and the event in one transaction; a second insert does nothing. */
    private int publish(OrgUnit u, Period p, String kind, LocalDate due, java.util.function.Supplier<Object> event) {
        Boolean done = tx.execute(s -> {
            int claimed = jdbc.sql("""
                            insert into report_reminder (org_unit, period, kind, due_date, event_id, published_at)
                            values (:org, :p, :kind, :due, :id, :at) on conflict do nothing""")
                    .param("org", u.code()).param("p", p.toString()).param("kind", kind).param("due", due)
                    .param("id", UUID.randomUUID()).param("at", OffsetDateTime.now(clock)).update();
            if (claimed == 0) {
                return false;
            }
            UUID id = events.publish(u.code(), u.code() + "/" + p, event.get());
            jdbc.sql("update report_reminder set event_id = :id where org_unit = :org and period = :p and kind = :kind")
                    .param("id", id).param("org", u.code()).param("p", p.toString()).param("kind", kind).update();
            return true;
        });
        return Boolean.TRUE.equals(done) ? 1 : 0;
    }

    /**
     * The units that may owe reports for the year: those with an issued plan for it, and the units their history
     * counts for (a commune made by merging them inherits their duty).
     */
    private List<OrgUnit> unitsWithPlans(int year) {
        List<String> codes = jdbc.sql("""
                        with recursive s(code, depth) as (
                            select distinct org_unit, 0 from plan_copy where year = :year and version > 0
                            union
                            select o.successor_code, s.depth + 1 from s join org_unit o on o.code = s.code
                            where o.successor_code is not null and s.depth < 20)
                        select distinct code from s""")
                .param("year", year).query(String.class).list();
        return List.copyOf(orgUnits.findAll(codes).values());
    }

    private Map<String, String> statuses(List<OrgUnit> units, int year) {
        Map<String, String> out = new HashMap<>();
        jdbc.sql("select org_unit, period, status from report where org_unit = any(:orgs::text[]) and period like :y")
                .param("orgs", units.stream().map(OrgUnit::code).toArray(String[]::new)).param("y", year + "%")
                .query((rs, i) -> out.put(rs.getString("org_unit") + "/" + rs.getString("period"), rs.getString("status")))
                .list();
        return out;
    }
}
