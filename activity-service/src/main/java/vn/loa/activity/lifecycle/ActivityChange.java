package vn.loa.activity.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One change of an activity, part of the aggregate's history: written once in the transaction of the change
 * that makes it and never updated ({@code @Immutable}: the activity's {@code @Version} orders the changes and the
 * key (activity, version) refuses a second writer of the same version).
 */
@Entity
@Immutable
@Table(name = "activity_change")
class ActivityChange implements Persistable<ActivityChange.Key> {

    enum Action { SCHEDULED, STARTED, COMPLETED, CANCELLED, CORRECTED }

    @Embeddable
    record Key(@Column(name = "activity_id") UUID activityId, @Column(name = "version") int version) implements Serializable {
    }

    @EmbeddedId
    private Key key;

    private String action;

    private String changedBy;

    private Instant changedAt;

    private String reason;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<FieldChange> changes;

    /** Changes are only ever inserted: persist without looking for the row first. */
    @Transient
    private boolean isNew = true;

    protected ActivityChange() {
        // for JPA
    }

    static ActivityChange of(Activity a, int version, Action action, String by, Instant at, String reason,
                             List<FieldChange> changes) {
        ActivityChange c = new ActivityChange();
        c.key = new Key(a.id(), version);
        c.action = action.name();
        c.changedBy = by;
        c.changedAt = at;
        c.reason = reason;
        c.changes = List.copyOf(changes);
        return c;
    }

    @Override
    public Key getId() {
        return key;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    HistoryEntry view() {
        return new HistoryEntry(key.version(), action, changedBy, changedAt, reason, changes == null ? List.of() : changes);
    }
}
