package vn.loa.notification.delivery;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.support.web.IfMatch;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What an operator does with deliveries: list them, read one, retry a dead one. */
@Service
class DeliveryOperations {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    private final DeliveryRepository deliveries;
    private final Clock wallClock = Clock.systemUTC();

    DeliveryOperations(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @Transactional(readOnly = true)
    Page<Delivery> list(DeliveryStatus status, int page, int size) {
        PageRequest request = PageRequest.of(page, size, NEWEST_FIRST);
        return status == null ? deliveries.findAll(request) : deliveries.findByStatus(status, request);
    }

    @Transactional(readOnly = true)
    Delivery get(UUID id) {
        return deliveries.findById(id).orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "object", delivery(id)));
    }

    /**
     * A DEAD (or FAILED) delivery gets a fresh set of attempts, due now: a change of the delivery, so
     * it needs the version read ({@code If-Match}); a claim by the worker in between also changes it.
     */
    @Transactional
    Delivery retry(UUID id, String ifMatch) {
        Delivery d = get(id);
        IfMatch.from(ifMatch).check(d.version(), delivery(id));
        if (!d.retry(OffsetDateTime.now(wallClock))) {
            throw ApiException.of(ProblemCode.INVALID_TRANSITION, "delivery-retry", id.toString(), d.status().name());
        }
        return deliveries.saveAndFlush(d);
    }

    private static Text delivery(UUID id) {
        return Text.of("object.delivery", id.toString());
    }
}
