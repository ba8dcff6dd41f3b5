package vn.loa.activity.lifecycle;

/** A lifecycle step the activity's status does not allow (answered 409 {@code invalid-transition}). */
class InvalidTransitionException extends RuntimeException {

    private final String action;
    private final ActivityStatus from;

    /** @param action {@code start}, {@code complete}, {@code cancel} or {@code correct} (the bundles' variants) */
    InvalidTransitionException(String action, ActivityStatus from) {
        super("Cannot " + action + " an activity that is " + from + ".");
        this.action = action;
        this.from = from;
    }

    String action() {
        return action;
    }

    ActivityStatus from() {
        return from;
    }
}
