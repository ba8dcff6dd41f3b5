package vn.loa.plan.orgunit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.web.ApiException;

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
