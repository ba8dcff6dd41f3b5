package vn.loa.reporting.orgunit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads our copy of the org tree. The units that report are the leaves (communes in 2022): levels
 * are data, so "reports" is decided by having no children rather than by a level name.
 */
@Component
public class OrgUnitDirectory {

    private static final TypeReference<List<OrgUnit.Unit>> UNITS = new TypeReference<>() {
    };

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

    public List<OrgUnit> children(String code) {
        return jdbc.sql("select * from org_unit where parent_code = :code order by code").param("code", code)
                .query(this::map).list();
    }

    /** The reporting (leaf) units at or below {@code code}, ordered by code: the path's GIN index finds them. */
    public List<OrgUnit> reportingUnitsUnder(String code) {
        return jdbc.sql("""
                        select o.* from org_unit o
                        where o.path @> array[cast(:code as text)]
                          and not exists (select 1 from org_unit c where c.parent_code = o.code)
                        order by o.code""")
                .param("code", code).query(this::map).list();
    }

    public boolean hasChildren(String code) {
        return jdbc.sql("select exists (select 1 from org_unit where parent_code = :code)")
                .param("code", code).query(Boolean.class).single();
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
