package vn.loa.planning.plan;

import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A plan's history: appended with each issue and amendment, read whole or one version at a time. */
interface PlanVersionRepository extends Repository<PlanVersion, PlanVersion.Key> {

    PlanVersion save(PlanVersion version);

    List<PlanVersion> findByKeyPlanIdOrderByKeyVersion(UUID planId);

    Optional<PlanVersion> findByKey(PlanVersion.Key key);
}
