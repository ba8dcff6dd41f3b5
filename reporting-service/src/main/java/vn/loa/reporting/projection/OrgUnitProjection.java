package vn.loa.reporting.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventEnvelope;

import java.util.List;

/** Applies org-unit-registered to our copy of the tree; the latest event (by time) wins. */
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
        jdbc.sql("insert into " + t.orgUnit() + " as t (code, name, level, parent_code, path, units, event_time)"
                        + " values (:code, :name, :level, :parent, :path::text[], cast(:units as jsonb), :time)"
                        + " on conflict (code) do update set name = excluded.name, level = excluded.level,"
                        + " parent_code = excluded.parent_code, path = excluded.path, units = excluded.units,"
                        + " event_time = excluded.event_time"
                        + " where t.event_time is null or t.event_time <= excluded.event_time")
                .param("code", e.code())
                .param("name", e.name())
                .param("level", e.level())
                .param("parent", e.parentCode())
                .param("path", path.toArray(String[]::new))
                .param("units", json.writeValueAsString(e.units() == null ? List.of() : e.units()))
                .param("time", event.time())
                .update();
    }
}
