package vn.loa.activity.lifecycle;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.activity.support.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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

    private final JdbcClient jdbc;
    private final ActivityRows rows;

    ActivityQueries(JdbcClient jdbc, ActivityRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
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
        return ActivityView.of(rows.activity(rs), today);
    }
}
