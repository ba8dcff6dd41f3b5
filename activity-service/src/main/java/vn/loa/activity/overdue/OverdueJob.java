package vn.loa.activity.overdue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.activity.lifecycle.Overdue;
import vn.loa.activity.support.Sql;
import vn.loa.messaging.EventPublisher;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Announces each activity once when it becomes overdue. Rows are claimed with FOR UPDATE SKIP LOCKED and
 * marked in the same transaction as their outbox rows, so several instances never announce one twice
 * and a crash between claim and publication loses nothing.
 */
@Component
class OverdueJob {

    private static final Logger log = LoggerFactory.getLogger(OverdueJob.class);

    private final JdbcClient jdbc;
    private final EventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int batchSize;

    OverdueJob(JdbcClient jdbc, EventPublisher events, TransactionTemplate tx, Clock clock,
               @org.springframework.beans.factory.annotation.Value("${loa.overdue.batch-size:100}") int batchSize) {
        this.jdbc = jdbc;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** @return how many activities this run announced */
    int run() {
        int total = 0;
        int claimed;
        do {
            Integer n = tx.execute(status -> claimBatch());
            claimed = n == null ? 0 : n;
            total += claimed;
        } while (claimed == batchSize);
        if (total > 0) {
            log.info("announced {} overdue activities", total);
        }
        return total;
    }

    private int claimBatch() {
        LocalDate today = Overdue.today(clock);
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(Overdue.ZONE));
        List<ActivityOverdue> claimed = jdbc.sql("""
                        UPDATE activity SET overdue_notified_at = :now
                        WHERE id IN (SELECT id FROM activity
                                     WHERE status IN ('PLANNED', 'IN_PROGRESS') AND overdue_notified_at IS NULL
                                       AND due_date < :today
                                     ORDER BY due_date, id
                                     LIMIT :batch
                                     FOR UPDATE SKIP LOCKED)
                        RETURNING id, plan_id, plan_document_number, org_unit, org_unit_path, title, channel, unit,
                                  coordinating_units, due_date
                        """)
                .param("now", now).param("today", today).param("batch", batchSize)
                .query((rs, row) -> new ActivityOverdue(rs.getObject("id", UUID.class), rs.getObject("plan_id", UUID.class),
                        rs.getString("plan_document_number"), rs.getString("org_unit"), Sql.list(rs, "org_unit_path"),
                        rs.getString("title"), rs.getString("channel"), rs.getString("unit"),
                        Sql.list(rs, "coordinating_units"), rs.getObject("due_date", LocalDate.class), now))
                .list();
        for (ActivityOverdue e : claimed) {
            events.publish(e.planId().toString(), e.activityId().toString(), e);
        }
        return claimed.size();
    }
}
