package vn.loa.planning.orgunit;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** The org-unit aggregates (JPA), with the set-based tree queries of {@link OrgTreeQueries} (JdbcClient). */
interface OrgUnitRepository extends JpaRepository<OrgUnit, String>, OrgTreeQueries {

    List<OrgUnit> findByParentCodeOrderByCode(String parentCode);
}
