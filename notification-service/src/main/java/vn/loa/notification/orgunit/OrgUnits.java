package vn.loa.notification.orgunit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
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

    /** Stores (or replaces) our copy of an org unit. */
    public void register(OrgUnit e) {
        List<OrgUnit.Unit> units = e.units();
        List<String> path = e.path().isEmpty() ? List.of(e.code()) : e.path();
        jdbc.sql("""
                        insert into org_unit (code, name, level, parent_code, path, units)
                        values (:code, :name, :level, :parent, :path, cast(:units as jsonb))
                        on conflict (code) do update set name = excluded.name, level = excluded.level,
                            parent_code = excluded.parent_code, path = excluded.path, units = excluded.units
                        """)
                .param("code", e.code()).param("name", e.name()).param("level", e.level())
                .param("parent", e.parentCode()).param("path", path.toArray(String[]::new))
                .param("units", json.writeValueAsString(units))
                .update();
    }

    public Optional<OrgUnit> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from org_unit where code = :code").param("code", code)
                .query(this::map).optional();
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
