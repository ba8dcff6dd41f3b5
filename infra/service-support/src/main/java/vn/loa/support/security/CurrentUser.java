package vn.loa.support.security;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The caller, from the validated token: {@code sub}, {@code roles} and {@code org_unit}. Declare it as
 * a controller method parameter to receive it.
 */
public record CurrentUser(String username, Set<String> roles, String orgUnit) {

    public static final String ROLES_CLAIM = "roles";
    public static final String ORG_UNIT_CLAIM = "org_unit";

    public static CurrentUser of(Jwt jwt) {
        return new CurrentUser(jwt.getSubject(), Set.copyOf(roles(jwt)), jwt.getClaimAsString(ORG_UNIT_CLAIM));
    }

    static Collection<String> roles(Jwt jwt) {
        Object claim = jwt.getClaims().get(ROLES_CLAIM);
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value && !value.isBlank()) {
            return List.of(value.split("[ ,]+"));
        }
        return List.of();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... candidates) {
        for (String role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Officers write within their scope; viewers only read; operators neither (they run operations). */
    public boolean canWrite() {
        return hasAnyRole(Roles.COMMUNE_OFFICER, Roles.DISTRICT_OFFICER);
    }

    /**
     * Whether the caller reads business objects (plans, activities, reports, notifications) at all: officers and
     * province viewers do; OPERATOR alone does not (least privilege, SHARED-DECISIONS). {@link OrgScope} applies it.
     */
    public boolean readsBusinessData() {
        return hasAnyRole(Roles.COMMUNE_OFFICER, Roles.DISTRICT_OFFICER, Roles.PROVINCE_VIEWER);
    }
}
