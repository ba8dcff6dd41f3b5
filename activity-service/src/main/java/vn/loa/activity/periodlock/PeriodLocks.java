package vn.loa.activity.periodlock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.loa.activity.orgunit.SubtreeMoved;
import vn.loa.activity.support.CopyCache;
import vn.loa.activity.support.Sql;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.Topics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Period locks per commune, from reporting-service's quarter events. A close or a reopening older than
 * (or as old as) what we hold changes nothing, so duplicates and late arrivals are harmless.
 */
@Component
public class PeriodLocks {

    private static final Logger log = LoggerFactory.getLogger(PeriodLocks.class);

    private final JdbcClient jdbc;
    private final EventRoutes routes;
    /** {@link #windowsOf}: asked by every completion, changed when a district closes or reopens a quarter. */
    private final CopyCache<String, List<PeriodWindow>> windows;

    PeriodLocks(JdbcClient jdbc, InboundEvents inbound, @Value("${loa.copy-cache.ttl:PT0S}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.windows = new CopyCache<>(cacheTtl);
        this.routes = inbound.routes("period-lock")
                .on(QuarterClosed.class, e -> closed(e.data()))
                .on(QuarterReopened.class, e -> reopened(e.data()))
                .build();
    }

    @KafkaListener(topics = Topics.PERIOD_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        routes.dispatch(record);
    }

    /**
     * The commune's windows and lock states. Cached ({@link CopyCache}): a close or reopening applied by this instance
     * counts at once, one applied by another replica within {@code loa.copy-cache.ttl} (the copy itself lags
     * reporting-service by the event's delivery anyway; reporting keeps what slips through as "after closing").
     */
    public List<PeriodWindow> windowsOf(String orgUnit) {
        return windows.get(orgUnit, ou -> List.copyOf(jdbc.sql("SELECT * FROM period_lock WHERE org_unit = :ou ORDER BY from_date")
                .param("ou", ou).query(PeriodLocks::map).list()));
    }

    void closed(QuarterClosed e) {
        windows.changing();
        int changed = 0;
        for (CommuneWindow c : e.communes()) {
            changed += jdbc.sql("""
                            INSERT INTO period_lock (org_unit, period, district, org_unit_path, from_date, to_date, due_date,
                                status, closed_by, closed_at)
                            VALUES (:ou, :period, :district, :path, :from, :to, :due, 'CLOSED', :by, :at)
                            ON CONFLICT (org_unit, period) DO UPDATE SET status = 'CLOSED',
                                district = EXCLUDED.district, org_unit_path = EXCLUDED.org_unit_path,
                                from_date = EXCLUDED.from_date, to_date = EXCLUDED.to_date, due_date = EXCLUDED.due_date,
                                closed_by = EXCLUDED.closed_by, closed_at = EXCLUDED.closed_at,
                                reopened_by = NULL, reopened_at = NULL, reopen_reason = NULL, reopened_until = NULL
                            WHERE (period_lock.closed_at IS NULL OR period_lock.closed_at < EXCLUDED.closed_at)
                              AND (period_lock.reopened_at IS NULL OR period_lock.reopened_at < EXCLUDED.closed_at)
                            """)
                    .param("ou", c.orgUnit()).param("period", e.period()).param("district", e.district())
                    .param("path", Sql.array(c.orgUnitPath())).param("from", c.from()).param("to", c.to())
                    .param("due", c.dueDate()).param("by", e.closedBy()).param("at", e.closedAt())
                    .update();
        }
        log.info("quarter-closed {} {}: {} of {} communes changed", e.district(), e.period(), changed, e.communes().size());
    }

    void reopened(QuarterReopened e) {
        windows.changing();
        int changed = 0;
        for (CommuneWindow c : e.communes()) {
            changed += jdbc.sql("""
                            INSERT INTO period_lock (org_unit, period, district, org_unit_path, from_date, to_date, due_date,
                                status, reopened_by, reopened_at, reopen_reason, reopened_until)
                            VALUES (:ou, :period, :district, :path, :from, :to, :due, 'REOPENED', :by, :at, :reason, :until)
                            ON CONFLICT (org_unit, period) DO UPDATE SET status = 'REOPENED',
                                from_date = EXCLUDED.from_date, to_date = EXCLUDED.to_date,
                                reopened_by = EXCLUDED.reopened_by, reopened_at = EXCLUDED.reopened_at,
                                reopen_reason = EXCLUDED.reopen_reason, reopened_until = EXCLUDED.reopened_until
                            WHERE (period_lock.reopened_at IS NULL OR period_lock.reopened_at < EXCLUDED.reopened_at)
                              AND (period_lock.closed_at IS NULL OR period_lock.closed_at < EXCLUDED.reopened_at)
                            """)
                    .param("ou", c.orgUnit()).param("period", e.period()).param("district", e.district())
                    .param("path", Sql.array(c.orgUnitPath())).param("from", c.from()).param("to", c.to())
                    .param("due", c.dueDate()).param("by", e.reopenedBy()).param("at", e.reopenedAt())
                    .param("reason", e.reason()).param("until", e.until())
                    .update();
        }
        log.info("quarter-reopened {} {} until {}: {} communes changed", e.district(), e.period(), e.until(), changed);
    }

    /**
     * The copied org-unit paths follow a move (EVENTS.md, org-unit-moved). The windows themselves stay: what was
     * closed before the move stays closed.
     */
    @EventListener
    void on(SubtreeMoved moved) {
        windows.changing();
        jdbc.sql("""
                        UPDATE period_lock
                        SET org_unit_path = CAST(:path AS text[]) || org_unit_path[array_position(org_unit_path, :code) + 1:]
                        WHERE org_unit_path @> ARRAY[CAST(:code AS text)]""")
                .param("code", moved.code()).param("path", Sql.array(moved.newPath()))
                .update();
    }

    private static PeriodWindow map(ResultSet rs, int row) throws SQLException {
        return new PeriodWindow(rs.getString("org_unit"), rs.getString("period"), rs.getString("district"),
                rs.getObject("from_date", java.time.LocalDate.class), rs.getObject("to_date", java.time.LocalDate.class),
                rs.getString("closed_by"), instant(rs, "closed_at"), rs.getString("reopened_by"),
                instant(rs, "reopened_at"), rs.getString("reopen_reason"), instant(rs, "reopened_until"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
