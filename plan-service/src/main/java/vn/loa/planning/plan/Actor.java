package vn.loa.planning.plan;

import java.util.List;
import java.util.Set;

/**
 * Who acts on plans: the authenticated caller (from the JWT) or the system itself (demo data).
 * Roles and scope follow API.md: commune officers their commune, district officers their district
 * and its communes, province viewers read everything below their province.
 */
public record Actor(String username, Set<String> roles, String orgUnit, boolean system) {

    public static final String COMMUNE_OFFICER = "COMMUNE_OFFICER";
    public static final String DISTRICT_OFFICER = "DISTRICT_OFFICER";
    public static final String PROVINCE_VIEWER = "PROVINCE_VIEWER";

    public Actor {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public static Actor user(String username, Set<String> roles, String orgUnit) {
        return new Actor(username, roles, orgUnit, false);
    }

    public static Actor system(String name) {
        return new Actor(name, Set.of(), null, true);
    }

    boolean canRead() {
        return system || roles.contains(COMMUNE_OFFICER) || roles.contains(DISTRICT_OFFICER) || roles.contains(PROVINCE_VIEWER);
    }

    boolean canWrite() {
        return system || roles.contains(COMMUNE_OFFICER) || roles.contains(DISTRICT_OFFICER);
    }

    /** The caller's org unit is on the object's path (the system covers everything). */
    boolean covers(List<String> orgUnitPath) {
        return system || (orgUnit != null && orgUnitPath.contains(orgUnit));
    }
}
