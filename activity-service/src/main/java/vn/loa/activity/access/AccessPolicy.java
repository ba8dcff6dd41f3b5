package vn.loa.activity.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.activity.orgunit.OrgTree;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;

import java.util.List;
import java.util.UUID;

/**
 * Who may do what in activity-service, in one place (issue 16.2). The caller is service-support's
 * {@link CurrentUser}; scope is service-support's {@link OrgScope} rule (the caller's org unit lies on the
 * object's org-unit path), evaluated against the <em>current</em> tree copy ({@link OrgTree}, issue 15.8), never
 * against a path copied onto an activity: moving a commune moves its access.
 *
 * <ul>
 *   <li>read: commune and district officers and province viewers, within scope (else 404); a token with none of
 *       these roles (an operator's, SHARED-DECISIONS: operators call the operations endpoints only) or without
 *       an org unit gets 403;</li>
 *   <li>change: commune and district officers, within scope; out of scope is 404 first, so that a refusal never
 *       tells that an activity exists; then 403 for a reader's role.</li>
 * </ul>
 */
@Component
public class AccessPolicy {

    /** What a caller wants to do with an activity. */
    public enum Access { READ, WRITE }

    private final OrgTree tree;
    private final JdbcClient jdbc;

    AccessPolicy(OrgTree tree, JdbcClient jdbc) {
        this.tree = tree;
        this.jdbc = jdbc;
    }

    /** 403 unless the caller is an officer or a viewer with an org unit in the token. */
    public void requireReader(CurrentUser user) {
        // The one rule for OPERATOR (service-support): a token whose only role it is reads no business data.
        OrgScope.requireBusinessRole(user);
        if (!user.hasAnyRole(Roles.COMMUNE_OFFICER, Roles.DISTRICT_OFFICER, Roles.PROVINCE_VIEWER)) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "activity-reader");
        }
        if (user.orgUnit() == null || user.orgUnit().isBlank()) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "no-org-unit");
        }
    }

    /** "Activity {id}" as the bundles name it, for not-found and precondition answers. */
    public static Text activity(UUID id) {
        return Text.of("object.activity", String.valueOf(id));
    }

    /** 404 for an activity that does not exist or lies outside the caller's scope (indistinguishable on purpose). */
    public static ApiException activityNotFound(UUID id) {
        return ApiException.of(ProblemCode.NOT_FOUND, "object", activity(id));
    }

    /** 403 unless the caller may change activities (a commune or district officer). */
    public void requireWriter(CurrentUser user) {
        requireReader(user);
        if (!user.canWrite()) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "activity-writer");
        }
    }

    /** The caller's org unit is on the current path of {@code orgUnit}, or of what it was closed or merged into. */
    public boolean covers(CurrentUser user, String orgUnit) {
        return orgUnit != null && tree.scopePaths(orgUnit).stream().anyMatch(path -> OrgScope.covers(user, path));
    }

    /**
     * As {@link #requireReadable(CurrentUser, String, Text)} for a unit the tree copy may not know yet (its
     * registration not received): then the path copied onto its plans and activities decides.
     */
    public void requireReadable(CurrentUser user, String orgUnit, List<String> copiedPath, Text what) {
        requireReader(user);
        boolean known = !tree.scopePaths(orgUnit).isEmpty();
        if (known ? !covers(user, orgUnit) : !OrgScope.covers(user, copiedPath)) {
            throw ApiException.of(ProblemCode.NOT_FOUND, "object", what);
        }
    }

    /** 403 without a reader's role, 404 outside the caller's scope. */
    public void requireReadable(CurrentUser user, String orgUnit, Text what) {
        requireReader(user);
        if (!covers(user, orgUnit)) {
            throw ApiException.of(ProblemCode.NOT_FOUND, "object", what);
        }
    }

    /** 403 without a reader's role, 404 outside the caller's scope (checked before the writer's role), then 403. */
    public void requireWritable(CurrentUser user, String orgUnit, Text what) {
        requireReadable(user, orgUnit, what);
        requireWriter(user);
    }

    /** The org units whose activities the caller sees (lists filter by them; an index serves the filter). */
    public List<String> unitsInScope(CurrentUser user) {
        requireReader(user);
        return tree.unitsCoveredBy(user.orgUnit());
    }

    /**
     * For other features of this service (evidence files): may this caller read ({@link Access#READ}) or change
     * ({@link Access#WRITE}) activity {@code activityId}? Returns normally if so; otherwise throws the API's
     * answer: 404 {@code not-found} for an unknown activity or one outside the caller's scope (the tree copy
     * decides), 403 {@code forbidden} for a caller without the role. One indexed query for the activity's org
     * unit and one for its scope.
     */
    public void requireActivity(CurrentUser user, UUID activityId, Access access) {
        requireReader(user);
        String orgUnit = jdbc.sql("SELECT org_unit FROM activity WHERE id = :id").param("id", activityId)
                .query(String.class).optional()
                .orElseThrow(() -> activityNotFound(activityId));
        if (access == Access.WRITE) {
            requireWritable(user, orgUnit, activity(activityId));
        } else {
            requireReadable(user, orgUnit, activity(activityId));
        }
    }
}
