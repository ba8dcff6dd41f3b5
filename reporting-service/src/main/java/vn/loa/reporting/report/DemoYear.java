package vn.loa.reporting.report;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.PeriodService;

import java.time.Clock;
import java.time.Duration;

/**
 * Demo data of the local stack ({@code loa.demo-data.enabled=true}): Đức Thọ's year 2022 through the workflow
 * ({@link DemoYearScript}). The figures come from the other services asynchronously — the org tree and plans from
 * plan-service, the activities from activity-service's demo, which waits for the plans — and a report's figures
 * are frozen when it is submitted, so the script waits until they have arrived: the tree, an issued 2022 plan for
 * the district and each of its communes, Liên Minh's activities, and then no activity or plan event for
 * {@code loa.demo-data.quiet} (90 s: activity-service's overdue scan, every minute, has flagged what is late).
 * Polled every {@code loa.demo-data.poll} (10 s) by one replica at a time (ShedLock); each step runs once
 * ({@code demo_step}), so restarts and replicas never repeat one, and once done the poll costs one query.
 */
@Component
@ConditionalOnProperty(name = "loa.demo-data.enabled", havingValue = "true")
class DemoYear {

    private static final Logger log = LoggerFactory.getLogger(DemoYear.class);

    private final DemoYearScript script;
    private final JdbcClient jdbc;
    private final Duration quiet;
    private final DemoYearScript.Cast cast = DemoYearScript.Cast.DUC_THO;

    DemoYear(ReportService reports, PeriodService periods, PeriodCalendar calendar, JdbcClient jdbc,
             TransactionTemplate tx, Clock clock, @Value("${loa.demo-data.quiet:PT90S}") Duration quiet) {
        this.script = new DemoYearScript(reports, periods, calendar, jdbc, tx, clock, cast);
        this.jdbc = jdbc;
        this.quiet = quiet;
    }

    @Scheduled(fixedDelayString = "${loa.demo-data.poll:PT10S}", initialDelayString = "${loa.demo-data.initial-delay:PT20S}")
    @SchedulerLock(name = "reporting-demo-year", lockAtMostFor = "PT10M")
    void poll() {
        try {
            if (!script.done() && figuresArrived()) {
                script.run();
            }
        } catch (RuntimeException e) {
            log.warn("Demo year not made yet: {}", e.getMessage());
        }
    }

    /** The tree, the plans and the activities of the demo year are here, and nothing has moved for a while. */
    boolean figuresArrived() {
        return jdbc.sql("""
                        select (select count(*) from org_unit where code = any(:units::text[])) = cardinality(:units::text[])
                           and (select count(distinct org_unit) from plan_copy
                                where org_unit = any(:units::text[]) and year = 2022 and version > 0)
                               = cardinality(:units::text[])
                           and exists (select 1 from activity_state where org_unit = :lm and status = 'COMPLETED')
                           and coalesce((select max(updated_at) from activity_state), '-infinity') < now() - :quiet::interval
                           and coalesce((select max(event_time) from plan_copy), '-infinity') < now() - :quiet::interval""")
                .param("units", units()).param("lm", cast.lienMinh()).param("quiet", quiet.toSeconds() + " seconds")
                .query(Boolean.class).single();
    }

    private String[] units() {
        java.util.List<String> all = new java.util.ArrayList<>(cast.communes());
        all.add(cast.district());
        return all.toArray(String[]::new);
    }
}
