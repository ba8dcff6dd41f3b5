package vn.loa.activity.lifecycle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.web.IfMatch;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ETags;
import vn.loa.support.web.Paging;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Thin: parse, call {@link ActivityService} (which authorizes), answer with the ETag of the version. Not
 * {@code @Validated}: Spring MVC validates the {@code @Valid} bodies and, for the list, the constrained query
 * parameters itself; the method-validation proxy validated every body a second time (issue 17.3: ~5 % of a
 * completion's CPU).
 */
@RestController
@RequestMapping("/api/activities")
class ActivityController {

    private final ActivityService service;

    ActivityController(ActivityService service) {
        this.service = service;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<ActivityView> create(@Valid @RequestBody NewActivity body, CurrentUser user) {
        ActivityView created = service.create(user, body);
        return ResponseEntity.created(URI.create("/api/activities/" + created.id()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @GetMapping("/{id}")
    ResponseEntity<ActivityView> get(@PathVariable UUID id, CurrentUser user) {
        return withETag(service.get(user, id));
    }

    @GetMapping("/{id}/history")
    List<HistoryEntry> history(@PathVariable UUID id, CurrentUser user) {
        return service.history(user, id);
    }

    /** {@code after}: the {@code next} of the page before (keyset paging); {@code page}/{@code size} as API.md. */
    @GetMapping
    ActivityPage list(@RequestParam(required = false) UUID planId,
                      @RequestParam(required = false) ActivityStatus status,
                      @RequestParam(required = false) @Size(max = Limits.CODE) String unit,
                      @RequestParam(required = false) Boolean overdue,
                      @RequestParam(required = false) Integer page,
                      @RequestParam(required = false) Integer size,
                      @RequestParam(required = false) @Size(max = 100) String after,
                      CurrentUser user) {
        Paging paging = Paging.of(page, size);
        return service.list(user, planId, status, unit, overdue, paging.page(), paging.size(), after);
    }

    @PostMapping("/{id}/start")
    ResponseEntity<ActivityView> start(@PathVariable UUID id,
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       CurrentUser user) {
        return withETag(service.start(user, id, IfMatch.from(ifMatch)));
    }

    @PostMapping(path = "/{id}/complete", consumes = "application/json")
    ResponseEntity<ActivityView> complete(@PathVariable UUID id, @Valid @RequestBody CompletionRequest body,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          CurrentUser user) {
        return withETag(service.complete(user, id, IfMatch.from(ifMatch), body));
    }

    @PostMapping(path = "/{id}/cancel", consumes = "application/json")
    ResponseEntity<ActivityView> cancel(@PathVariable UUID id, @Valid @RequestBody CancellationRequest body,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        CurrentUser user) {
        return withETag(service.cancel(user, id, IfMatch.from(ifMatch), body));
    }

    @PatchMapping(path = "/{id}", consumes = {"application/json", "application/merge-patch+json"})
    ResponseEntity<ActivityView> correct(@PathVariable UUID id, @Valid @RequestBody CorrectionRequest body,
                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         CurrentUser user) {
        return withETag(service.correct(user, id, IfMatch.from(ifMatch), body));
    }

    private static ResponseEntity<ActivityView> withETag(ActivityView view) {
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }
}
