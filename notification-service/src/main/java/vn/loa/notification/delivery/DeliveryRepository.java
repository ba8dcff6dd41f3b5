package vn.loa.notification.delivery;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

/**
 * Deliveries as aggregates (an operator reads and retries one; the worker records each outcome).
 * Creating them and claiming the due ones are set-based statements on JdbcClient
 * ({@link DeliveryQueue}).
 */
interface DeliveryRepository extends JpaRepository<Delivery, UUID> {

    Page<Delivery> findByStatus(DeliveryStatus status, Pageable pageable);
}
