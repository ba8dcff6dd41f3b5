package vn.loa.activity.lifecycle;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.activity.support.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The activity's row on JdbcClient: the mapping of a row to an {@link Activity} (the lists read it too) and the
 * completion's hot path (issue 17.3). A completion is the write the service takes most often; through JPA it cost
 * a load, Hibernate's dirty check and full-row update, the history insert at the commit's flush and Spring Data's
 * repository machinery: about a third of its CPU (README, "Write path"). Here it is one indexed read and one
 * statement that updates the row under the version the caller's {@code If-Match} named and appends the history
 * row, so the aggregate's rules are unchanged: the version still orders the changes (0 rows: someone changed it
 * meanwhile, 412 as Hibernate's optimistic lock answered), and the key (activity, version) of the history still
 * refuses a second writer of the same version.
 */
@Component
class ActivityRows {

    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {
    };

    /** The row after the completion and its history entry, in one round trip; the count is the history's (0 or 1). */
    private static final String COMPLETE = """
            WITH changed AS (
                UPDATE activity SET status = 'COMPLETED', version = version + 1, budget_source = :budgetSource,
                       completed_on = :completedOn, quantity = :quantity, reach = :reach,
                       reach_officials = :reachOfficials, reach_citizens = :reachCitizens,
                       reach_businesses = :reachBusinesses, cost_vnd = :costVnd, evidence = CAST(:evidence AS jsonb),
                       period = :period, completed_by = :completedBy, completed_at = :completedAt
                 WHERE id = :id AND version = :version
             RETURNING id, version)
            INSERT INTO activity_change (activity_id, version, action, changed_by, changed_at)
            SELECT id, version, 'COMPLETED', :completedBy, :completedAt FROM changed""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ActivityRows(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Activity> find(UUID id) {
        return jdbc.sql("SELECT * FROM activity WHERE id = :id").param("id", id).query((rs, row) -> activity(rs))
                .optional();
    }

    /**
     * Writes {@code a}'s completion ({@link Activity#complete} applied to the activity read at {@code readVersion})
     * with its history entry.
     *
     * @return false if the row is no longer at {@code readVersion} (nothing written)
     */
    boolean completed(Activity a, int readVersion) {
        Completion c = a.completion();
        // Typed, so that a null is bound without asking the driver for the parameter's type (a round trip)
        return jdbc.sql(COMPLETE)
                .param("id", a.id())
                .param("version", readVersion)
                .param("budgetSource", a.budgetSource() == null ? null : a.budgetSource().name(), Types.VARCHAR)
                .param("completedOn", c.completedOn(), Types.DATE)
                .param("quantity", c.quantity(), Types.NUMERIC)
                .param("reach", c.reach(), Types.BIGINT)
                .param("reachOfficials", c.reachOfficials(), Types.BIGINT)
                .param("reachCitizens", c.reachCitizens(), Types.BIGINT)
                .param("reachBusinesses", c.reachBusinesses(), Types.BIGINT)
                .param("costVnd", c.costVnd(), Types.BIGINT)
                .param("evidence", c.evidence() == null ? null : json.writeValueAsString(c.evidence()), Types.VARCHAR)
                .param("period", c.period(), Types.VARCHAR)
                .param("completedBy", c.completedBy())
                .param("completedAt", OffsetDateTime.ofInstant(c.completedAt(), ZoneOffset.UTC))
                .update() == 1;
    }

    /** A row of {@code activity} (all columns) as the aggregate; completion and cancellation only in those states. */
    Activity activity(ResultSet rs) throws SQLException {
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
        return Activity.stored(rs.getObject("id", UUID.class), rs.getObject("plan_id", UUID.class),
                rs.getString("plan_document_number"), rs.getString("org_unit"), Sql.list(rs, "org_unit_path"), planning,
                status, rs.getInt("version"), rs.getString("created_by"), instant(rs, "created_at"),
                rs.getString("started_by"), instant(rs, "started_at"), completion, cancellation);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
