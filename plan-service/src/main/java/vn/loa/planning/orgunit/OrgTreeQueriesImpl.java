package vn.loa.planning.orgunit;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JdbcClient fragment of {@link OrgUnitRepository} (Spring Data finds it by the {@code Impl} suffix). */
class OrgTreeQueriesImpl implements OrgTreeQueries {

    /** pg_advisory_xact_lock key of the org tree ("loa-org-tree"). */
    private static final long TREE_LOCK = 0x6c6f612d74726565L;

    private final JdbcClient jdbc;

    OrgTreeQueriesImpl(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockTree() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", TREE_LOCK).query((rs, i) -> 1).single();
    }

    @Override
    public Optional<Integer> levelRank(String level) {
        return jdbc.sql("select rank from org_level where code = :code").param("code", level).query(Integer.class).optional();
    }

    @Override
    public void upsertLevel(String code, String name, int rank) {
        jdbc.sql("""
                        insert into org_level (code, name, rank) values (:code, :name, :rank)
                        on conflict (code) do update set name = excluded.name, rank = excluded.rank""")
                .param("code", code).param("name", name).param("rank", rank).update();
    }

    @Override
    public Subtree subtree(String code) {
        return jdbc.sql("""
                        select count(*) as size,
                               coalesce(max(cardinality(path) - array_position(path, :code)), 0) as depth
                        from org_unit where path @> array[cast(:code as text)] and code <> :code""")
                .param("code", code)
                .query((rs, i) -> new Subtree(rs.getInt("size"), rs.getInt("depth"))).single();
    }

    @Override
    public List<Rewritten> rewriteDescendantPaths(String code, List<String> newPath) {
        List<Rewritten> rows = jdbc.sql("""
                        update org_unit
                        set path = cast(:newPath as text[]) || path[array_position(path, :code) + 1:],
                            version = version + 1, updated_at = now()
                        where path @> array[cast(:code as text)] and code <> :code
                        returning code, parent_code, path""")
                .param("code", code).param("newPath", newPath.toArray(String[]::new))
                .query((rs, i) -> new Rewritten(rs.getString("code"), rs.getString("parent_code"), strings(rs.getArray("path"))))
                .list();
        // depth-first: parents before their children, siblings by code
        return rows.stream().sorted((a, b) -> Arrays.compare(a.path().toArray(String[]::new), b.path().toArray(String[]::new)))
                .toList();
    }

    @Override
    public List<List<String>> scopePaths(String unit) {
        // the unit, then what it was closed into, and so on (bounded: a chain of successors is short)
        return jdbc.sql("""
                        with recursive chain(code, path, successor, depth) as (
                            select code, path, successor_code, 0 from org_unit where code = :unit
                            union all
                            select o.code, o.path, o.successor_code, c.depth + 1
                            from org_unit o join chain c on o.code = c.successor
                            where c.depth < 16
                        )
                        select path from chain order by depth""")
                .param("unit", unit).query((rs, i) -> strings(rs.getArray("path"))).list();
    }

    @Override
    public List<String> activeChildren(String code) {
        return jdbc.sql("select code from org_unit where parent_code = :code and closed_on is null order by code")
                .param("code", code).query(String.class).list();
    }

    @Override
    public Map<String, List<String>> predecessors(Collection<String> codes) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        jdbc.sql("select successor_code, code from org_unit where successor_code in (:codes) order by code")
                .param("codes", codes)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return out;
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
