package vn.loa.planning.plan;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.web.IfMatch;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.PageResponse;
import vn.loa.support.web.Paging;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The plan endpoints of API.md. Thin: parse, call {@link PlanService} (which applies the access policy),
 * map. Changes of a plan (PUT, issue, amend, close) need {@code If-Match} with the plan's ETag.
 */
@RestController
@RequestMapping("/api/plans")
class PlanController {

    private final PlanService plans;

    PlanController(PlanService plans) {
        this.plans = plans;
    }

    @PostMapping
    ResponseEntity<PlanView> create(CurrentUser user, @Valid @RequestBody PlanRequest request) {
        PlanView plan = plans.create(user, request);
        return ResponseEntity.created(URI.create("/api/plans/" + plan.id())).eTag(plan.etag()).body(plan);
    }

    @GetMapping
    PageResponse<PlanView> list(CurrentUser user,
                                @RequestParam(required = false) String orgUnit,
                                @RequestParam(required = false) Integer year,
                                @RequestParam(required = false) PlanStatus status,
                                @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        var result = plans.list(user, orgUnit, year, status, paging.page(), paging.size());
        return new PageResponse<>(result.items(), paging.page(), paging.size(), result.total());
    }

    @GetMapping("/{id}")
    ResponseEntity<PlanView> get(CurrentUser user, @PathVariable UUID id) {
        return ok(plans.get(user, id));
    }

    @PutMapping("/{id}")
    ResponseEntity<PlanView> update(CurrentUser user, @PathVariable UUID id,
                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                    @Valid @RequestBody PlanRequest request) {
        return ok(plans.update(user, id, IfMatch.from(ifMatch), request));
    }

    @PostMapping("/{id}/issue")
    ResponseEntity<PlanView> issue(CurrentUser user, @PathVariable UUID id,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @Valid @RequestBody IssueRequest request) {
        return ok(plans.issue(user, id, IfMatch.from(ifMatch), request));
    }

    @PostMapping("/{id}/amendments")
    ResponseEntity<PlanView> amend(CurrentUser user, @PathVariable UUID id,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @Valid @RequestBody AmendmentRequest request) {
        PlanView plan = plans.amend(user, id, IfMatch.from(ifMatch), request);
        return ResponseEntity.created(URI.create("/api/plans/" + id + "/versions/" + plan.version()))
                .eTag(plan.etag()).body(plan);
    }

    @PostMapping("/{id}/close")
    ResponseEntity<PlanView> close(CurrentUser user, @PathVariable UUID id,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return ok(plans.close(user, id, IfMatch.from(ifMatch)));
    }

    /** Creates a draft for a child unit: a creation, so no If-Match (the parent plan is read, not changed). */
    @PostMapping("/{id}/derive")
    ResponseEntity<PlanView> derive(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody DeriveRequest request) {
        PlanView plan = plans.derive(user, id, request);
        return ResponseEntity.created(URI.create("/api/plans/" + plan.id())).eTag(plan.etag()).body(plan);
    }

    @GetMapping("/{id}/adoption")
    AdoptionView adoption(CurrentUser user, @PathVariable UUID id) {
        return plans.adoption(user, id);
    }

    @GetMapping("/{id}/versions")
    List<VersionSummary> versions(CurrentUser user, @PathVariable UUID id) {
        return plans.versions(user, id);
    }

    @GetMapping("/{id}/versions/{version}")
    VersionView version(CurrentUser user, @PathVariable UUID id, @PathVariable int version) {
        return plans.version(user, id, version);
    }

    private static ResponseEntity<PlanView> ok(PlanView plan) {
        return ResponseEntity.ok().eTag(plan.etag()).body(plan);
    }
}
