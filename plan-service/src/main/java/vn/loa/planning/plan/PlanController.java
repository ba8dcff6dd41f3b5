package vn.loa.planning.plan;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import vn.loa.planning.document.PlanDocumentExport;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.PageResponse;
import vn.loa.support.web.Paging;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The plan endpoints of API.md. Thin: parse, call {@link PlanService}, map. */
@RestController
@RequestMapping("/api/plans")
class PlanController {

    private final PlanService plans;
    private final PlanDocumentExport documents;

    PlanController(PlanService plans, PlanDocumentExport documents) {
        this.plans = plans;
        this.documents = documents;
    }

    @PostMapping
    ResponseEntity<PlanView> create(CurrentUser user, @Valid @RequestBody PlanRequest request) {
        PlanView plan = plans.create(actor(user), request);
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
        var result = plans.list(actor(user), orgUnit, year, status, paging.page(), paging.size());
        return new PageResponse<>(result.items(), paging.page(), paging.size(), result.total());
    }

    @GetMapping("/{id}")
    ResponseEntity<PlanView> get(CurrentUser user, @PathVariable UUID id) {
        return ok(plans.get(actor(user), id));
    }

    @PutMapping("/{id}")
    ResponseEntity<PlanView> update(CurrentUser user, @PathVariable UUID id,
                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                    @Valid @RequestBody PlanRequest request) {
        return ok(plans.update(actor(user), id, ifMatch, request));
    }

    @PostMapping("/{id}/issue")
    ResponseEntity<PlanView> issue(CurrentUser user, @PathVariable UUID id,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @Valid @RequestBody IssueRequest request) {
        return ok(plans.issue(actor(user), id, ifMatch, request));
    }

    @PostMapping("/{id}/amendments")
    ResponseEntity<PlanView> amend(CurrentUser user, @PathVariable UUID id,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @Valid @RequestBody AmendmentRequest request) {
        PlanView plan = plans.amend(actor(user), id, ifMatch, request);
        return ResponseEntity.created(URI.create("/api/plans/" + id + "/versions/" + plan.version()))
                .eTag(plan.etag()).body(plan);
    }

    @PostMapping("/{id}/close")
    ResponseEntity<PlanView> close(CurrentUser user, @PathVariable UUID id,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return ok(plans.close(actor(user), id, ifMatch));
    }

    @PostMapping("/{id}/derive")
    ResponseEntity<PlanView> derive(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody DeriveRequest request) {
        PlanView plan = plans.derive(actor(user), id, request);
        return ResponseEntity.created(URI.create("/api/plans/" + plan.id())).eTag(plan.etag()).body(plan);
    }

    @GetMapping("/{id}/adoption")
    AdoptionView adoption(CurrentUser user, @PathVariable UUID id) {
        return plans.adoption(actor(user), id);
    }

    @GetMapping("/{id}/versions")
    List<VersionSummary> versions(CurrentUser user, @PathVariable UUID id) {
        return plans.versions(actor(user), id);
    }

    @GetMapping("/{id}/versions/{version}")
    VersionView version(CurrentUser user, @PathVariable UUID id, @PathVariable int version) {
        return plans.version(actor(user), id, version);
    }

    /** The plan as an administrative document in the Decree 30/2020 layout, as PDF or DOCX (infra/documents). */
    @GetMapping("/{id}/export")
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable UUID id, @RequestParam(defaultValue = "pdf") String format) {
        String type;
        byte[] body;
        switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "pdf" -> {
                type = "application/pdf";
                body = documents.pdf(actor(user), id);
            }
            case "docx" -> {
                type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                body = documents.docx(actor(user), id);
            }
            default -> throw new ApiException(HttpStatus.NOT_ACCEPTABLE, "unsupported-format", "Unsupported format",
                    "A plan is exported as pdf or docx; " + format + " is not available.");
        }
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"ke-hoach-" + id + "." + format.toLowerCase(java.util.Locale.ROOT) + "\"")
                .body(body);
    }

    private static ResponseEntity<PlanView> ok(PlanView plan) {
        return ResponseEntity.ok().eTag(plan.etag()).body(plan);
    }

    static Actor actor(CurrentUser user) {
        return Actor.user(user.username(), user.roles(), user.orgUnit());
    }
}
