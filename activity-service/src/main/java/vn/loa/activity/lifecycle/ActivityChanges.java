package vn.loa.activity.lifecycle;

import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.UUID;

/** An activity's history: appended with each change, read whole. */
interface ActivityChanges extends Repository<ActivityChange, ActivityChange.Key> {

    ActivityChange save(ActivityChange change);

    <S extends ActivityChange> List<S> saveAll(Iterable<S> changes);

    List<ActivityChange> findByKeyActivityIdOrderByKeyVersion(UUID activityId);
}
