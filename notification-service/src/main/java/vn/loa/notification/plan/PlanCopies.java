package vn.loa.notification.plan;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Plans as issued, amended or closed: enough to name a plan by its document number. */
@Repository
public class PlanCopies {

    private final JdbcClient jdbc;

    PlanCopies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies a plan version unless a later one is already known (events of one plan arrive in order). */
    public void save(UUID planId, int version, String orgUnit, List<String> path, String documentNumber, String title,
                     Integer year, String status) {
        jdbc.sql("""
                        insert into plan_copy (plan_id, version, org_unit, org_unit_path, document_number, title, year, status)
                        values (:id, :version, :orgUnit, :path, :doc, :title, :year, :status)
                        on conflict (plan_id) do update set version = excluded.version,
                            document_number = coalesce(excluded.document_number, plan_copy.document_number),
                            title = coalesce(excluded.title, plan_copy.title), status = excluded.status,
                            updated_at = now()
                        where plan_copy.version <= excluded.version
                        """)
                .param("id", planId).param("version", version).param("orgUnit", orgUnit)
                .param("path", path.toArray(String[]::new)).param("doc", documentNumber).param("title", title)
                .param("year", year).param("status", status).update();
    }

    public Optional<String> documentNumber(UUID planId) {
        return jdbc.sql("select document_number from plan_copy where plan_id = :id").param("id", planId)
                .query(String.class).optional();
    }
}
