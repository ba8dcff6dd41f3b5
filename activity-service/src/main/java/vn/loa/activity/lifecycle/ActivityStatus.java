package vn.loa.activity.lifecycle;

/** PLANNED → IN_PROGRESS → COMPLETED | CANCELLED; overdue is derived, not a status. */
public enum ActivityStatus {
    PLANNED, IN_PROGRESS, COMPLETED, CANCELLED;

    public boolean open() {
        return this == PLANNED || this == IN_PROGRESS;
    }
}
