package vn.loa.reporting.period;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

interface PeriodReopeningRepository extends JpaRepository<PeriodReopening, UUID> {

    @Query("select r from PeriodReopening r where r.district = ?1 and r.period = ?2 and r.until > ?3")
    List<PeriodReopening> running(String district, String period, OffsetDateTime now);

    @Query("""
            select r from PeriodReopening r where r.district = ?1 and r.period = ?2 and r.until > ?3
              and (r.orgUnit = ?4 or r.orgUnit = ?1) order by r.until desc""")
    List<PeriodReopening> runningFor(String district, String period, OffsetDateTime now, String orgUnit);
}
