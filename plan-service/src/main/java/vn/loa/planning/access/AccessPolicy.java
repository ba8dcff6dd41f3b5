package vn.loa.planning.access;

import org.springframework.stereotype.Component;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who may do what in plan-service, in one place (issue 16.2). The caller is service-support's
 * {@link CurrentUser}; scope is service-support's {@link OrgScope} rule (the caller's org unit lies on the object's
 * org-unit path; an operator reads no business object), evaluated against the <em>current</em> tree (issue 15.8),
 * never against a path copied onto the object.
 *
 * <ul>
 *   <li>read plans: commune and district officers and province viewers, within scope (else 404); any other
 *       token, an operator's included, gets 403 (least privilege, SHARED-DECISIONS);</li>
 *   <li>change plans: commune and district officers within scope (out of scope 404 first, so that a
 *       refusal never tells that an object exists; then 403 for a reader's role);</li>
 *   <li>the org tree: read by every reader (the units in scope and those above the caller's own) and by
 *       operators (all of it: they keep it); changed (register, move, close, merge) by operators only, because
 *       the tree decides what everybody in every service sees.</li>
 * </ul>
 */
@Component
public class AccessPolicy {

    private final OrgTree tree;

    AccessPolicy(OrgTree tree) {
        this.tree = tree;
    }

    /** 403 unless the caller reads plans: an officer or a viewer (an operator alone does not). */
    public void requireReader(CurrentUser user) {
        if (!OrgScope.readsBusinessData(user) && !user.hasRole(Roles.OPERATOR)) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "plan-reader");
        }
        OrgScope.requireBusinessRole(user);
    }

    public void requireWriter(CurrentUser user) {
        if (!user.canWrite()) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "plan-writer");
        }
    }

    /** service-support's {@link OrgScope} rule on the unit's current path or on its successors'. */
    public boolean covers(CurrentUser user, String orgUnitCode) {
        return orgUnitCode != null && tree.scopePaths(orgUnitCode).stream().anyMatch(path -> OrgScope.covers(user, path));
    }

    /** 403 without a reader's role, 404 outside the caller's scope. */
    public void requireReadable(CurrentUser user, String orgUnitCode, Text what) {
        requireReader(user);
        if (!covers(user, orgUnitCode)) {
            throw ApiException.of(ProblemCode.NOT_FOUND, "object", what);
        }
    }

    /** 404 outside the caller's scope (checked first), 403 without an officer's role. */
    public void requireWritable(CurrentUser user, String orgUnitCode, Text what) {
        if (!covers(user, orgUnitCode)) {
            throw ApiException.of(ProblemCode.NOT_FOUND, "object", what);
        }
        requireWriter(user);
    }

    /** 403 unless the caller reads the org tree: a reader of plans, or an operator (who keeps the tree). */
    public void requireOrgUnitReader(CurrentUser user) {
        if (!isTreeManager(user)) {
            requireReader(user);
        }
    }

    /**
     * An org unit is visible in scope and above the caller's own unit (a commune knows its district and province);
     * the whole tree to an operator.
     */
    public boolean canSeeOrgUnit(CurrentUser user, String orgUnitCode) {
        return isTreeManager(user) || covers(user, orgUnitCode)
                || (user.orgUnit() != null && tree.pathOf(user.orgUnit()).contains(orgUnitCode));
    }

    /**
     * {@link #canSeeOrgUnit} for a list of units at once (a unit's children): the units' own current paths decide
     * without a query; the caller's path is read once; only a closed unit that is out of scope by its own path costs
     * a look at its successor chain. No query per unit (issue 17.5).
     */
    public <T> List<T> visibleOrgUnits(CurrentUser user, List<T> units, Function<T, String> code,
                                       Function<T, List<String>> path, Predicate<T> hasSuccessor) {
        if (isTreeManager(user)) {
            return units;
        }
        List<String> own = user.orgUnit() == null ? List.of() : tree.pathOf(user.orgUnit());
        return units.stream().filter(u -> OrgScope.covers(user, path.apply(u)) || own.contains(code.apply(u))
                || (hasSuccessor.test(u) && covers(user, code.apply(u)))).toList();
    }

    public void requireTreeManager(CurrentUser user) {
        if (!isTreeManager(user)) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "tree-manager");
        }
    }

    private static boolean isTreeManager(CurrentUser user) {
        return user.hasRole(Roles.OPERATOR);
    }
}
