package vn.loa.reporting.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.messaging.EventEnvelope;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static vn.loa.reporting.projection.PlanProjection.array;

/**
 * One row per activity with its latest state. Every handler is an upsert that is idempotent and
 * commutative: a terminal status (COMPLETED, CANCELLED) is set by the latest terminal event by
 * event time and is never overridden by activity-scheduled; activity-overdue only raises a flag.
 * So a redelivered, reordered or replayed event cannot change a number twice, and a completion
 * that arrives before its scheduling still counts.
 */
@Component
class ActivityProjection {

    private static final String UPSERT = """
            insert into activity_state (activity_id, plan_id, org_unit, org_unit_path, title, channel, target_codes,
                unit, coordinating_units, due_date, planned_quantity, status, status_time, completed_on, quantity,
                reach, cost_vnd, overdue, scheduled_at, updated_at)
            values (:id, :plan, :org, :path::text[], :title, :channel, :targets::text[], :unit, :coordinating::text[],
                :due, :plannedQuantity, :status, :statusTime, :completedOn, :quantity, :reach, :cost, :overdue,
                :scheduledAt, now())
            on conflict (activity_id) do update set
            """;

    private final JdbcClient jdbc;

    ActivityProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void onScheduled(EventEnvelope<ActivityScheduled> event) {
        ActivityScheduled e = event.data();
        row(UPSERT + """
                    planned_quantity = excluded.planned_quantity, scheduled_at = excluded.scheduled_at,
                    target_codes = excluded.target_codes, coordinating_units = excluded.coordinating_units,
                    due_date = excluded.due_date, updated_at = now()""",
                e.activityId(), e.planId(), e.orgUnit(), e.orgUnitPath(), e.title(), e.channel(), e.targetCodes(),
                e.unit(), e.coordinatingUnits(), e.dueDate())
                .param("plannedQuantity", e.plannedQuantity())
                .param("status", "PLANNED")
                .param("statusTime", null)
                .param("completedOn", null)
                .param("quantity", null)
                .param("reach", null)
                .param("cost", null)
                .param("overdue", false)
                .param("scheduledAt", e.scheduledAt() != null ? e.scheduledAt() : event.time())
                .update();
    }

    void onCompleted(EventEnvelope<ActivityCompleted> event) {
        ActivityCompleted e = event.data();
        row(UPSERT + """
                    status = excluded.status, status_time = excluded.status_time, completed_on = excluded.completed_on,
                    quantity = excluded.quantity, reach = excluded.reach, cost_vnd = excluded.cost_vnd,
                    target_codes = excluded.target_codes, coordinating_units = excluded.coordinating_units,
                    due_date = excluded.due_date, updated_at = now()
                where activity_state.status_time is null or activity_state.status_time <= excluded.status_time""",
                e.activityId(), e.planId(), e.orgUnit(), e.orgUnitPath(), e.title(), e.channel(), e.targetCodes(),
                e.unit(), e.coordinatingUnits(), e.dueDate())
                .param("plannedQuantity", null)
                .param("status", "COMPLETED")
                .param("statusTime", terminalTime(e.completedAt(), event))
                .param("completedOn", e.completedOn())
                .param("quantity", e.quantity() == null ? BigDecimal.ZERO : e.quantity())
                .param("reach", e.reach())
                .param("cost", e.costVnd())
                .param("overdue", false)
                .param("scheduledAt", null)
                .update();
    }

    void onCancelled(EventEnvelope<ActivityCancelled> event) {
        ActivityCancelled e = event.data();
        row(UPSERT + """
                    status = excluded.status, status_time = excluded.status_time, updated_at = now()
                where activity_state.status_time is null or activity_state.status_time <= excluded.status_time""",
                e.activityId(), e.planId(), e.orgUnit(), e.orgUnitPath(), e.title(), e.channel(), e.targetCodes(),
                e.unit(), e.coordinatingUnits(), e.dueDate())
                .param("plannedQuantity", null)
                .param("status", "CANCELLED")
                .param("statusTime", terminalTime(e.cancelledAt(), event))
                .param("completedOn", null)
                .param("quantity", null)
                .param("reach", null)
                .param("cost", null)
                .param("overdue", false)
                .param("scheduledAt", null)
                .update();
    }

    void onOverdue(EventEnvelope<ActivityOverdue> event) {
        ActivityOverdue e = event.data();
        row(UPSERT + "overdue = true, updated_at = now()",
                e.activityId(), e.planId(), e.orgUnit(), e.orgUnitPath(), e.title(), e.channel(), null,
                e.unit(), e.coordinatingUnits(), e.dueDate())
                .param("plannedQuantity", null)
                .param("status", "PLANNED")
                .param("statusTime", null)
                .param("completedOn", null)
                .param("quantity", null)
                .param("reach", null)
                .param("cost", null)
                .param("overdue", true)
                .param("scheduledAt", null)
                .update();
    }

    private static OffsetDateTime terminalTime(OffsetDateTime at, EventEnvelope<?> event) {
        return at != null ? at : event.time();
    }

    private JdbcClient.StatementSpec row(String sql, UUID id, UUID plan, String org, List<String> path, String title,
                                         String channel, List<String> targets, String unit, List<String> coordinating,
                                         LocalDate due) {
        return jdbc.sql(sql)
                .param("id", id)
                .param("plan", plan)
                .param("org", org)
                .param("path", array(path))
                .param("title", title)
                .param("channel", channel)
                .param("targets", array(targets))
                .param("unit", unit)
                .param("coordinating", array(coordinating))
                .param("due", due);
    }
}
