package vn.loa.reporting.report;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface ReportRepository extends JpaRepository<Report, UUID> {

    Optional<Report> findByOrgUnitAndPeriod(String orgUnit, String period);

    List<Report> findByOrgUnitInAndPeriod(List<String> orgUnits, String period);
}
