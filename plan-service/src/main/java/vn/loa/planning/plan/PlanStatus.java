package vn.loa.planning.plan;

/** DRAFT → ISSUED → CLOSED. An issued plan changes only by amendment. */
public enum PlanStatus {
    DRAFT, ISSUED, CLOSED;

    boolean isEditable() {
        return this == DRAFT;
    }

    boolean canIssue() {
        return this == DRAFT;
    }

    boolean canAmend() {
        return this == ISSUED;
    }

    boolean canClose() {
        return this == ISSUED;
    }
}
