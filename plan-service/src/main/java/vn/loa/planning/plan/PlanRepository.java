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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class PlanRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PlanRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    boolean exists(UUID id) {
        return jdbc.sql("select count(*) from plan where id = :id").param("id", id).query(Long.class).single() > 0;
    }

    Optional<PlanRecord> find(UUID id) {
        return jdbc.sql("select * from plan where id = :id").param("id", id).query((rs, i) -> map(rs)).optional();
    }

    /** Reads the plan and locks its row until the transaction ends: writes to one plan are serialized. */
    Optional<PlanRecord> lock(UUID id) {
        return jdbc.sql("select * from plan where id = :id for update").param("id", id).query((rs, i) -> map(rs)).optional();
    }

    void insert(PlanRecord p) {
        jdbc.sql("""
                        insert into plan (id, org_unit_code, org_unit_path, year, status, row_version, version, document_number,
                                          document_year, issued_on, issuer_name, implements_plan_id, title, content,
                                          created_at, created_by, updated_at, updated_by)
                        values (:id, :org, :path, :year, :status, 0, :version, :number, :docYear, :issuedOn, :issuer,
                                :implements, :title, cast(:content as jsonb), :at, :by, :at, :by)""")
                .param("id", p.id()).param("org", p.orgUnit()).param("path", p.orgUnitPath().toArray(String[]::new))
                .param("year", p.year()).param("status", p.status().name()).param("version", p.version())
                .param("number", p.documentNumber()).param("docYear", p.issuedOn() == null ? null : p.issuedOn().getYear())
                .param("issuedOn", p.issuedOn()).param("issuer", p.issuerName())
                .param("implements", p.content().implementsPlanId()).param("title", p.content().title())
                .param("content", json.writeValueAsString(p.content()))
                .param("at", Timestamp.from(p.createdAt())).param("by", p.createdBy())
                .update();
    }

    /** Writes the new state if nobody changed the plan since {@code p} was read; false otherwise. */
    boolean update(PlanRecord p) {
        return jdbc.sql("""
                        update plan set year = :year, status = :status, row_version = row_version + 1, version = :version,
                            document_number = :number, document_year = :docYear, issued_on = :issuedOn, issuer_name = :issuer,
                            implements_plan_id = :implements, title = :title, content = cast(:content as jsonb),
                            updated_at = :at, updated_by = :by, closed_at = :closedAt, closed_by = :closedBy
                        where id = :id and row_version = :rowVersion""")
                .param("id", p.id()).param("rowVersion", p.rowVersion())
                .param("year", p.year()).param("status", p.status().name()).param("version", p.version())
                .param("number", p.documentNumber()).param("docYear", p.issuedOn() == null ? null : p.issuedOn().getYear())
                .param("issuedOn", p.issuedOn()).param("issuer", p.issuerName())
                .param("implements", p.content().implementsPlanId()).param("title", p.content().title())
                .param("content", json.writeValueAsString(p.content()))
                .param("at", Timestamp.from(p.updatedAt())).param("by", p.updatedBy())
                .param("closedAt", p.closedAt() == null ? null : Timestamp.from(p.closedAt())).param("closedBy", p.closedBy())
                .update() == 1;
    }

    boolean documentNumberTaken(String orgUnit, int year, String number, UUID except) {
        return jdbc.sql("""
                        select count(*) from plan where org_unit_code = :org and document_year = :year
                        and document_number = :number and id <> :except""")
                .param("org", orgUnit).param("year", year).param("number", number).param("except", except)
                .query(Long.class).single() > 0;
    }

    record Filter(String orgUnit, Integer year, PlanStatus status, String scope) {
    }

    List<PlanRecord> list(Filter f, int page, int size) {
        StringBuilder sql = new StringBuilder("select * from plan");
        var params = where(f, sql);
        sql.append(" order by year desc, org_unit_code, created_at limit :limit offset :offset");
        var spec = jdbc.sql(sql.toString());
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.param("limit", size).param("offset", (long) page * size).query((rs, i) -> map(rs)).list();
    }

    long count(Filter f) {
        StringBuilder sql = new StringBuilder("select count(*) from plan");
        var params = where(f, sql);
        var spec = jdbc.sql(sql.toString());
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query(Long.class).single();
    }

    private static java.util.Map<String, Object> where(Filter f, StringBuilder sql) {
        List<String> clauses = new ArrayList<>();
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
        clauses.add(":scope = any(org_unit_path)");
        params.put("scope", f.scope());
        if (f.orgUnit() != null) {
            clauses.add("org_unit_code = :org");
            params.put("org", f.orgUnit());
        }
        if (f.year() != null) {
            clauses.add("year = :year");
            params.put("year", f.year());
        }
        if (f.status() != null) {
            clauses.add("status = :status");
            params.put("status", f.status().name());
        }
        sql.append(" where ").append(String.join(" and ", clauses));
        return params;
    }

    List<PlanRecord> implementing(UUID parentId) {
        return jdbc.sql("select * from plan where implements_plan_id = :id order by created_at")
                .param("id", parentId).query((rs, i) -> map(rs)).list();
    }

    // --- versions ---

    record StoredVersion(UUID planId, int version, String kind, String reason, String documentNumber,
                         LocalDate issuedOn, PlanContent content, Instant recordedAt, String recordedBy) {
    }

    void insertVersion(StoredVersion v) {
        jdbc.sql("""
                        insert into plan_version (plan_id, version, kind, reason, document_number, issued_on, content, recorded_at, recorded_by)
                        values (:id, :version, :kind, :reason, :number, :issuedOn, cast(:content as jsonb), :at, :by)""")
                .param("id", v.planId()).param("version", v.version()).param("kind", v.kind()).param("reason", v.reason())
                .param("number", v.documentNumber()).param("issuedOn", v.issuedOn())
                .param("content", json.writeValueAsString(v.content()))
                .param("at", Timestamp.from(v.recordedAt())).param("by", v.recordedBy())
                .update();
    }

    List<StoredVersion> versions(UUID planId) {
        return jdbc.sql("select * from plan_version where plan_id = :id order by version")
                .param("id", planId).query((rs, i) -> mapVersion(rs)).list();
    }

    Optional<StoredVersion> version(UUID planId, int version) {
        return jdbc.sql("select * from plan_version where plan_id = :id and version = :v")
                .param("id", planId).param("v", version).query((rs, i) -> mapVersion(rs)).optional();
    }

    private StoredVersion mapVersion(ResultSet rs) throws SQLException {
        return new StoredVersion(rs.getObject("plan_id", UUID.class), rs.getInt("version"), rs.getString("kind"),
                rs.getString("reason"), rs.getString("document_number"), rs.getObject("issued_on", LocalDate.class),
                json.readValue(rs.getString("content"), PlanContent.class),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("recorded_by"));
    }

    private PlanRecord map(ResultSet rs) throws SQLException {
        return new PlanRecord(
                rs.getObject("id", UUID.class),
                rs.getString("org_unit_code"),
                strings(rs.getArray("org_unit_path")),
                rs.getInt("year"),
                PlanStatus.valueOf(rs.getString("status")),
                rs.getInt("row_version"),
                rs.getInt("version"),
                rs.getString("document_number"),
                rs.getObject("issued_on", LocalDate.class),
                rs.getString("issuer_name"),
                json.readValue(rs.getString("content"), PlanContent.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"),
                rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(),
                rs.getString("closed_by"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
