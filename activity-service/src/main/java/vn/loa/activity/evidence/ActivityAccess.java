package vn.loa.activity.evidence;

import vn.loa.support.security.CurrentUser;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The one thing evidence needs of activities: "may this caller see (or change) this activity, and what is it?",
 * answered exactly as for the activity itself. Evidence authorises through here and nowhere else, so that it
 * follows the activity's access policy when that policy changes (today {@link JdbcActivityAccess}; the activity
 * feature's own policy once it has one).
 */
public interface ActivityAccess {

    /** 403 for a role that reads no activities; 404 for an unknown activity or one outside the caller's scope. */
    ActivityRef readable(CurrentUser user, UUID activityId);

    /** As {@link #readable}, then 403 unless the caller's role may change activities. */
    ActivityRef writable(CurrentUser user, UUID activityId);

    /**
     * The org unit's path (root first) if the caller may read that unit's activities: 403 as {@link #readable},
     * 404 for an unknown unit or one outside the caller's scope.
     */
    List<String> readableOrgUnit(CurrentUser user, String orgUnit);

    /**
     * What evidence needs to know of an activity.
     *
     * @param status      {@code PLANNED}, {@code IN_PROGRESS}, {@code COMPLETED} or {@code CANCELLED}
     * @param completedOn the completion date, if completed: it dates the activity's period; else the due date does
     * @param planId      the plan it is carried out under: the key of its events, and of its evidence's
     */
    record ActivityRef(UUID id, String status, String orgUnit, List<String> orgUnitPath, String title,
                       LocalDate dueDate, LocalDate completedOn, UUID planId) {

        public boolean cancelled() {
            return "CANCELLED".equals(status);
        }

        /** The date whose period must be open to change the activity's record (completion, else due date). */
        public LocalDate periodDate() {
            return completedOn != null ? completedOn : dueDate;
        }
    }
}
