package vn.loa.notification.delivery;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.notification.access.AccessPolicy;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.ETags;
import vn.loa.support.web.PageResponse;
import vn.loa.support.web.Paging;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Deliveries are an operator's concern: listing them and retrying the dead ones. */
@RestController
@RequestMapping("/api/deliveries")
class DeliveryController {

    record DeliveryView(UUID id, UUID eventId, String eventType, String recipient, String channel, String target,
                        String status, int attempts, OffsetDateTime nextAttemptAt, String lastError, String subject,
                        OffsetDateTime createdAt, OffsetDateTime sentAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.recipient(), d.channel(), d.target(),
                    d.status().name(), d.attempts(), d.waiting() ? d.nextAttemptAt() : null, d.lastError(),
                    d.subject(), d.createdAt(), d.sentAt());
        }
    }

    private final DeliveryOperations operations;
    private final AccessPolicy access;

    DeliveryController(DeliveryOperations operations, AccessPolicy access) {
        this.operations = operations;
        this.access = access;
    }

    @GetMapping
    PageResponse<DeliveryView> list(CurrentUser user, @RequestParam(required = false) String status,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size) {
        access.requireOperator(user);
        Paging paging = Paging.of(page, size);
        Page<Delivery> found = operations.list(parse(status), paging.page(), paging.size());
        return new PageResponse<>(found.map(DeliveryView::of).getContent(), paging.page(), paging.size(),
                found.getTotalElements());
    }

    @GetMapping("/{id}")
    ResponseEntity<DeliveryView> get(CurrentUser user, @PathVariable UUID id) {
        access.requireOperator(user);
        Delivery d = operations.get(id);
        return ResponseEntity.ok().eTag(ETags.of(d.version())).body(DeliveryView.of(d));
    }

    /** Needs {@code If-Match} with the ETag of the GET: 428 without, 412 when the delivery changed since. */
    @PostMapping("/{id}/retry")
    ResponseEntity<DeliveryView> retry(CurrentUser user, @PathVariable UUID id,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        access.requireOperator(user);
        Delivery d = operations.retry(id, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(d.version())).body(DeliveryView.of(d));
    }

    private static DeliveryStatus parse(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "field.delivery.status");
        }
    }
}
