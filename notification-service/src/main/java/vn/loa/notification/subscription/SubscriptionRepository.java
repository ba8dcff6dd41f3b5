package vn.loa.notification.subscription;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Subscriptions behind Spring Data JPA. The queries that look into the {@code text[]} columns
 * ({@code = any(...)}) are native: JPQL has no array operators.
 */
public interface SubscriptionRepository extends JpaRepository<Subscription, UUID> {

    /**
     * Subscriptions of the recipients' org units for the type, in one statement for all the recipients of a notice
     * (index {@code subscription_org_unit}); the caller matches each recipient's unit.
     */
    @Query(nativeQuery = true, value = """
            select * from subscription where org_unit in (:orgUnits) and :type = any(events)
            order by created_at, id""")
    List<Subscription> matchingAny(@Param("orgUnits") Collection<String> orgUnits, @Param("type") String type);

    /** The subscriptions of an org unit (those of a closed unit without a successor are reported). */
    List<Subscription> findByOrgUnit(String orgUnit);

    /**
     * A closed unit's subscriptions go to the unit that took it over (EVENTS.md, org-unit-closed and
     * org-units-merged): they speak for it from now on, under its current path; each is a change of the aggregate
     * (its version, the ETag, moves on).
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(nativeQuery = true, value = """
            update subscription set org_unit = :to, org_unit_path = cast(:toPath as text[]), version = version + 1
            where org_unit = :from""")
    int transfer(@Param("from") String from, @Param("to") String to, @Param("toPath") String[] toPath);

    /** Subscriptions whose org unit lies in the subtree of {@code orgUnit} (its path contains it), newest first. */
    @Query(nativeQuery = true, value = """
            select * from subscription where org_unit_path @> array[cast(:orgUnit as text)]
            order by created_at desc, id desc limit :limit offset :offset""")
    List<Subscription> within(@Param("orgUnit") String orgUnit, @Param("offset") long offset,
                              @Param("limit") int limit);

    @Query(nativeQuery = true, value = "select count(*) from subscription where org_unit_path @> array[cast(:orgUnit as text)]")
    long countWithin(@Param("orgUnit") String orgUnit);
}
