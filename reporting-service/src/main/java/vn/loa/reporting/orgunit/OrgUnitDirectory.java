package vn.loa.reporting.orgunit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads our copy of the org tree. The units that report are the leaves (communes in 2022): levels
 * are data, so "reports" is decided by having (had) no children rather than by a level name. After the
 * 2025 reform a closed unit keeps its row and its path as they were at closing; its history counts for
 * its successor (a merged commune's predecessors' history is the new commune's).
 */
@Component
public class OrgUnitDirectory {

    private static final TypeReference<List<OrgUnit.Unit>> UNITS = new TypeReference<>() {
    };
    /** Successor chains are short (a commune merged once or twice); this bounds a cycle in bad data. */
    private static final int MAX_CHAIN = 20;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OrgUnitDirectory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<OrgUnit> find(String code) {
        return jdbc.sql("select * from org_unit where code = :code").param("code", code)
                .query(this::map).optional();
    }

    public Map<String, OrgUnit> findAll(Collection<String> codes) {
        Map<String, OrgUnit> out = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        jdbc.sql("select * from org_unit where code = any(:codes::text[]) order by code")
                .param("codes", codes.toArray(String[]::new)).query(this::map).list()
                .forEach(u -> out.put(u.code(), u));
        return out;
    }

    /** The units whose parent is {@code code} now, closed ones included, by code. */
    public List<OrgUnit> children(String code) {
        return jdbc.sql("select * from org_unit where parent_code = :code order by code").param("code", code)
                .query(this::map).list();
    }

    /**
     * The reporting units at or below {@code code}, closed ones included, ordered by code: the path's GIN index
     * finds them. A unit that ever had children (an abolished district whose communes moved away) is not one.
     */
    public List<OrgUnit> reportingUnitsUnder(String code) {
        return jdbc.sql("""
                        select o.* from org_unit o
                        where o.path @> array[cast(:code as text)] and not o.had_children
                          and not exists (select 1 from org_unit c where c.parent_code = o.code)
                        order by o.code""")
                .param("code", code).query(this::map).list();
    }

    /** Whether others report (or reported) to the unit: it closes quarters and consolidates their reports. */
    public boolean hasChildren(String code) {
        return jdbc.sql("""
                        select exists (select 1 from org_unit where parent_code = :code)
                            or exists (select 1 from org_unit where code = :code and had_children)""")
                .param("code", code).query(Boolean.class).single();
    }

    /**
     * The paths a caller's scope is checked against for {@code code}'s objects: its own, then those of its
     * successors (a merged commune's officers see what its predecessors did, as in plan-service).
     */
    public List<List<String>> scopePaths(OrgUnit unit) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(unit.path());
        String next = unit.successorCode();
        Set<String> seen = new HashSet<>(Set.of(unit.code()));
        while (next != null && seen.add(next) && seen.size() <= MAX_CHAIN) {
            Optional<OrgUnit> s = find(next);
            if (s.isEmpty()) {
                break;
            }
            paths.add(s.get().path());
            next = s.get().successorCode();
        }
        return paths;
    }

    /**
     * The unit and every unit whose history counts as its own: its predecessors, theirs, and so on (units
     * closed with it as successor). For a unit never merged, just itself.
     */
    public List<OrgUnit> family(OrgUnit unit) {
        return families(List.of(unit)).get(unit.code());
    }

    /** {@link #family} of several units in one recursive query; each list starts with the unit itself. */
    public Map<String, List<OrgUnit>> families(Collection<OrgUnit> units) {
        Map<String, List<OrgUnit>> out = new LinkedHashMap<>();
        units.forEach(u -> out.put(u.code(), new ArrayList<>(List.of(u))));
        if (units.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        with recursive f(head, code, depth) as (
                            select u, u, 0 from unnest(:codes::text[]) u
                            union
                            select f.head, o.code, f.depth + 1 from f join org_unit o on o.successor_code = f.code
                            where f.depth < :max and o.code <> f.head)
                        select f.head, o.* from f join org_unit o on o.code = f.code where f.depth > 0
                        order by f.head, o.code""")
                .param("codes", units.stream().map(OrgUnit::code).distinct().toArray(String[]::new))
                .param("max", MAX_CHAIN)
                .query((rs, i) -> {
                    out.get(rs.getString("head")).add(map(rs, i));
                    return null;
                }).list();
        return out;
    }

    /**
     * Where the history of each reporting unit of a dashboard goes: the unit that stands for it now (itself,
     * or the successor it was closed into, followed to the end of the chain). Maps every reporting unit at or
     * below {@code code}, and every predecessor elsewhere whose successor is at or below it, to its
     * representative; predecessors whose successor went elsewhere are left out (their history went with it).
     */
    public Map<OrgUnit, OrgUnit> representatives(OrgUnit root, List<OrgUnit> below) {
        Map<String, OrgUnit> byCode = new HashMap<>();
        below.forEach(u -> byCode.put(u.code(), u));
        // Every unit closed into a successor: few (the 2025 mergers), read at once.
        Map<String, OrgUnit> merged = new HashMap<>();
        jdbc.sql("select * from org_unit where successor_code is not null").query(this::map).list()
                .forEach(u -> merged.put(u.code(), u));
        Map<String, String> last = new HashMap<>();
        for (OrgUnit u : merged.values()) {
            String next = u.successorCode();
            Set<String> seen = new HashSet<>(Set.of(u.code()));
            while (merged.containsKey(next) && seen.add(next) && seen.size() <= MAX_CHAIN) {
                next = merged.get(next).successorCode();
            }
            last.put(u.code(), next);
        }
        byCode.putAll(findAll(last.values().stream().filter(c -> !byCode.containsKey(c)).distinct().toList()));
        Map<OrgUnit, OrgUnit> out = new LinkedHashMap<>();
        for (OrgUnit u : below) {
            OrgUnit rep = byCode.get(last.getOrDefault(u.code(), u.code()));
            if (rep == null || rep.code().equals(u.code())) {
                out.put(u, u); // never merged, or its successor is not known here yet
            } else if (rep.path().contains(root.code())) {
                out.put(u, rep);
            }
        }
        List<String> elsewhere = merged.keySet().stream()
                .filter(c -> below.stream().noneMatch(b -> b.code().equals(c))).toList();
        for (OrgUnit p : findAll(elsewhere).values()) {
            OrgUnit rep = byCode.get(last.get(p.code()));
            if (!p.hadChildren() && rep != null && rep.path().contains(root.code())) {
                out.put(p, rep);
            }
        }
        return out;
    }

    private OrgUnit map(ResultSet rs, int row) throws SQLException {
        return new OrgUnit(rs.getString("code"), rs.getString("name"), rs.getString("level"),
                rs.getString("parent_code"), strings(rs.getArray("path")),
                json.readValue(rs.getString("units"), UNITS), rs.getString("abbreviation"),
                rs.getString("issuer_name"), rs.getString("parent_body_name"),
                rs.getObject("established_on", LocalDate.class), rs.getObject("closed_on", LocalDate.class),
                rs.getString("successor_code"), rs.getBoolean("had_children"));
    }

    public static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
