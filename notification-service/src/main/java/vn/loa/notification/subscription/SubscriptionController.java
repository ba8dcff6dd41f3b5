package vn.loa.notification.subscription;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.web.PageResponse;
import vn.loa.support.web.Paging;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/subscriptions")
class SubscriptionController {

    record SubscriptionRequest(String orgUnit, String unit, String channel, String target, List<String> events,
                               String secret, String language) {
    }

    /** The secret is never shown again, except once when the service generated it. */
    record SubscriptionView(UUID id, String orgUnit, String unit, String channel, String target, List<String> events,
                            String language, boolean signed, String secret, String createdBy,
                            OffsetDateTime createdAt) {

        static SubscriptionView of(Subscription s, String generatedSecret) {
            return new SubscriptionView(s.id(), s.orgUnit(), s.unit(), s.channel().name(), s.target(), s.events(),
                    s.language(), s.secret() != null, generatedSecret, s.createdBy(), s.createdAt());
        }
    }

    private final SubscriptionService service;
    private final Subscriptions subscriptions;

    SubscriptionController(SubscriptionService service, Subscriptions subscriptions) {
        this.service = service;
        this.subscriptions = subscriptions;
    }

    @PostMapping
    ResponseEntity<SubscriptionView> create(CurrentUser user, @RequestBody SubscriptionRequest request) {
        SubscriptionService.Created created = service.create(user, request);
        return ResponseEntity.created(URI.create("/api/subscriptions/" + created.subscription().id()))
                .body(SubscriptionView.of(created.subscription(), created.generatedSecret()));
    }

    @GetMapping
    PageResponse<SubscriptionView> list(CurrentUser user, @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        String scope = SubscriptionService.listScope(user);
        return new PageResponse<>(subscriptions.within(scope, (int) paging.offset(), paging.size()).stream()
                .filter(s -> OrgScope.covers(user, s.orgUnitPath()))
                .map(s -> SubscriptionView.of(s, null)).toList(),
                paging.page(), paging.size(), subscriptions.countWithin(scope));
    }

    @GetMapping("/{id}")
    SubscriptionView get(CurrentUser user, @PathVariable UUID id) {
        return SubscriptionView.of(service.readable(user, id), null);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable UUID id) {
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }
}
