package vn.loa.activity.lifecycle;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.activity.support.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The activity lists: set-based reads on JdbcClient, straight to {@link ActivityView}s. The scope filter is
 * {@code org_unit = ANY(<the units the caller's scope covers>)} (from the tree copy), the order is
 * {@code (due_date, id)}, and a page after a cursor starts with {@code (due_date, id) > cursor}: each is served by
 * an index (V4), so a page costs the same on page 1 and page 1,000.
 */
@Component
class ActivityQueries {

    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ActivityQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Filter(List<String> units, UUID planId, ActivityStatus status, String unit, Boolean overdue, LocalDate today) {
    }

    /** A position in the list: the last (due date, id) of the page before. Written {@code 2022-06-30_<uuid>}. */
    record Cursor(LocalDate dueDate, UUID id) {

        static Cursor parse(String text) {
            int split = text.indexOf('_');
            if (split < 0) {
                throw new IllegalArgumentException("not a cursor: " + text);
            }
            return new Cursor(LocalDate.parse(text.substring(0, split)), UUID.fromString(text.substring(split + 1)));
        }

        @Override
        public String toString() {
            return dueDate + "_" + id;
        }
    }

    /** Up to {@code limit} activities after {@code after} (or from {@code offset}), in (due date, id) order. */
    List<ActivityView> list(Filter f, Cursor after, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(where(f, params));
        if (after != null) {
            where.append(" AND (due_date, id) > (:afterDue, :afterId)");
            params.put("afterDue", after.dueDate());
            params.put("afterId", after.id());
        }
        return jdbc.sql("SELECT * FROM activity" + where + " ORDER BY due_date, id LIMIT :limit OFFSET :offset")
                .params(params).param("limit", limit).param("offset", offset)
                .query((rs, row) -> view(rs, f.today())).list();
    }

    long count(Filter f) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql("SELECT count(*) FROM activity" + where(f, params)).params(params).query(Long.class).single();
    }

    private static String where(Filter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        clauses.add("org_unit = ANY(:units)");
        params.put("units", Sql.array(f.units()));
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
        return " WHERE " + String.join(" AND ", clauses);
    }

    private ActivityView view(ResultSet rs, LocalDate today) throws SQLException {
        ActivityStatus status = ActivityStatus.valueOf(rs.getString("status"));
        Completion completion = null;
        if (status == ActivityStatus.COMPLETED) {
            String evidence = rs.getString("evidence");
            completion = new Completion(rs.getObject("completed_on", LocalDate.class), rs.getBigDecimal("quantity"),
                    (Long) rs.getObject("reach"), (Long) rs.getObject("reach_officials"),
                    (Long) rs.getObject("reach_citizens"), (Long) rs.getObject("reach_businesses"),
                    (Long) rs.getObject("cost_vnd"), evidence == null ? List.of() : json.readValue(evidence, EVIDENCE),
                    rs.getString("period"), rs.getString("completed_by"), instant(rs, "completed_at"));
        }
        Cancellation cancellation = status == ActivityStatus.CANCELLED
                ? new Cancellation(rs.getString("cancel_reason"), rs.getString("cancelled_by"), instant(rs, "cancelled_at"))
                : null;
        String source = rs.getString("budget_source");
        Planning planning = new Planning(rs.getString("title"), rs.getString("channel"), Sql.list(rs, "topics"),
                Sql.list(rs, "target_codes"), rs.getString("unit"), Sql.list(rs, "coordinating_units"),
                rs.getObject("due_date", LocalDate.class), rs.getBigDecimal("planned_quantity"),
                (Long) rs.getObject("planned_cost_vnd"), source == null ? null : BudgetSource.valueOf(source));
        return ActivityView.of(rs.getObject("id", UUID.class), rs.getObject("plan_id", UUID.class),
                rs.getString("plan_document_number"), rs.getString("org_unit"), planning, status, rs.getInt("version"),
                rs.getString("created_by"), instant(rs, "created_at"), rs.getString("started_by"),
                instant(rs, "started_at"), completion, cancellation, today);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
