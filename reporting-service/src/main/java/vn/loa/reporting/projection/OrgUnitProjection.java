package vn.loa.reporting.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventEnvelope;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies the org-unit events to our copy of the tree. org-unit-registered carries a unit's whole state and
 * the latest (by event time) wins. The reform's events (EVENTS.md) add what a consumer must do beyond that:
 * a move rewrites the paths copied onto our rows (plans, activities), a closure and a merger record the
 * closing date and the successor whose history the unit's counts as. Every statement is idempotent.
 */
@Component
class OrgUnitProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OrgUnitProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The unit's path in our copy of the tree, empty if we do not have it yet. */
    List<String> path(ProjectionTables t, String code) {
        return jdbc.sql("select path from " + t.orgUnit() + " where code = :code").param("code", code)
                .query((rs, i) -> List.of((String[]) rs.getArray("path").getArray())).optional().orElse(List.of());
    }

    void on(ProjectionTables t, EventEnvelope<OrgUnitRegistered> event) {
        OrgUnitRegistered e = event.data();
        List<String> path = e.path() == null || e.path().isEmpty() ? List.of(e.code()) : e.path();
        jdbc.sql("insert into " + t.orgUnit() + " as t (code, name, level, parent_code, path, units, abbreviation,"
                        + " issuer_name, parent_body_name, established_on, closed_on, successor_code, event_time,"
                        + " had_children)"
                        + " values (:code, :name, :level, :parent, :path::text[], cast(:units as jsonb), :abbreviation,"
                        + " :issuer, :parentBody, :established, :closed, :successor, :time,"
                        + " exists (select 1 from " + t.orgUnit() + " c where c.parent_code = :code))"
                        + " on conflict (code) do update set name = excluded.name, level = excluded.level,"
                        + " parent_code = excluded.parent_code, path = excluded.path, units = excluded.units,"
                        + " abbreviation = coalesce(excluded.abbreviation, t.abbreviation),"
                        + " issuer_name = coalesce(excluded.issuer_name, t.issuer_name),"
                        + " parent_body_name = coalesce(excluded.parent_body_name, t.parent_body_name),"
                        + " established_on = coalesce(excluded.established_on, t.established_on),"
                        // the unit's whole state: a reopened unit would come without closedOn; the reform's
                        // own events set these too, so keep what they set when this event says nothing
                        + " closed_on = coalesce(excluded.closed_on, t.closed_on),"
                        + " successor_code = coalesce(excluded.successor_code, t.successor_code),"
                        + " event_time = excluded.event_time"
                        + " where t.event_time is null or t.event_time <= excluded.event_time")
                .param("code", e.code())
                .param("name", e.name())
                .param("level", e.level())
                .param("parent", e.parentCode())
                .param("path", path.toArray(String[]::new))
                .param("units", json.writeValueAsString(e.units() == null ? List.of() : e.units()))
                .param("abbreviation", e.abbreviation())
                .param("issuer", e.issuerName())
                .param("parentBody", e.parentBodyName())
                .param("established", e.establishedOn())
                .param("closed", e.closedOn())
                .param("successor", e.successorCode())
                .param("time", event.time())
                .update();
        markParent(t, e.parentCode());
    }

    /**
     * A move: the unit and its descendants get their new parents and paths (unless a newer registration already
     * gave them), and every path copied onto our rows is rewritten with the prefix rule of EVENTS.md, which a
     * replay leaves as it is. Returns the paths whose dashboards changed (old and new).
     */
    List<List<String>> onMoved(ProjectionTables t, EventEnvelope<OrgUnitMoved> event) {
        OrgUnitMoved e = event.data();
        List<OrgUnitMoved.Descendant> units = new ArrayList<>();
        units.add(new OrgUnitMoved.Descendant(e.code(), e.parentCode(), e.path()));
        if (e.descendants() != null) {
            units.addAll(e.descendants());
        }
        for (OrgUnitMoved.Descendant d : units) {
            jdbc.sql("update " + t.orgUnit() + " set parent_code = :parent, path = :path::text[], event_time = :time"
                            + " where code = :code and (event_time is null or event_time <= :time)")
                    .param("parent", d.parentCode()).param("path", d.path().toArray(String[]::new))
                    .param("time", event.time()).param("code", d.code()).update();
        }
        markParent(t, e.parentCode());
        for (String table : List.of(t.planCopy(), t.activityState())) {
            jdbc.sql("update " + table + " set org_unit_path = :path::text[]"
                            + " || org_unit_path[array_position(org_unit_path, cast(:code as text)) + 1:]"
                            + " where org_unit_path @> array[cast(:code as text)]"
                            + " and org_unit_path[1 : array_position(org_unit_path, cast(:code as text))] <> :path::text[]")
                    .param("path", e.path().toArray(String[]::new)).param("code", e.code()).update();
        }
        return e.oldPath() == null ? List.of(e.path()) : List.of(e.oldPath(), e.path());
    }

    /** A closure: the closing date and the successor, if any (its history counts as the successor's). */
    void onClosed(ProjectionTables t, EventEnvelope<OrgUnitClosed> event) {
        OrgUnitClosed e = event.data();
        jdbc.sql("update " + t.orgUnit() + " set closed_on = :closed,"
                        + " successor_code = coalesce(:successor, successor_code) where code = :code")
                .param("closed", e.closedOn()).param("successor", e.successorCode()).param("code", e.code()).update();
    }

    /**
     * A merger: the new unit exists from {@code effectiveOn} (its registration came first on the same key; if not,
     * a row is made from this event) and each predecessor is closed into it. Predecessors keep their paths.
     */
    void onMerged(ProjectionTables t, EventEnvelope<OrgUnitsMerged> event) {
        OrgUnitsMerged e = event.data();
        List<String> path = e.path() == null || e.path().isEmpty() ? List.of(e.code()) : e.path();
        jdbc.sql("insert into " + t.orgUnit() + " as t (code, name, level, parent_code, path, established_on)"
                        + " values (:code, :name, :level, :parent, :path::text[], :on)"
                        + " on conflict (code) do update set established_on = coalesce(t.established_on, excluded.established_on)")
                .param("code", e.code()).param("name", e.name() == null ? e.code() : e.name())
                .param("level", e.level() == null ? "COMMUNE" : e.level()).param("parent", e.parentCode())
                .param("path", path.toArray(String[]::new)).param("on", e.effectiveOn()).update();
        markParent(t, e.parentCode());
        for (OrgUnitsMerged.Predecessor p : e.predecessors() == null ? List.<OrgUnitsMerged.Predecessor>of() : e.predecessors()) {
            jdbc.sql("update " + t.orgUnit() + " set successor_code = :successor,"
                            + " closed_on = coalesce(closed_on, :on) where code = :code")
                    .param("successor", e.code()).param("on", e.effectiveOn()).param("code", p.code()).update();
        }
    }

    /** The paths of some units, for the dashboards they change. */
    List<List<String>> paths(ProjectionTables t, List<String> codes) {
        return jdbc.sql("select path from " + t.orgUnit() + " where code = any(:codes::text[])")
                .param("codes", codes.toArray(String[]::new))
                .query((rs, i) -> List.of((String[]) rs.getArray("path").getArray())).list();
    }

    private void markParent(ProjectionTables t, String parent) {
        if (parent != null) {
            jdbc.sql("update " + t.orgUnit() + " set had_children = true where code = :code and not had_children")
                    .param("code", parent).update();
        }
    }
}
