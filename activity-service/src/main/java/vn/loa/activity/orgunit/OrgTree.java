package vn.loa.activity.orgunit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.activity.support.CopyCache;
import vn.loa.activity.support.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * This service's copy of the org tree ({@code org_unit_copy}), the one thing every scope check reads (issue 15.8:
 * "the caller's org unit is on the path of the object's org unit in the <em>current</em> tree", not on a path
 * copied onto the object). Kept by {@link OrgUnitEvents} from plan-service's org-unit events; a unit known only
 * from a plan or quarter event so far is seeded with the path that event carried, and replaced by the first
 * org-unit event about it. A read model on JdbcClient: set-based path rewrites and recursive scope queries.
 */
@Component
public class OrgTree {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    /** {@link #scopePaths}: asked by every request about an activity, changed a few times a year. */
    private final CopyCache<String, List<List<String>>> scopes;

    OrgTree(JdbcClient jdbc, JsonMapper json, Clock clock, ApplicationEventPublisher publisher,
            @Value("${loa.copy-cache.ttl:PT0S}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.publisher = publisher;
        this.scopes = new CopyCache<>(cacheTtl);
    }

    // --- reads ---

    /**
     * The paths a caller's scope is checked against for objects of {@code unit}: the unit's current path, then
     * the paths of what it was closed or merged into (its successor, and theirs), so that the officers of a merged
     * commune see what its predecessors did. Empty for a unit the copy does not know. Cached ({@link CopyCache}: a
     * change applied by this instance counts at once, one applied by another replica within
     * {@code loa.copy-cache.ttl}).
     */
    public List<List<String>> scopePaths(String unit) {
        return scopes.get(unit, this::loadScopePaths);
    }

    private List<List<String>> loadScopePaths(String unit) {
        return List.copyOf(jdbc.sql("""
                        WITH RECURSIVE chain(code, path, successor, depth) AS (
                            SELECT code, path, successor_code, 0 FROM org_unit_copy WHERE code = :unit
                            UNION ALL
                            SELECT o.code, o.path, o.successor_code, c.depth + 1
                            FROM org_unit_copy o JOIN chain c ON o.code = c.successor
                            WHERE c.depth < 16
                        )
                        SELECT path FROM chain ORDER BY depth""")
                .param("unit", unit)
                .query((rs, i) -> List.copyOf(Sql.list(rs, "path"))).list());
    }

    /**
     * The units a caller of {@code scopeUnit} sees: every unit whose current path contains it (GIN index on the
     * path), and the units closed or merged into one of those.
     */
    public List<String> unitsCoveredBy(String scopeUnit) {
        return jdbc.sql("""
                        WITH RECURSIVE covered(code, depth) AS (
                            SELECT code, 0 FROM org_unit_copy WHERE path @> ARRAY[CAST(:scope AS text)]
                            UNION
                            SELECT o.code, c.depth + 1 FROM org_unit_copy o JOIN covered c ON o.successor_code = c.code
                            WHERE c.depth < 16
                        )
                        SELECT DISTINCT code FROM covered""")
                .param("scope", scopeUnit)
                .query(String.class).list();
    }

    /** The unit's current path, root first, the unit itself last; empty for an unknown unit. */
    public List<String> pathOf(String unit) {
        return jdbc.sql("SELECT path FROM org_unit_copy WHERE code = :code").param("code", unit)
                .query((rs, i) -> Sql.list(rs, "path")).optional().orElse(List.of());
    }

    /** The org unit's name, or its code when we have not heard of it yet. */
    public String nameOf(String code) {
        return name(code).orElse(code);
    }

    public Optional<String> name(String code) {
        return jdbc.sql("SELECT name FROM org_unit_copy WHERE code = :code").param("code", code)
                .query(String.class).optional();
    }

    /** When the unit was closed (or merged into another), if it was. */
    public Optional<LocalDate> closedOn(String code) {
        return jdbc.sql("SELECT closed_on FROM org_unit_copy WHERE code = :code AND closed_on IS NOT NULL")
                .param("code", code).query(LocalDate.class).optional();
    }

    // --- writes ---

    /**
     * A unit as another event carried it (a plan's or a quarter's org unit), kept only if the copy does not know
     * it yet: whatever an org-unit event said wins.
     */
    public void seed(String code, String name, String level, List<String> path) {
        if (code == null || path == null || path.isEmpty()) {
            return;
        }
        scopes.changing();
        jdbc.sql("""
                        INSERT INTO org_unit_copy (code, name, level, parent_code, path, updated_at)
                        VALUES (:code, :name, :level, :parent, :path, :now)
                        ON CONFLICT (code) DO NOTHING""")
                .param("code", code).param("name", name == null ? code : name).param("level", level)
                .param("parent", parentIn(path)).param("path", Sql.array(path)).param("now", now())
                .update();
    }

    /** {@code org-unit-registered}: the unit's whole state, unless an event of a later time already set the row. */
    void register(OrgUnitRegistered unit, OffsetDateTime time) {
        scopes.changing();
        jdbc.sql("""
                        INSERT INTO org_unit_copy (code, name, level, parent_code, path, units, event_time,
                            established_on, closed_on, successor_code, updated_at)
                        VALUES (:code, :name, :level, :parent, :path, CAST(:units AS jsonb), :time,
                            :established, :closed, :successor, :now)
                        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
                            parent_code = EXCLUDED.parent_code, path = EXCLUDED.path, units = EXCLUDED.units,
                            event_time = EXCLUDED.event_time, established_on = EXCLUDED.established_on,
                            closed_on = EXCLUDED.closed_on, successor_code = EXCLUDED.successor_code,
                            updated_at = EXCLUDED.updated_at
                        WHERE org_unit_copy.event_time IS NULL OR org_unit_copy.event_time <= EXCLUDED.event_time""")
                .param("code", unit.code()).param("name", unit.name()).param("level", unit.level())
                .param("parent", unit.parentCode()).param("path", Sql.array(unit.path()))
                .param("units", json.writeValueAsString(unit.units() == null ? List.of() : unit.units()))
                .param("time", time).param("established", unit.establishedOn()).param("closed", unit.closedOn())
                .param("successor", unit.successorCode()).param("now", now())
                .update();
    }

    /**
     * {@code org-unit-moved}: the unit gets its new parent and path, every unit below it the new path before its
     * own part (one statement, idempotent), and the features rewrite their copied paths ({@link SubtreeMoved}).
     */
    void move(OrgUnitMoved moved, OffsetDateTime time) {
        scopes.changing();
        int updated = jdbc.sql("""
                        UPDATE org_unit_copy SET parent_code = :parent, path = :path, event_time = :time, updated_at = :now
                        WHERE code = :code AND (event_time IS NULL OR event_time <= :time)""")
                .param("code", moved.code()).param("parent", moved.parentCode()).param("path", Sql.array(moved.path()))
                .param("time", time).param("now", now())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO org_unit_copy (code, name, level, parent_code, path, event_time, updated_at)
                            VALUES (:code, :name, :level, :parent, :path, :time, :now)
                            ON CONFLICT (code) DO NOTHING""")
                    .param("code", moved.code()).param("name", moved.name()).param("level", moved.level())
                    .param("parent", moved.parentCode()).param("path", Sql.array(moved.path()))
                    .param("time", time).param("now", now())
                    .update();
        }
        // Every unit below: the new path, then its own part below the moved unit. A later registration of one of
        // them (its own key, so possibly earlier) already has that path; an older one arriving late is ignored.
        jdbc.sql("""
                        UPDATE org_unit_copy
                        SET path = CAST(:path AS text[]) || path[array_position(path, :code) + 1:],
                            event_time = greatest(event_time, :time), updated_at = :now
                        WHERE path @> ARRAY[CAST(:code AS text)] AND code <> :code""")
                .param("code", moved.code()).param("path", Sql.array(moved.path())).param("time", time).param("now", now())
                .update();
        publisher.publishEvent(new SubtreeMoved(moved.code(), List.copyOf(moved.path())));
    }

    /** {@code org-unit-closed}: closed from {@code closedOn}; a successor takes over its history (and scope). */
    void close(OrgUnitClosed closed, OffsetDateTime time) {
        scopes.changing();
        int updated = jdbc.sql("""
                        UPDATE org_unit_copy SET closed_on = :closedOn, successor_code = :successor, event_time = :time,
                            updated_at = :now
                        WHERE code = :code AND (event_time IS NULL OR event_time <= :time)""")
                .param("code", closed.code()).param("closedOn", closed.closedOn()).param("successor", closed.successorCode())
                .param("time", time).param("now", now())
                .update();
        if (updated == 0 && closed.path() != null && !closed.path().isEmpty()) {
            jdbc.sql("""
                            INSERT INTO org_unit_copy (code, name, level, parent_code, path, closed_on, successor_code,
                                event_time, updated_at)
                            VALUES (:code, :name, :level, :parent, :path, :closedOn, :successor, :time, :now)
                            ON CONFLICT (code) DO NOTHING""")
                    .param("code", closed.code()).param("name", closed.name()).param("level", closed.level())
                    .param("parent", closed.parentCode()).param("path", Sql.array(closed.path()))
                    .param("closedOn", closed.closedOn()).param("successor", closed.successorCode())
                    .param("time", time).param("now", now())
                    .update();
        }
        if (closed.successorCode() != null) {
            seed(closed.successorCode(), null, closed.level(), closed.successorPath());
        }
    }

    /**
     * {@code org-units-merged}: the new unit (also announced by its own registration) and the predecessor →
     * successor links (each predecessor also has its own {@code org-unit-closed}; whichever comes first sets the
     * link). The predecessors' rows keep their paths, as EVENTS.md asks.
     */
    void merge(OrgUnitsMerged merged) {
        scopes.changing();
        seed(merged.code(), merged.name(), merged.level(), merged.path());
        jdbc.sql("UPDATE org_unit_copy SET established_on = coalesce(established_on, :on) WHERE code = :code")
                .param("code", merged.code()).param("on", merged.effectiveOn()).update();
        for (OrgUnitsMerged.Predecessor p : merged.predecessors() == null ? List.<OrgUnitsMerged.Predecessor>of() : merged.predecessors()) {
            seed(p.code(), p.name(), p.level(), p.path());
            jdbc.sql("""
                            UPDATE org_unit_copy SET successor_code = :successor, closed_on = coalesce(closed_on, :on),
                                updated_at = :now
                            WHERE code = :code AND successor_code IS DISTINCT FROM :successor""")
                    .param("code", p.code()).param("successor", merged.code()).param("on", merged.effectiveOn())
                    .param("now", now())
                    .update();
        }
    }

    private static String parentIn(List<String> path) {
        return path.size() < 2 ? null : path.get(path.size() - 2);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
