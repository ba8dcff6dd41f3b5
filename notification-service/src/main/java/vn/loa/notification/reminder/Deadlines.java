package vn.loa.notification.reminder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.loa.notification.orgunit.OrgUnits;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Activity and report deadlines, copied from events, and the reminders already sent. */
@Repository
public class Deadlines {

    public record ActivityDeadline(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                                   List<String> orgUnitPath, String title, String unit,
                                   List<String> coordinatingUnits, LocalDate dueDate) {
    }

    public record ReportDeadline(String orgUnit, String period, String district, List<String> orgUnitPath,
                                 LocalDate dueDate, String status) {
    }

    private final JdbcClient jdbc;

    Deadlines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void activityScheduled(ActivityDeadline a) {
        jdbc.sql("""
                        insert into activity_deadline (activity_id, plan_id, plan_document_number, org_unit, org_unit_path,
                                                       title, unit, coordinating_units, due_date, status)
                        values (:id, :planId, :doc, :orgUnit, :path, :title, :unit, :coordinating, :due, 'OPEN')
                        on conflict (activity_id) do update set plan_document_number = excluded.plan_document_number,
                            title = excluded.title, unit = excluded.unit, coordinating_units = excluded.coordinating_units,
                            due_date = excluded.due_date
                        """)
                .param("id", a.activityId()).param("planId", a.planId()).param("doc", a.planDocumentNumber())
                .param("orgUnit", a.orgUnit()).param("path", a.orgUnitPath().toArray(String[]::new))
                .param("title", a.title()).param("unit", a.unit())
                .param("coordinating", a.coordinatingUnits().toArray(String[]::new)).param("due", a.dueDate())
                .update();
    }

    /** COMPLETED, CANCELLED or OVERDUE: no more "due soon" reminders. */
    public void activityEnded(UUID activityId, String status) {
        jdbc.sql("update activity_deadline set status = :status where activity_id = :id")
                .param("status", status).param("id", activityId).update();
    }

    public void reportDue(String orgUnit, String period, String district, List<String> path, LocalDate dueDate) {
        jdbc.sql("""
                        insert into report_deadline (org_unit, period, district, org_unit_path, due_date, status)
                        values (:orgUnit, :period, :district, :path, :due, 'OPEN')
                        on conflict (org_unit, period) do update set due_date = excluded.due_date,
                            district = coalesce(excluded.district, report_deadline.district)
                        """)
                .param("orgUnit", orgUnit).param("period", period).param("district", district)
                .param("path", path.toArray(String[]::new)).param("due", dueDate).update();
    }

    public void reportStatus(String orgUnit, String period, String district, List<String> path, LocalDate dueDate,
                             String status) {
        jdbc.sql("""
                        insert into report_deadline (org_unit, period, district, org_unit_path, due_date, status)
                        values (:orgUnit, :period, :district, :path, :due, :status)
                        on conflict (org_unit, period) do update set status = excluded.status
                        """)
                .param("orgUnit", orgUnit).param("period", period).param("district", district)
                .param("path", path.toArray(String[]::new)).param("due", dueDate).param("status", status).update();
    }

    List<ActivityDeadline> openActivitiesDueBy(LocalDate until) {
        return jdbc.sql("select * from activity_deadline where status = 'OPEN' and due_date <= :until order by due_date")
                .param("until", until)
                .query((rs, i) -> new ActivityDeadline(rs.getObject("activity_id", UUID.class),
                        rs.getObject("plan_id", UUID.class), rs.getString("plan_document_number"),
                        rs.getString("org_unit"), OrgUnits.strings(rs.getArray("org_unit_path")), rs.getString("title"),
                        rs.getString("unit"), OrgUnits.strings(rs.getArray("coordinating_units")),
                        rs.getObject("due_date", LocalDate.class)))
                .list();
    }

    /** Reports not yet submitted (never, or returned) whose deadline is near or past. */
    List<ReportDeadline> unsubmittedReportsDueBy(LocalDate until) {
        return jdbc.sql("""
                        select * from report_deadline where status in ('OPEN', 'RETURNED') and due_date <= :until
                        order by due_date
                        """)
                .param("until", until)
                .query((rs, i) -> new ReportDeadline(rs.getString("org_unit"), rs.getString("period"),
                        rs.getString("district"), OrgUnits.strings(rs.getArray("org_unit_path")),
                        rs.getObject("due_date", LocalDate.class), rs.getString("status")))
                .list();
    }

    /** @return true the first time only: the caller sends the reminder in the same transaction */
    boolean markSent(String reminderKey) {
        return jdbc.sql("insert into reminder_sent (reminder_key) values (:key) on conflict do nothing")
                .param("key", reminderKey).update() == 1;
    }
}
