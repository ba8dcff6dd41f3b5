package vn.loa.reporting.period;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;

interface PeriodClosingRepository extends JpaRepository<PeriodClosing, PeriodClosing.Key> {

    @Query("select c from PeriodClosing c where c.district = ?1 and c.period = ?2")
    Optional<PeriodClosing> find(String district, String period);

    /** The closing, its version bumped at commit: a reopening changes the period's state (its ETag). */
    @Lock(LockModeType.OPTIMISTIC_FORCE_INCREMENT)
    @Query("select c from PeriodClosing c where c.district = ?1 and c.period = ?2")
    Optional<PeriodClosing> findForReopening(String district, String period);
}
