package vn.loa.activity.activity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.activity.support.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Repository
class ActivityRepository {

    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ActivityRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Filter(String scope, UUID planId, ActivityStatus status, String unit, Boolean overdue, LocalDate today) {
    }

    void insert(Activity a) {
        jdbc.sql("""
                        INSERT INTO activity (id, plan_id, plan_document_number, org_unit, org_unit_path, title, channel, topics,
                            target_codes, unit, coordinating_units, due_date, planned_quantity, status, version, created_by, created_at)
                        VALUES (:id, :planId, :doc, :orgUnit, :path, :title, :channel, :topics, :targets, :unit, :coord,
                            :due, :planned, :status, :version, :createdBy, :createdAt)
                        """)
                .param("id", a.id()).param("planId", a.planId()).param("doc", a.planDocumentNumber())
                .param("orgUnit", a.orgUnit()).param("path", Sql.array(a.orgUnitPath())).param("title", a.title())
                .param("channel", a.channel()).param("topics", Sql.array(a.topics()))
                .param("targets", Sql.array(a.targetCodes())).param("unit", a.unit())
                .param("coord", Sql.array(a.coordinatingUnits())).param("due", a.dueDate())
                .param("planned", a.plannedQuantity()).param("status", a.status().name())
                .param("version", a.version()).param("createdBy", a.createdBy()).param("createdAt", odt(a.createdAt()))
                .update();
    }

    /** Writes the lifecycle columns; the version guard makes a lost update impossible even without the row lock. */
    void update(Activity a) {
        Activity.Completion c = a.completion();
        Activity.Cancellation x = a.cancellation();
        int rows = jdbc.sql("""
                        UPDATE activity SET status = :status, version = :version, started_by = :startedBy, started_at = :startedAt,
                            completed_on = :completedOn, quantity = :quantity, reach = :reach, cost_vnd = :cost,
                            evidence = CAST(:evidence AS jsonb), period = :period, completed_by = :completedBy,
                            completed_at = :completedAt, cancel_reason = :reason, cancelled_by = :cancelledBy,
                            cancelled_at = :cancelledAt
                        WHERE id = :id AND version = :previous
                        """)
                .param("status", a.status().name()).param("version", a.version())
                .param("startedBy", a.startedBy()).param("startedAt", odt(a.startedAt()))
                .param("completedOn", c == null ? null : c.completedOn())
                .param("quantity", c == null ? null : c.quantity())
                .param("reach", c == null ? null : c.reach())
                .param("cost", c == null ? null : c.costVnd())
                .param("evidence", c == null ? null : json.writeValueAsString(c.evidence()))
                .param("period", c == null ? null : c.period())
                .param("completedBy", c == null ? null : c.completedBy())
                .param("completedAt", c == null ? null : odt(c.completedAt()))
                .param("reason", x == null ? null : x.reason())
                .param("cancelledBy", x == null ? null : x.cancelledBy())
                .param("cancelledAt", x == null ? null : odt(x.cancelledAt()))
                .param("id", a.id()).param("previous", a.version() - 1)
                .update();
        if (rows != 1) {
            throw new IllegalStateException("Activity " + a.id() + " changed concurrently");
        }
    }

    Optional<Activity> find(UUID id) {
        return jdbc.sql("SELECT * FROM activity WHERE id = :id").param("id", id).query(this::map).optional();
    }

    Optional<Activity> lock(UUID id) {
        return jdbc.sql("SELECT * FROM activity WHERE id = :id FOR UPDATE").param("id", id).query(this::map).optional();
    }

    List<Activity> list(Filter f, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(f, params);
        return jdbc.sql("SELECT * FROM activity" + where + " ORDER BY due_date, created_at, id LIMIT :limit OFFSET :offset")
                .params(params).param("limit", size).param("offset", (long) page * size)
                .query(this::map).list();
    }

    long count(Filter f) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql("SELECT count(*) FROM activity" + where(f, params)).params(params).query(Long.class).single();
    }

    private static String where(Filter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.scope() != null) {
            clauses.add(":scope = ANY(org_unit_path)");
            params.put("scope", f.scope());
        }
        if (f.planId() != null) {
            clauses.add("plan_id = :planId");
            params.put("planId", f.planId());
        }
        if (f.status() != null) {
            clauses.add("status = :status");
            params.put("status", f.status().name());
        }
        if (f.unit() != null) {
            clauses.add("unit = :unit");
            params.put("unit", f.unit());
        }
        if (f.overdue() != null) {
            String overdue = "(status IN ('PLANNED', 'IN_PROGRESS') AND due_date < :today)";
            clauses.add(f.overdue() ? overdue : "NOT " + overdue);
            params.put("today", f.today());
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    Activity map(ResultSet rs, int row) throws SQLException {
        ActivityStatus status = ActivityStatus.valueOf(rs.getString("status"));
        Activity.Completion completion = null;
        if (status == ActivityStatus.COMPLETED) {
            String evidence = rs.getString("evidence");
            completion = new Activity.Completion(rs.getObject("completed_on", LocalDate.class),
                    rs.getBigDecimal("quantity"), (Long) rs.getObject("reach"), (Long) rs.getObject("cost_vnd"),
                    evidence == null ? List.of() : json.readValue(evidence, EVIDENCE), rs.getString("period"),
                    rs.getString("completed_by"), instant(rs, "completed_at"));
        }
        Activity.Cancellation cancellation = status == ActivityStatus.CANCELLED
                ? new Activity.Cancellation(rs.getString("cancel_reason"), rs.getString("cancelled_by"), instant(rs, "cancelled_at"))
                : null;
        return new Activity(rs.getObject("id", UUID.class), rs.getObject("plan_id", UUID.class),
                rs.getString("plan_document_number"), rs.getString("org_unit"), Sql.list(rs, "org_unit_path"),
                rs.getString("title"), rs.getString("channel"), Sql.list(rs, "topics"), Sql.list(rs, "target_codes"),
                rs.getString("unit"), Sql.list(rs, "coordinating_units"), rs.getObject("due_date", LocalDate.class),
                rs.getBigDecimal("planned_quantity"), status, rs.getInt("version"), rs.getString("created_by"),
                instant(rs, "created_at"), rs.getString("started_by"), instant(rs, "started_at"), completion,
                cancellation, instant(rs, "overdue_notified_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
