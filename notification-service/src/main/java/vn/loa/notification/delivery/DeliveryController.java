package vn.loa.notification.delivery;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;
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
            boolean waiting = d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.FAILED;
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.recipient(), d.channel(), d.target(),
                    d.status().name(), d.attempts(), waiting ? d.nextAttemptAt() : null, d.lastError(), d.subject(),
                    d.createdAt(), d.sentAt());
        }
    }

    private final Deliveries deliveries;

    DeliveryController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping
    PageResponse<DeliveryView> list(CurrentUser user, @RequestParam(required = false) String status,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size) {
        requireOperator(user);
        Paging paging = Paging.of(page, size);
        DeliveryStatus s = parse(status);
        return new PageResponse<>(deliveries.list(s, (int) paging.offset(), paging.size()).stream()
                .map(DeliveryView::of).toList(), paging.page(), paging.size(), deliveries.count(s));
    }

    @GetMapping("/{id}")
    DeliveryView get(CurrentUser user, @PathVariable UUID id) {
        requireOperator(user);
        return DeliveryView.of(deliveries.find(id)
                .orElseThrow(() -> ApiException.notFound("Delivery " + id + " was not found.")));
    }

    @PostMapping("/{id}/retry")
    DeliveryView retry(CurrentUser user, @PathVariable UUID id) {
        requireOperator(user);
        Delivery d = deliveries.find(id).orElseThrow(() -> ApiException.notFound("Delivery " + id + " was not found."));
        if (!deliveries.retry(id)) {
            throw ApiException.conflict("invalid-transition",
                    "Delivery " + id + " is " + d.status() + "; only DEAD or FAILED deliveries can be retried.");
        }
        return DeliveryView.of(deliveries.find(id).orElseThrow());
    }

    private static DeliveryStatus parse(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("status", "must be one of PENDING, SENT, FAILED, DEAD");
        }
    }

    private static void requireOperator(CurrentUser user) {
        if (!user.hasRole(Roles.OPERATOR)) {
            throw ApiException.forbidden("Deliveries are listed and retried by an operator.");
        }
    }
}
