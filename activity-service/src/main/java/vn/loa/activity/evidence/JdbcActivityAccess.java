package vn.loa.activity.evidence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.activity.support.Sql;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ActivityAccess} by the activity feature's rules of today ({@code Callers}/{@code Caller}): officers and
 * province viewers read, officers write, within the subtree of the token's org unit (the unit is on the
 * activity's org-unit path); the scope is checked before the role, so that a 403 never tells that an activity
 * exists. One small query of the {@code activity} table; to be replaced by the activity feature's access policy.
 */
@Component
class JdbcActivityAccess implements ActivityAccess {

    private final JdbcClient jdbc;

    JdbcActivityAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ActivityRef readable(CurrentUser user, UUID activityId) {
        requireReader(user);
        return find(activityId).filter(a -> a.orgUnitPath().contains(user.orgUnit()))
                .orElseThrow(() -> ApiException.notFound("Activity " + activityId + " not found."));
    }

    @Override
    public ActivityRef writable(CurrentUser user, UUID activityId) {
        ActivityRef activity = readable(user, activityId);
        if (!user.canWrite()) {
            throw ApiException.forbidden("Your role may read activities but not change them.");
        }
        return activity;
    }

    @Override
    public List<String> readableOrgUnit(CurrentUser user, String orgUnit) {
        requireReader(user);
        List<String> path = jdbc.sql("SELECT path FROM org_unit_copy WHERE code = :code").param("code", orgUnit)
                .query((rs, n) -> Sql.list(rs, "path")).optional()
                // An org unit whose registration we have not received (yet): its plans and activities carry its path.
                .or(() -> jdbc.sql("SELECT org_unit_path FROM plan_copy WHERE org_unit = :code LIMIT 1").param("code", orgUnit)
                        .query((rs, n) -> Sql.list(rs, "org_unit_path")).optional())
                .or(() -> jdbc.sql("SELECT org_unit_path FROM activity WHERE org_unit = :code LIMIT 1").param("code", orgUnit)
                        .query((rs, n) -> Sql.list(rs, "org_unit_path")).optional())
                .filter(p -> p.contains(user.orgUnit()))
                .orElseThrow(() -> ApiException.notFound("Org unit " + orgUnit + " not found."));
        return path;
    }

    private static void requireReader(CurrentUser user) {
        if (!user.hasAnyRole(Roles.COMMUNE_OFFICER, Roles.DISTRICT_OFFICER, Roles.PROVINCE_VIEWER)) {
            throw ApiException.forbidden("Activities are for commune and district officers and province viewers.");
        }
        if (user.orgUnit() == null || user.orgUnit().isBlank()) {
            throw ApiException.forbidden("The token names no org unit.");
        }
    }

    private Optional<ActivityRef> find(UUID id) {
        return jdbc.sql("""
                        SELECT id, status, org_unit, org_unit_path, title, due_date, completed_on
                        FROM activity WHERE id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new ActivityRef(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("org_unit"), Sql.list(rs, "org_unit_path"), rs.getString("title"),
                        rs.getObject("due_date", LocalDate.class), rs.getObject("completed_on", LocalDate.class)))
                .optional();
    }
}
