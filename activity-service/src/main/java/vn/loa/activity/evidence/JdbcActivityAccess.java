package vn.loa.activity.evidence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.activity.access.AccessPolicy;
import vn.loa.activity.support.Sql;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ActivityAccess} by the activity feature's one policy ({@link AccessPolicy}): officers and province viewers
 * read, officers write, within the subtree of the token's org unit as the current tree copy has it; the scope is
 * checked before the role, so that a 403 never tells that an activity exists; an operator-only token gets 403.
 * This class only reads what evidence needs of the activity (one small query of the {@code activity} table).
 */
@Component
class JdbcActivityAccess implements ActivityAccess {

    private final JdbcClient jdbc;
    private final AccessPolicy policy;

    JdbcActivityAccess(JdbcClient jdbc, AccessPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    @Override
    public ActivityRef readable(CurrentUser user, UUID activityId) {
        policy.requireReader(user);
        ActivityRef activity = find(activityId).orElseThrow(() -> AccessPolicy.activityNotFound(activityId));
        policy.requireReadable(user, activity.orgUnit(), AccessPolicy.activity(activityId));
        return activity;
    }

    @Override
    public ActivityRef writable(CurrentUser user, UUID activityId) {
        policy.requireReader(user);
        ActivityRef activity = find(activityId).orElseThrow(() -> AccessPolicy.activityNotFound(activityId));
        policy.requireWritable(user, activity.orgUnit(), AccessPolicy.activity(activityId));
        return activity;
    }

    @Override
    public List<String> readableOrgUnit(CurrentUser user, String orgUnit) {
        policy.requireReader(user);
        Text what = Text.of("object.org-unit", orgUnit);
        List<String> path = jdbc.sql("SELECT path FROM org_unit_copy WHERE code = :code").param("code", orgUnit)
                .query((rs, n) -> Sql.list(rs, "path")).optional()
                // An org unit whose registration we have not received (yet): its plans and activities carry its path.
                .or(() -> jdbc.sql("SELECT org_unit_path FROM plan_copy WHERE org_unit = :code LIMIT 1").param("code", orgUnit)
                        .query((rs, n) -> Sql.list(rs, "org_unit_path")).optional())
                .or(() -> jdbc.sql("SELECT org_unit_path FROM activity WHERE org_unit = :code LIMIT 1").param("code", orgUnit)
                        .query((rs, n) -> Sql.list(rs, "org_unit_path")).optional())
                .orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "object", what));
        policy.requireReadable(user, orgUnit, path, what);
        return path;
    }

    private Optional<ActivityRef> find(UUID id) {
        return jdbc.sql("""
                        SELECT id, status, org_unit, org_unit_path, title, due_date, completed_on, plan_id
                        FROM activity WHERE id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new ActivityRef(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("org_unit"), Sql.list(rs, "org_unit_path"), rs.getString("title"),
                        rs.getObject("due_date", LocalDate.class), rs.getObject("completed_on", LocalDate.class),
                        rs.getObject("plan_id", UUID.class)))
                .optional();
    }
}
