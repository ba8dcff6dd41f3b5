package vn.loa.activity.plancopy;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.activity.orgunit.SubtreeMoved;
import vn.loa.activity.support.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The local copy of plans. Versions only move forward: an issue or amendment older than (or as old as)
 * what we hold is ignored, so a late event cannot roll a plan back.
 */
@Component
public class PlanCopies {

    private static final TypeReference<List<PlanTarget>> TARGETS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    PlanCopies(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public Optional<PlanCopy> find(UUID planId) {
        return jdbc.sql("SELECT * FROM plan_copy WHERE plan_id = :id").param("id", planId)
                .query(this::map).optional();
    }

    /** Issued plans of a year, for the demo seeder. */
    public List<PlanCopy> issued(int year) {
        return jdbc.sql("SELECT * FROM plan_copy WHERE status = 'ISSUED' AND year = :year ORDER BY org_unit")
                .param("year", year).query(this::map).list();
    }

    /** @return true if the copy changed */
    boolean applyIssuedOrAmended(UUID planId, int version, String orgUnit, String orgUnitName, List<String> path,
                                 int year, String documentNumber, String title, List<PlanTarget> targets,
                                 List<PlanTopic> topics, List<String> channels, List<PlanUnit> units) {
        List<PlanTarget> safeTargets = targets == null ? List.of() : targets;
        int rows = jdbc.sql("""
                        INSERT INTO plan_copy (plan_id, version, status, org_unit, org_unit_name, org_unit_path, year,
                            document_number, title, target_codes, unit_codes, topic_codes, channels, targets, updated_at)
                        VALUES (:id, :version, 'ISSUED', :orgUnit, :orgUnitName, :path, :year, :doc, :title,
                            :targetCodes, :unitCodes, :topicCodes, :channels, CAST(:targets AS jsonb), :now)
                        ON CONFLICT (plan_id) DO UPDATE SET version = EXCLUDED.version, status = 'ISSUED',
                            org_unit = EXCLUDED.org_unit, org_unit_name = EXCLUDED.org_unit_name,
                            org_unit_path = EXCLUDED.org_unit_path, year = EXCLUDED.year,
                            document_number = EXCLUDED.document_number, title = EXCLUDED.title,
                            target_codes = EXCLUDED.target_codes, unit_codes = EXCLUDED.unit_codes,
                            topic_codes = EXCLUDED.topic_codes, channels = EXCLUDED.channels,
                            targets = EXCLUDED.targets, updated_at = EXCLUDED.updated_at
                        WHERE plan_copy.version < EXCLUDED.version
                        """)
                .param("id", planId).param("version", version).param("orgUnit", orgUnit)
                .param("orgUnitName", orgUnitName).param("path", Sql.array(path)).param("year", year)
                .param("doc", documentNumber).param("title", title)
                .param("targetCodes", Sql.array(safeTargets.stream().map(PlanTarget::code).toList()))
                .param("unitCodes", Sql.array(units == null ? List.of() : units.stream().map(PlanUnit::code).toList()))
                .param("topicCodes", Sql.array(topics == null ? List.of() : topics.stream().map(PlanTopic::code).toList()))
                .param("channels", Sql.array(channels))
                .param("targets", json.writeValueAsString(safeTargets))
                .param("now", OffsetDateTime.now(clock))
                .update();
        return rows > 0;
    }

    /** A close applies to the version it names and any older one; a stub is kept if the issue has not arrived yet. */
    boolean applyClosed(PlanClosed e) {
        int rows = jdbc.sql("""
                        INSERT INTO plan_copy (plan_id, version, status, org_unit, org_unit_path, year, document_number, updated_at)
                        VALUES (:id, :version, 'CLOSED', :orgUnit, :path, :year, :doc, :now)
                        ON CONFLICT (plan_id) DO UPDATE SET status = 'CLOSED', version = EXCLUDED.version,
                            updated_at = EXCLUDED.updated_at
                        WHERE plan_copy.version <= EXCLUDED.version
                        """)
                .param("id", e.planId()).param("version", e.version()).param("orgUnit", e.orgUnit())
                .param("path", Sql.array(e.orgUnitPath())).param("year", e.year()).param("doc", e.documentNumber())
                .param("now", OffsetDateTime.now(clock))
                .update();
        return rows > 0;
    }

    /** The copied org-unit paths follow a move (EVENTS.md, org-unit-moved); scope reads the tree, not these. */
    @EventListener
    void on(SubtreeMoved moved) {
        jdbc.sql("""
                        UPDATE plan_copy
                        SET org_unit_path = CAST(:path AS text[]) || org_unit_path[array_position(org_unit_path, :code) + 1:]
                        WHERE org_unit_path @> ARRAY[CAST(:code AS text)]""")
                .param("code", moved.code()).param("path", Sql.array(moved.newPath()))
                .update();
    }

    private PlanCopy map(ResultSet rs, int row) throws SQLException {
        return new PlanCopy(
                rs.getObject("plan_id", UUID.class),
                rs.getInt("version"),
                PlanCopy.Status.valueOf(rs.getString("status")),
                rs.getString("org_unit"),
                rs.getString("org_unit_name"),
                Sql.list(rs, "org_unit_path"),
                (Integer) rs.getObject("year"),
                rs.getString("document_number"),
                rs.getString("title"),
                set(Sql.list(rs, "target_codes")),
                set(Sql.list(rs, "unit_codes")),
                set(Sql.list(rs, "topic_codes")),
                set(Sql.list(rs, "channels")),
                json.readValue(rs.getString("targets"), TARGETS));
    }

    private static LinkedHashSet<String> set(Collection<String> values) {
        return new LinkedHashSet<>(values);
    }
}
