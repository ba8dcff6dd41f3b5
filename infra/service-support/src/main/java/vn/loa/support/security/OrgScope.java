package vn.loa.support.security;

import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.util.List;

/**
 * Who reads which business object (API.md, Identity), in one place for every service:
 * <ul>
 *   <li>a commune officer its commune, a district officer its district and the communes under it, a province
 *       viewer everything below its province: one rule, the caller's org unit lies on the object's org-unit
 *       path (root first, the unit itself last);</li>
 *   <li>an operator nothing (least privilege, SHARED-DECISIONS): OPERATOR runs the operations endpoints
 *       ({@code /api/ops/**}, deliveries, the org tree) and a caller whose only role it is gets 403 from every
 *       business endpoint. A person who is both an officer and an operator reads as the officer.</li>
 * </ul>
 * Outside the scope an object answers 404, as if it did not exist; a change also needs an officer's role (403).
 */
public final class OrgScope {

    private OrgScope() {
    }

    /** Whether the caller reads business objects at all: {@link CurrentUser#readsBusinessData()}. */
    public static boolean readsBusinessData(CurrentUser user) {
        return user != null && user.readsBusinessData();
    }

    /** The object's path lies in the caller's scope (and the caller reads business objects at all). */
    public static boolean covers(CurrentUser user, List<String> orgUnitPath) {
        if (!readsBusinessData(user) || orgUnitPath == null) {
            return false;
        }
        return user.orgUnit() != null && orgUnitPath.contains(user.orgUnit());
    }

    /**
     * 403 unless the caller has a role that reads business objects. Call it before looking anything up, so that an
     * operator is refused alike whether the object exists or not.
     */
    public static void requireBusinessRole(CurrentUser user) {
        if (!readsBusinessData(user)) {
            throw user != null && user.hasRole(Roles.OPERATOR)
                    ? ApiException.of(ProblemCode.FORBIDDEN, "operator-only")
                    : ApiException.of(ProblemCode.FORBIDDEN);
        }
    }

    /**
     * 403 without a business role, 404 for an object outside the caller's scope, as if it did not exist.
     *
     * @param what the object, e.g. {@code Text.of("object.plan", id)}, for "Không tìm thấy kế hoạch …"
     */
    public static void requireReadable(CurrentUser user, List<String> orgUnitPath, Text what) {
        requireBusinessRole(user);
        if (!covers(user, orgUnitPath)) {
            throw ApiException.of(ProblemCode.NOT_FOUND, "object", what);
        }
    }

    /**
     * A change needs the object in scope (else 404) and an officer's role (else 403). The scope is checked first
     * so that a caller cannot learn that an object exists by being refused with 403.
     */
    public static void requireWritable(CurrentUser user, List<String> orgUnitPath, Text what) {
        requireReadable(user, orgUnitPath, what);
        requireOfficer(user);
    }

    /** 403 unless the caller is a commune or district officer (viewers read only). */
    public static void requireOfficer(CurrentUser user) {
        if (!user.canWrite()) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "read-only", String.join(", ", user.roles()));
        }
    }

    /** @deprecated name the object with a {@link Text} of the bundles: {@link #requireReadable(CurrentUser, List, Text)}. */
    @Deprecated
    public static void requireReadable(CurrentUser user, List<String> orgUnitPath, String what) {
        requireBusinessRole(user);
        if (!covers(user, orgUnitPath)) {
            throw ApiException.of(ProblemCode.NOT_FOUND, Text.literal(what + " was not found."));
        }
    }

    /** @deprecated {@link #requireWritable(CurrentUser, List, Text)} */
    @Deprecated
    public static void requireWritable(CurrentUser user, List<String> orgUnitPath, String what) {
        requireReadable(user, orgUnitPath, what);
        requireOfficer(user);
    }
}
