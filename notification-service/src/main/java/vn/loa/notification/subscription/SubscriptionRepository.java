package vn.loa.notification.subscription;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.UUID;

/**
 * Subscriptions behind Spring Data JPA. The queries that look into the {@code text[]} columns
 * ({@code = any(...)}) are native: JPQL has no array operators.
 */
public interface SubscriptionRepository extends JpaRepository<Subscription, UUID> {

    /** Subscriptions of the recipient's org unit for the type: org-wide ones, and those of its unit. */
    @Query(nativeQuery = true, value = """
            select * from subscription
            where org_unit = :orgUnit and (unit is null or unit = cast(:unit as text)) and :type = any(events)
            order by created_at, id""")
    List<Subscription> matching(@Param("orgUnit") String orgUnit, @Param("unit") String unit,
                                @Param("type") String type);

    /** Subscriptions whose org unit lies in the subtree of {@code orgUnit} (its path contains it), newest first. */
    @Query(nativeQuery = true, value = """
            select * from subscription where :orgUnit = any(org_unit_path)
            order by created_at desc, id limit :limit offset :offset""")
    List<Subscription> within(@Param("orgUnit") String orgUnit, @Param("offset") long offset,
                              @Param("limit") int limit);

    @Query(nativeQuery = true, value = "select count(*) from subscription where :orgUnit = any(org_unit_path)")
    long countWithin(@Param("orgUnit") String orgUnit);
}
