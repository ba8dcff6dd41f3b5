package vn.loa.notification.access;

import org.springframework.stereotype.Component;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;

import java.util.List;

/**
 * Who may do what in notification-service, in one place (issue 16.2), on service-support's caller model
 * ({@link CurrentUser}) and scope rule ({@link OrgScope}):
 * <ul>
 *   <li>the inbox: officers and viewers, the notifications of their own org unit;</li>
 *   <li>subscriptions: read by officers and viewers within their scope, made and deleted by commune and district
 *       officers within it (404 outside it before 403 for a viewer);</li>
 *   <li>deliveries (list, read, retry) and {@code /api/ops/**}: operators only. An operator reads no business
 *       object — neither an inbox nor a subscription (least privilege, SHARED-DECISIONS): 403.</li>
 * </ul>
 * Role checks come before anything is looked up, so that a refusal never tells whether an object exists.
 */
@Component
public class AccessPolicy {

    /** The org unit whose inbox the caller reads: 403 for an operator or a token without an org unit. */
    public String requireInbox(CurrentUser user) {
        OrgScope.requireBusinessRole(user);
        if (user.orgUnit() == null || user.orgUnit().isBlank()) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "no-inbox");
        }
        return user.orgUnit();
    }

    /** The org unit whose subtree the caller lists subscriptions of: its own. */
    public String requireSubscriptionReader(CurrentUser user) {
        OrgScope.requireBusinessRole(user);
        if (user.orgUnit() == null || user.orgUnit().isBlank()) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "no-org-unit");
        }
        return user.orgUnit();
    }

    /** Whether a subscription of {@code path} lies in the caller's scope. */
    public boolean covers(CurrentUser user, List<String> path) {
        return OrgScope.covers(user, path);
    }

    /** 403 without a business role, 404 outside the caller's scope. */
    public void requireReadable(CurrentUser user, List<String> path, Text what) {
        OrgScope.requireReadable(user, path, what);
    }

    /** Officers make and delete subscriptions within their scope (404 outside it, then 403 for a viewer). */
    public void requireSubscriptionManager(CurrentUser user, List<String> path, Text what) {
        OrgScope.requireReadable(user, path, what);
        if (!user.canWrite()) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "subscriptions-read-only", String.join(", ", user.roles()));
        }
    }

    /** Deliveries are an operator's concern. */
    public void requireOperator(CurrentUser user) {
        if (!user.hasRole(Roles.OPERATOR)) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "deliveries");
        }
    }
}
