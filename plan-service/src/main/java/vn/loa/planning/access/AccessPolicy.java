package vn.loa.planning.access;

import org.springframework.stereotype.Component;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;

/**
 * Who may do what in plan-service, in one place (issue 16.2). The caller is service-support's
 * {@link CurrentUser}; scope is service-support's rule (the caller's org unit lies on the object's
 * org-unit path; operators see everything and change nothing), evaluated against the <em>current</em>
 * tree (issue 15.8), never against a path copied onto the object.
 *
 * <ul>
 *   <li>read: commune and district officers, province viewers and operators, within scope (else 404);
 *       a token with none of these roles gets 403;</li>
 *   <li>change plans: commune and district officers within scope (out of scope 404 first, so that a
 *       refusal never tells that an object exists; then 403 for a reader's role);</li>
 *   <li>change the org tree (register, move, close, merge): operators only, because the tree decides
 *       what everybody in every service sees.</li>
 * </ul>
 */
@Component
public class AccessPolicy {

    private final OrgTree tree;

    AccessPolicy(OrgTree tree) {
        this.tree = tree;
    }

    public void requireReader(CurrentUser user) {
        if (!user.hasAnyRole(Roles.COMMUNE_OFFICER, Roles.DISTRICT_OFFICER, Roles.PROVINCE_VIEWER, Roles.OPERATOR)) {
            throw ApiException.forbidden("Reading plans and org units needs an officer's, a viewer's or an operator's role.");
        }
    }

    public void requireWriter(CurrentUser user) {
        if (!user.canWrite()) {
            throw ApiException.forbidden("Changing plans needs a commune or district officer's role.");
        }
    }

    /**
     * service-support's {@link OrgScope} rule (the caller's org unit on the path; operators everywhere) on
     * the unit's current path or on its successors'.
     */
    public boolean covers(CurrentUser user, String orgUnitCode) {
        return orgUnitCode != null && tree.scopePaths(orgUnitCode).stream().anyMatch(path -> OrgScope.covers(user, path));
    }

    /** 403 without a reader's role, 404 outside the caller's scope. */
    public void requireReadable(CurrentUser user, String orgUnitCode, String what) {
        requireReader(user);
        if (!covers(user, orgUnitCode)) {
            throw ApiException.notFound(what + " was not found.");
        }
    }

    /** 404 outside the caller's scope (checked first), 403 without an officer's role. */
    public void requireWritable(CurrentUser user, String orgUnitCode, String what) {
        if (!covers(user, orgUnitCode)) {
            throw ApiException.notFound(what + " was not found.");
        }
        requireWriter(user);
    }

    /** An org unit is visible in scope and above the caller's own unit (a commune knows its district and province). */
    public boolean canSeeOrgUnit(CurrentUser user, String orgUnitCode) {
        return covers(user, orgUnitCode) || (user.orgUnit() != null && tree.pathOf(user.orgUnit()).contains(orgUnitCode));
    }

    public void requireTreeManager(CurrentUser user) {
        if (!user.hasRole(Roles.OPERATOR)) {
            throw ApiException.forbidden("Changing the org tree (register, move, close, merge) needs the OPERATOR role.");
        }
    }
}
