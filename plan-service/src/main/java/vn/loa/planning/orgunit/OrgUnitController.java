package vn.loa.planning.orgunit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;

import java.net.URI;
import java.util.List;

/**
 * {@code GET /api/org-units/{code}} and its children. A caller sees the units in its scope and the
 * units above it (its own path), so that a commune knows its district and province.
 */
@RestController
@RequestMapping("/api/org-units")
class OrgUnitController {

    private final OrgUnits orgUnits;

    OrgUnitController(OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
    }

    @GetMapping("/{code}")
    OrgUnit get(CurrentUser user, @PathVariable String code) {
        OrgUnit unit = orgUnits.find(code).orElseThrow(() -> notFound(code));
        if (!visible(user, unit)) {
            throw notFound(code);
        }
        return unit;
    }

    @GetMapping("/{code}/children")
    List<OrgUnit> children(CurrentUser user, @PathVariable String code) {
        get(user, code);
        return orgUnits.children(code).stream().filter(u -> visible(user, u)).toList();
    }

    /**
     * Creates or changes an org unit (operators only). Publishes {@code org-unit-registered} when
     * something changed, so that the other services update their org trees.
     */
    @PutMapping("/{code}")
    ResponseEntity<OrgUnit> register(CurrentUser user, @PathVariable String code, @Valid @RequestBody RegistrationRequest request) {
        if (!user.hasRole(Roles.OPERATOR)) {
            throw ApiException.forbidden("Registering org units needs the OPERATOR role.");
        }
        if (!code.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw ApiException.validation("code", "lower-case letters, digits and dashes");
        }
        boolean existed = orgUnits.find(code).isPresent();
        orgUnits.register(new OrgUnits.Registration(code, request.name(), request.level(), request.parentCode(),
                request.abbreviation(), request.issuerName(), request.parentBodyName(), request.placeName(),
                request.units() == null ? List.of() : request.units().stream()
                        .map(u -> new OrgUnit.Unit(u.code(), u.name(), u.kind())).toList()));
        OrgUnit unit = orgUnits.find(code).orElseThrow();
        return existed ? ResponseEntity.ok(unit) : ResponseEntity.created(URI.create("/api/org-units/" + code)).body(unit);
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
    }

    record UnitRequest(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 300) String name,
                       @NotBlank @Size(max = 64) String kind) {
    }

    private boolean visible(CurrentUser user, OrgUnit unit) {
        if (OrgScope.covers(user, unit.path())) {
            return true;
        }
        List<String> own = orgUnits.find(user.orgUnit()).map(OrgUnit::path).orElse(List.of());
        return own.contains(unit.code());
    }

    private static ApiException notFound(String code) {
        return ApiException.notFound("Org unit " + code + " was not found.");
    }
}
