package vn.loa.activity.lifecycle;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

/** The activity aggregates (JPA). Lists are set-based reads: {@link ActivityQueries}. */
interface ActivityRepository extends JpaRepository<Activity, UUID> {
}
