package vn.loa.notification.orgunit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/** The org tree as registered by plan-service (org-unit-registered), kept locally: a read model on JdbcClient. */
@Repository
public class OrgUnits {

    private static final TypeReference<List<OrgUnit.Unit>> UNITS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OrgUnits(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Where a unit stands now: itself while active, else the active unit it was closed into (if any). */
    public record Current(String code, List<String> path) {
    }

    /** The tables whose rows carry a copied org-unit path (rewritten on org-unit-moved; EVENTS.md). */
    private static final List<String> COPIED_PATHS = List.of("plan_copy", "activity_deadline", "report_deadline",
            "subscription");

    /** Stores (or replaces) our copy of an org unit. */
    public void register(OrgUnit e) {
        register(e, null, null, null);
    }

    /**
     * Stores (or replaces) our copy of an org unit, as org-unit-registered gives its whole current state (closure
     * and successor included). An event older ({@code time}) than the last one applied to the unit changes nothing:
     * units have different keys, so a late event of another partition must not undo a newer one.
     */
    public void register(OrgUnit e, LocalDate closedOn, String successorCode, OffsetDateTime time) {
        List<OrgUnit.Unit> units = e.units();
        List<String> path = e.path().isEmpty() ? List.of(e.code()) : e.path();
        jdbc.sql("""
                        insert into org_unit (code, name, level, parent_code, path, units, closed_on, successor_code, event_time)
                        values (:code, :name, :level, :parent, :path, cast(:units as jsonb), :closedOn, :successor, :time)
                        on conflict (code) do update set name = excluded.name, level = excluded.level,
                            parent_code = excluded.parent_code, path = excluded.path, units = excluded.units,
                            closed_on = excluded.closed_on, successor_code = excluded.successor_code,
                            event_time = coalesce(excluded.event_time, org_unit.event_time)
                        where org_unit.event_time is null or excluded.event_time is null
                           or org_unit.event_time <= excluded.event_time
                        """)
                .param("code", e.code()).param("name", e.name()).param("level", e.level())
                .param("parent", e.parentCode()).param("path", path.toArray(String[]::new))
                .param("units", json.writeValueAsString(units))
                .param("closedOn", closedOn).param("successor", successorCode).param("time", time)
                .update();
    }

    /**
     * org-unit-moved: the unit gets its new parent and path, and every path that runs through it — of the units
     * below it and of the rows that copied one (plans, deadlines, subscriptions) — the new prefix, one statement per
     * table on the GIN indexes ({@code path @> array[code]}). Idempotent: a replay rewrites nothing more. The
     * deliveries keep the path they were sent with (history). A move older than what we hold of the unit is skipped.
     *
     * @return false when the move was older than the unit's state and was not applied
     */
    public boolean move(String code, String name, String level, String parentCode, List<String> path,
                        OffsetDateTime time) {
        String[] newPath = path.toArray(String[]::new);
        int applied = jdbc.sql("""
                        insert into org_unit (code, name, level, parent_code, path, event_time)
                        values (:code, coalesce(:name, :code), :level, :parent, :path, :time)
                        on conflict (code) do update set parent_code = excluded.parent_code, path = excluded.path,
                            event_time = coalesce(excluded.event_time, org_unit.event_time)
                        where org_unit.event_time is null or excluded.event_time is null
                           or org_unit.event_time <= excluded.event_time
                        """)
                .param("code", code).param("name", name).param("level", level).param("parent", parentCode)
                .param("path", newPath).param("time", time).update();
        if (applied == 0) {
            return false;
        }
        jdbc.sql("""
                        update org_unit set path = cast(:path as text[]) || path[array_position(path, :code) + 1:]
                        where path @> array[cast(:code as text)] and code <> :code
                        """)
                .param("code", code).param("path", newPath).update();
        for (String table : COPIED_PATHS) {
            // the table names are our constants, never input
            jdbc.sql("update " + table + " " + """
                             set org_unit_path = cast(:path as text[]) || org_unit_path[array_position(org_unit_path, :code) + 1:]
                            where org_unit_path @> array[cast(:code as text)]
                              and org_unit_path is distinct from cast(:path as text[]) || org_unit_path[array_position(org_unit_path, :code) + 1:]
                            """)
                    .param("code", code).param("path", newPath).update();
        }
        return true;
    }

    /**
     * org-unit-closed (and each predecessor of org-units-merged): the unit is kept with its history, marked closed
     * from {@code closedOn}, with the unit that took it over. Known units keep their path (as at closing).
     */
    public void close(String code, String name, String level, String parentCode, List<String> path, LocalDate closedOn,
                      String successorCode) {
        List<String> p = path == null || path.isEmpty() ? List.of(code) : path;
        jdbc.sql("""
                        insert into org_unit (code, name, level, parent_code, path, closed_on, successor_code)
                        values (:code, coalesce(:name, :code), :level, :parent, :path, :closedOn, :successor)
                        on conflict (code) do update set closed_on = excluded.closed_on,
                            successor_code = coalesce(excluded.successor_code, org_unit.successor_code)
                        """)
                .param("code", code).param("name", name).param("level", level).param("parent", parentCode)
                .param("path", p.toArray(String[]::new)).param("closedOn", closedOn).param("successor", successorCode)
                .update();
    }

    /** A unit we may not have heard of yet (a merger's new unit before its org-unit-registered): known from now. */
    public void ensure(String code, String name, String level, String parentCode, List<String> path) {
        List<String> p = path == null || path.isEmpty() ? List.of(code) : path;
        jdbc.sql("""
                        insert into org_unit (code, name, level, parent_code, path)
                        values (:code, coalesce(:name, :code), :level, :parent, :path)
                        on conflict (code) do nothing
                        """)
                .param("code", code).param("name", name).param("level", level).param("parent", parentCode)
                .param("path", p.toArray(String[]::new)).update();
    }

    /**
     * Where each of {@code codes} stands now, in one statement: an active unit stands for itself; a closed one for
     * the active unit at the end of its successor chain; a closed unit without one (or with a chain that ends in a
     * closed unit) is absent from the answer. A code we never heard of stands for itself (path: itself).
     */
    public Map<String, Current> current(Collection<String> codes) {
        Map<String, Current> out = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        Set<String> known = new HashSet<>();
        jdbc.sql("""
                        with recursive chain(start, code, successor, closed, path, depth) as (
                            select code, code, successor_code, closed_on, path, 0 from org_unit where code in (:codes)
                            union all
                            select c.start, o.code, o.successor_code, o.closed_on, o.path, c.depth + 1
                            from chain c join org_unit o on o.code = c.successor
                            where c.closed is not null and c.depth < 16
                        )
                        select distinct on (start) start, code, closed, path from chain order by start, depth desc
                        """)
                .param("codes", codes)
                .query((rs, i) -> {
                    known.add(rs.getString("start"));
                    if (rs.getObject("closed") == null) {
                        out.put(rs.getString("start"), new Current(rs.getString("code"), strings(rs.getArray("path"))));
                    }
                    return 1;
                }).list();
        codes.stream().filter(c -> !known.contains(c)).forEach(c -> out.put(c, new Current(c, List.of(c))));
        return out;
    }

    /** The unit and every unit closed into it (directly or through a chain of mergers), the unit first. */
    public List<String> withPredecessors(String code) {
        return jdbc.sql("""
                        with recursive pred(code, depth) as (
                            select cast(:code as text), 0
                            union
                            select o.code, p.depth + 1 from org_unit o join pred p on o.successor_code = p.code
                            where p.depth < 16
                        )
                        select code from pred order by depth, code
                        """)
                .param("code", code).query(String.class).list();
    }

    public Optional<OrgUnit> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from org_unit where code = :code").param("code", code)
                .query(this::map).optional();
    }

    /** The names of {@code codes} we know, in one statement (a quarter closing names thirty communes). */
    public Map<String, String> names(Collection<String> codes) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!codes.isEmpty()) {
            jdbc.sql("select code, name from org_unit where code in (:codes)").param("codes", codes)
                    .query((rs, i) -> out.put(rs.getString(1), rs.getString(2))).list();
        }
        return out;
    }

    public List<OrgUnit> children(String code) {
        return jdbc.sql("select * from org_unit where parent_code = :code order by code").param("code", code)
                .query(this::map).list();
    }

    /** The org unit's path from the root, or just itself when we have not heard of it yet. */
    public List<String> pathOf(String code) {
        return find(code).map(OrgUnit::path).filter(p -> !p.isEmpty()).orElse(List.of(code));
    }

    private OrgUnit map(ResultSet rs, int row) throws SQLException {
        return new OrgUnit(rs.getString("code"), rs.getString("name"), rs.getString("level"),
                rs.getString("parent_code"), strings(rs.getArray("path")),
                json.readValue(rs.getString("units"), UNITS));
    }

    public static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
