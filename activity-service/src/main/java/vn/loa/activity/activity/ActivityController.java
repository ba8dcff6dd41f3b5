package vn.loa.activity.activity;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ETags;
import vn.loa.support.web.PageResponse;
import vn.loa.support.web.Paging;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/activities")
class ActivityController {

    private final ActivityService service;

    ActivityController(ActivityService service) {
        this.service = service;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<ActivityView> create(@Valid @RequestBody NewActivity body, CurrentUser user) {
        ActivityView created = service.create(Callers.of(user), body);
        return ResponseEntity.created(URI.create("/api/activities/" + created.id()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @GetMapping("/{id}")
    ResponseEntity<ActivityView> get(@PathVariable UUID id, CurrentUser user) {
        return withETag(service.get(Callers.of(user), id));
    }

    @GetMapping
    PageResponse<ActivityView> list(@RequestParam(required = false) UUID planId,
                                    @RequestParam(required = false) ActivityStatus status,
                                    @RequestParam(required = false) String unit,
                                    @RequestParam(required = false) Boolean overdue,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size,
                                    CurrentUser user) {
        Paging paging = Paging.of(page, size);
        ActivityService.Page result = service.list(Callers.of(user), planId, status, unit, overdue, paging.page(), paging.size());
        return new PageResponse<>(result.items(), result.page(), result.size(), result.total());
    }

    @PostMapping("/{id}/start")
    ResponseEntity<ActivityView> start(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       CurrentUser user) {
        return withETag(service.start(Callers.of(user), id, ifMatch));
    }

    @PostMapping(path = "/{id}/complete", consumes = "application/json")
    ResponseEntity<ActivityView> complete(@PathVariable UUID id, @Valid @RequestBody CompletionRequest body,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          CurrentUser user) {
        return withETag(service.complete(Callers.of(user), id, ifMatch, body));
    }

    @PostMapping(path = "/{id}/cancel", consumes = "application/json")
    ResponseEntity<ActivityView> cancel(@PathVariable UUID id, @Valid @RequestBody CancellationRequest body,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        CurrentUser user) {
        return withETag(service.cancel(Callers.of(user), id, ifMatch, body));
    }

    private static ResponseEntity<ActivityView> withETag(ActivityView view) {
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }
}
