package vn.loa.planning.orgunit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.planning.access.AccessPolicy;
import vn.loa.support.web.IfMatch;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * The org tree: {@code GET /api/org-units/{code}} and its children for every reader (the units in scope
 * and those above the caller's own), and its changes for operators — register ({@code POST}, or
 * {@code PUT} to create or change), move with the subtree, close, merge. Changes of an existing unit
 * need {@code If-Match}.
 */
@RestController
@RequestMapping("/api/org-units")
class OrgUnitController {

    /** Org-unit and office codes: lower-case words joined by single dashes (the events' contract). */
    static final String CODE = "[a-z0-9]+(-[a-z0-9]+)*";
    /** The message of the bundles ({@code field.code-format}), in the caller's language. */
    static final String CODE_MESSAGE = "{field.code-format}";

    private final OrgUnits orgUnits;
    private final AccessPolicy access;

    OrgUnitController(OrgUnits orgUnits, AccessPolicy access) {
        this.orgUnits = orgUnits;
        this.access = access;
    }

    @GetMapping("/{code}")
    ResponseEntity<OrgUnitView> get(CurrentUser user, @PathVariable String code) {
        OrgUnitView unit = visible(user, code);
        return ResponseEntity.ok().eTag(unit.etag()).body(unit);
    }

    @GetMapping("/{code}/children")
    List<OrgUnitView> children(CurrentUser user, @PathVariable String code) {
        visible(user, code);
        return access.visibleOrgUnits(user, orgUnits.children(code), OrgUnitView::code, OrgUnitView::path,
                u -> u.successorCode() != null);
    }

    /** Registers a new unit: 201, or 409 {@code org-unit-exists}. */
    @PostMapping
    ResponseEntity<OrgUnitView> create(CurrentUser user, @Valid @RequestBody NewUnitRequest request) {
        access.requireTreeManager(user);
        OrgUnitView unit = orgUnits.create(request.registration(), user.username()).unit();
        return ResponseEntity.created(URI.create("/api/org-units/" + unit.code())).eTag(unit.etag()).body(unit);
    }

    /**
     * Creates (201) or changes (200, {@code If-Match} required) an org unit. Publishes
     * {@code org-unit-registered} when something changed.
     */
    @PutMapping("/{code}")
    ResponseEntity<OrgUnitView> register(CurrentUser user, @PathVariable String code,
                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         @Valid @RequestBody RegistrationRequest request) {
        access.requireTreeManager(user);
        checkCode(code);
        OrgUnits.Registered result = orgUnits.register(request.toRegistration(code), IfMatch.from(ifMatch), user.username());
        OrgUnitView unit = result.unit();
        return (result.created() ? ResponseEntity.created(URI.create("/api/org-units/" + code)) : ResponseEntity.ok())
                .eTag(unit.etag()).body(unit);
    }

    /** Re-parents the unit with its subtree; publishes {@code org-unit-moved} and the new state of every unit moved. */
    @PostMapping("/{code}/move")
    ResponseEntity<OrgUnitView> move(CurrentUser user, @PathVariable String code,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @Valid @RequestBody MoveRequest request) {
        access.requireTreeManager(user);
        OrgUnitView unit = orgUnits.move(code, request.newParent(), request.effectiveOn(), IfMatch.from(ifMatch), user.username());
        return ResponseEntity.ok().eTag(unit.etag()).body(unit);
    }

    /** Closes the unit from {@code closedOn}, naming its successor if any; publishes {@code org-unit-closed}. */
    @PostMapping("/{code}/close")
    ResponseEntity<OrgUnitView> close(CurrentUser user, @PathVariable String code,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @Valid @RequestBody CloseRequest request) {
        access.requireTreeManager(user);
        OrgUnitView unit = orgUnits.close(code, request.closedOn(), request.successor(), IfMatch.from(ifMatch), user.username());
        return ResponseEntity.ok().eTag(unit.etag()).body(unit);
    }

    /**
     * Merges units into a new one: 201 with the new unit. A creation, so no If-Match: the predecessors
     * are checked to be active under the tree lock, and closing them bumps their versions, so that a
     * concurrent change of one of them fails with 412.
     */
    @PostMapping("/merge")
    ResponseEntity<OrgUnitView> merge(CurrentUser user, @Valid @RequestBody MergeRequest request) {
        access.requireTreeManager(user);
        OrgUnitView unit = orgUnits.merge(new OrgUnits.Merger(request.registration(), request.predecessors(),
                request.effectiveOn()), user.username());
        return ResponseEntity.created(URI.create("/api/org-units/" + unit.code())).eTag(unit.etag()).body(unit);
    }

    record UnitRequest(@NotBlank @Size(max = 64) @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
                       @NotBlank @Size(max = 300) String name,
                       @NotBlank @Size(max = 64) String kind) {
    }

    record RegistrationRequest(
            @NotBlank @Size(max = 300) String name,
            @NotBlank @Size(max = 40) String level,
            @Size(max = 64) String parentCode,
            @NotBlank @Size(max = 40) String abbreviation,
            @NotBlank @Size(max = 300) String issuerName,
            @Size(max = 300) String parentBodyName,
            @Size(max = 200) String placeName,
            @Size(max = 50) List<@Valid @NotNull UnitRequest> units) {

        OrgUnits.Registration toRegistration(String code) {
            return new OrgUnits.Registration(code, name, level, parentCode, abbreviation, issuerName, parentBodyName,
                    placeName, toUnits(units));
        }
    }

    record NewUnitRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 300) String name,
            @NotBlank @Size(max = 40) String level,
            @Size(max = 64) String parentCode,
            @NotBlank @Size(max = 40) String abbreviation,
            @NotBlank @Size(max = 300) String issuerName,
            @Size(max = 300) String parentBodyName,
            @Size(max = 200) String placeName,
            @Size(max = 50) List<@Valid @NotNull UnitRequest> units) {

        OrgUnits.Registration registration() {
            return new OrgUnits.Registration(code, name, level, parentCode, abbreviation, issuerName, parentBodyName,
                    placeName, toUnits(units));
        }
    }

    record MoveRequest(@NotBlank @Size(max = 64) String newParent, LocalDate effectiveOn) {
    }

    record CloseRequest(@NotNull LocalDate closedOn, @Size(max = 64) String successor) {
    }

    record MergeRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 300) String name,
            @NotBlank @Size(max = 40) String level,
            @Size(max = 64) String parentCode,
            @NotBlank @Size(max = 40) String abbreviation,
            @NotBlank @Size(max = 300) String issuerName,
            @Size(max = 300) String parentBodyName,
            @Size(max = 200) String placeName,
            @Size(max = 50) List<@Valid @NotNull UnitRequest> units,
            @NotNull @Size(min = 2, max = 50) List<@NotBlank @Size(max = 64) String> predecessors,
            @NotNull LocalDate effectiveOn) {

        OrgUnits.Registration registration() {
            return new OrgUnits.Registration(code, name, level, parentCode, abbreviation, issuerName, parentBodyName,
                    placeName, toUnits(units));
        }
    }

    private static List<OrgUnitView.Unit> toUnits(List<UnitRequest> units) {
        return units == null ? List.of() : units.stream().map(u -> new OrgUnitView.Unit(u.code(), u.name(), u.kind())).toList();
    }

    private OrgUnitView visible(CurrentUser user, String code) {
        access.requireOrgUnitReader(user);
        OrgUnitView unit = orgUnits.find(code).orElseThrow(() -> notFound(code));
        if (!access.canSeeOrgUnit(user, unit.code())) {
            throw notFound(code);
        }
        return unit;
    }

    private static void checkCode(String code) {
        if (code.length() > 64 || !code.matches(CODE)) {
            throw ApiException.invalid("code", "field.code-format-64");
        }
    }

    private static ApiException notFound(String code) {
        return ApiException.of(ProblemCode.NOT_FOUND, "object", Text.of("object.org-unit", code));
    }
}
