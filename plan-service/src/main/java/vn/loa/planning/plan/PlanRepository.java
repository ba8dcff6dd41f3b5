package vn.loa.planning.plan;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

/** The plan aggregates (JPA). Lists and adoption are set-based reads: {@link PlanQueries}. */
interface PlanRepository extends JpaRepository<Plan, UUID> {

    boolean existsByOrgUnitAndDocumentYearAndDocumentNumberAndIdNot(String orgUnit, int documentYear, String documentNumber, UUID id);
}
