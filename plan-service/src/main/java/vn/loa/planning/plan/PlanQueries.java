package vn.loa.planning.plan;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The read side of plans, on JdbcClient: a plan as the API shows it is one row joined with its org
 * unit's current name, level and path and with the number of the plan it implements — one statement for
 * a plan or a page of plans, where the aggregates would take one load per plan, org unit and parent.
 * Scope is evaluated in the same statement against the current tree (and successors), never against a
 * copied path.
 */
@Repository
class PlanQueries {

    private static final String VIEW = """
            select p.*, o.name as org_name, o.level_code as org_level, o.path as org_path, o.issuer_name as org_issuer,
                   o.parent_body_name as org_parent_body, o.place_name as org_place, ip.document_number as implements_number
            from plan p
            join org_unit o on o.code = p.org_unit_code
            left join plan ip on ip.id = p.implements_plan_id
            """;

    /** The org units a caller's unit covers: its subtree, and the units closed into one of them (recursively). */
    private static final String COVERED = """
            with recursive covered(code) as (
                select code from org_unit where path @> array[cast(:scope as text)]
                union
                select o.code from org_unit o join covered c on o.successor_code = c.code
            )
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PlanQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<PlanView> view(UUID id) {
        return jdbc.sql(VIEW + " where p.id = :id").param("id", id).query((rs, i) -> map(rs)).optional();
    }

    /** A filter of {@code GET /api/plans}; {@code scope} null means every org unit (operators). */
    record Filter(String orgUnit, Integer year, PlanStatus status, String scope) {
    }

    List<PlanView> list(Filter f, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = (f.scope() == null ? "" : COVERED) + VIEW + where(f, params, "p.")
                + " order by p.year desc, p.org_unit_code, p.created_at limit :limit offset :offset";
        params.put("limit", size);
        params.put("offset", (long) page * size);
        return jdbc.sql(sql).params(params).query((rs, i) -> map(rs)).list();
    }

    long count(Filter f) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = (f.scope() == null ? "" : COVERED) + "select count(*) from plan p" + where(f, params, "p.");
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static String where(Filter f, Map<String, Object> params, String p) {
        List<String> clauses = new ArrayList<>();
        if (f.scope() != null) {
            clauses.add(p + "org_unit_code in (select code from covered)");
            params.put("scope", f.scope());
        }
        if (f.orgUnit() != null) {
            clauses.add(p + "org_unit_code = :org");
            params.put("org", f.orgUnit());
        }
        if (f.year() != null) {
            clauses.add(p + "year = :year");
            params.put("year", f.year());
        }
        if (f.status() != null) {
            clauses.add(p + "status = :status");
            params.put("status", f.status().name());
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    /** A plan implementing another, with the parent target codes its targets adopt. */
    record Implementing(UUID id, String orgUnit, PlanStatus status, String documentNumber, LocalDate issuedOn, int version,
                        Instant updatedAt, List<String> adoptedTargetCodes) {
    }

    List<Implementing> implementing(UUID parentId) {
        return jdbc.sql("""
                        select id, org_unit_code, status, document_number, issued_on, version, updated_at,
                               array(select distinct t ->> 'parentTargetCode' from jsonb_array_elements(content -> 'targets') t
                                     where t ->> 'parentTargetCode' is not null) as adopted
                        from plan where implements_plan_id = :id order by created_at""")
                .param("id", parentId)
                .query((rs, i) -> new Implementing(rs.getObject("id", UUID.class), rs.getString("org_unit_code"),
                        PlanStatus.valueOf(rs.getString("status")), rs.getString("document_number"),
                        rs.getObject("issued_on", LocalDate.class), rs.getInt("version"),
                        rs.getTimestamp("updated_at").toInstant(), strings(rs.getArray("adopted"))))
                .list();
    }

    private PlanView map(ResultSet rs) throws SQLException {
        PlanContent content = json.readValue(rs.getString("content"), PlanContent.class);
        String issuer = rs.getString("issuer_name");
        return new PlanView(
                rs.getObject("id", UUID.class),
                rs.getString("org_unit_code"),
                rs.getString("org_name"),
                rs.getString("org_level"),
                strings(rs.getArray("org_path")),
                rs.getInt("year"),
                PlanStatus.valueOf(rs.getString("status")),
                rs.getInt("version"),
                rs.getString("document_number"),
                rs.getObject("issued_on", LocalDate.class),
                issuer != null ? issuer : rs.getString("org_issuer"),
                rs.getString("org_parent_body"),
                rs.getString("org_place"),
                rs.getString("implements_number"),
                content,
                content.budgetTotalVnd(),
                instant(rs.getTimestamp("created_at")),
                rs.getString("created_by"),
                instant(rs.getTimestamp("updated_at")),
                rs.getString("updated_by"),
                instant(rs.getTimestamp("closed_at")),
                rs.getString("closed_by"),
                "\"" + rs.getInt("row_version") + "\"");
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
