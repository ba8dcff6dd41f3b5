package vn.loa.support.security;

import vn.loa.support.web.ApiException;

import java.util.List;

/**
 * Org scope (API.md, Identity): a commune officer sees its commune, a district officer its district
 * and the communes under it, a province viewer everything below its province. All three are the
 * same rule: the caller's org unit lies on the object's org-unit path (root first, the unit itself
 * last). Operators see everything for operations.
 */
public final class OrgScope {

    private OrgScope() {
    }

    public static boolean covers(CurrentUser user, List<String> orgUnitPath) {
        if (user == null || orgUnitPath == null) {
            return false;
        }
        if (user.hasRole(Roles.OPERATOR)) {
            return true;
        }
        return user.orgUnit() != null && orgUnitPath.contains(user.orgUnit());
    }

    /** Answers 404 for an object outside the caller's scope, as if it did not exist. */
    public static void requireReadable(CurrentUser user, List<String> orgUnitPath, String what) {
        if (!covers(user, orgUnitPath)) {
            throw ApiException.notFound(what + " was not found.");
        }
    }

    /**
     * A change needs the object in scope (else 404) and an officer's role (else 403). The scope is
     * checked first so that a caller cannot learn that an object exists by being refused with 403.
     */
    public static void requireWritable(CurrentUser user, List<String> orgUnitPath, String what) {
        requireReadable(user, orgUnitPath, what);
        if (!user.canWrite()) {
            throw ApiException.forbidden("Your role (" + String.join(", ", user.roles())
                    + ") may read but not change this.");
        }
    }
}
