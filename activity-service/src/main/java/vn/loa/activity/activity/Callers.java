package vn.loa.activity.activity;

import vn.loa.activity.support.Problems;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;

/** Maps the authenticated user to a {@link Caller}: officers read and write in their subtree, the province viewer only reads. */
public final class Callers {

    private Callers() {
    }

    public static Caller of(CurrentUser user) {
        boolean writes = user.hasRole(Roles.COMMUNE_OFFICER) || user.hasRole(Roles.DISTRICT_OFFICER);
        boolean reads = writes || user.hasRole(Roles.PROVINCE_VIEWER);
        if (!reads) {
            throw Problems.forbidden("Activities are for commune and district officers and province viewers.");
        }
        if (user.orgUnit() == null || user.orgUnit().isBlank()) {
            // Caller.orgUnit == null means "everything" (internal callers); a token must never get that.
            throw Problems.forbidden("The token names no org unit.");
        }
        return new Caller(user.username(), user.orgUnit(), writes);
    }
}
