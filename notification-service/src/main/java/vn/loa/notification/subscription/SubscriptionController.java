package vn.loa.notification.subscription;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.notification.access.AccessPolicy;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ETags;
import vn.loa.support.web.PageResponse;
import vn.loa.support.web.Paging;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/subscriptions")
class SubscriptionController {

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
    private final AccessPolicy access;

    SubscriptionController(SubscriptionService service, AccessPolicy access) {
        this.service = service;
        this.access = access;
    }

    @PostMapping
    ResponseEntity<SubscriptionView> create(CurrentUser user, @Valid @RequestBody SubscriptionRequest request) {
        SubscriptionService.Created created = service.create(user, request);
        Subscription s = created.subscription();
        return ResponseEntity.created(URI.create("/api/subscriptions/" + s.id()))
                .header(HttpHeaders.ETAG, ETags.of(s.version()))
                .body(SubscriptionView.of(s, created.generatedSecret()));
    }

    @GetMapping
    PageResponse<SubscriptionView> list(CurrentUser user, @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        String scope = access.requireSubscriptionReader(user);
        Paging paging = Paging.of(page, size);
        return new PageResponse<>(service.within(scope, paging.offset(), paging.size()).stream()
                .filter(s -> access.covers(user, s.orgUnitPath()))
                .map(s -> SubscriptionView.of(s, null)).toList(),
                paging.page(), paging.size(), service.countWithin(scope));
    }

    @GetMapping("/{id}")
    ResponseEntity<SubscriptionView> get(CurrentUser user, @PathVariable UUID id) {
        Subscription s = service.readable(user, id);
        return ResponseEntity.ok().eTag(ETags.of(s.version())).body(SubscriptionView.of(s, null));
    }

    /** Needs {@code If-Match} with the ETag of the GET (428 without, 412 when stale). */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable UUID id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        service.delete(user, id, ifMatch);
        return ResponseEntity.noContent().build();
    }
}
