package vn.loa.planning.orgunit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@Repository
class OrgUnitRepository {

    private final JdbcClient jdbc;

    OrgUnitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void upsertLevel(String code, String name, int rank) {
        jdbc.sql("""
                        insert into org_level (code, name, rank) values (:code, :name, :rank)
                        on conflict (code) do update set name = excluded.name, rank = excluded.rank""")
                .param("code", code).param("name", name).param("rank", rank).update();
    }

    boolean levelExists(String code) {
        return jdbc.sql("select count(*) from org_level where code = :code").param("code", code)
                .query(Long.class).single() > 0;
    }

    Optional<OrgUnit> find(String code) {
        return jdbc.sql("select * from org_unit where code = :code").param("code", code)
                .query((rs, i) -> map(rs)).optional();
    }

    List<OrgUnit> children(String code) {
        return jdbc.sql("select * from org_unit where parent_code = :code order by code").param("code", code)
                .query((rs, i) -> map(rs)).list();
    }

    void save(OrgUnit unit) {
        jdbc.sql("""
                        insert into org_unit (code, name, level_code, parent_code, path, abbreviation, issuer_name,
                                              parent_body_name, place_name, updated_at)
                        values (:code, :name, :level, :parent, :path, :abbr, :issuer, :parentBody, :place, now())
                        on conflict (code) do update set name = excluded.name, level_code = excluded.level_code,
                            parent_code = excluded.parent_code, path = excluded.path, abbreviation = excluded.abbreviation,
                            issuer_name = excluded.issuer_name, parent_body_name = excluded.parent_body_name,
                            place_name = excluded.place_name, updated_at = now()""")
                .param("code", unit.code()).param("name", unit.name()).param("level", unit.level())
                .param("parent", unit.parentCode()).param("path", unit.path().toArray(String[]::new))
                .param("abbr", unit.abbreviation()).param("issuer", unit.issuerName())
                .param("parentBody", unit.parentBodyName()).param("place", unit.placeName())
                .update();
        jdbc.sql("delete from org_unit_member where org_unit_code = :code").param("code", unit.code()).update();
        int position = 0;
        for (OrgUnit.Unit u : unit.units()) {
            jdbc.sql("""
                            insert into org_unit_member (org_unit_code, code, name, kind, position)
                            values (:org, :code, :name, :kind, :pos)""")
                    .param("org", unit.code()).param("code", u.code()).param("name", u.name())
                    .param("kind", u.kind()).param("pos", position++).update();
        }
    }

    private OrgUnit map(ResultSet rs) throws SQLException {
        String code = rs.getString("code");
        List<OrgUnit.Unit> units = jdbc.sql("select code, name, kind from org_unit_member where org_unit_code = :code order by position")
                .param("code", code)
                .query((r, i) -> new OrgUnit.Unit(r.getString("code"), r.getString("name"), r.getString("kind"))).list();
        return new OrgUnit(code, rs.getString("name"), rs.getString("level_code"), rs.getString("parent_code"),
                strings(rs.getArray("path")), rs.getString("abbreviation"), rs.getString("issuer_name"),
                rs.getString("parent_body_name"), rs.getString("place_name"), units);
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
