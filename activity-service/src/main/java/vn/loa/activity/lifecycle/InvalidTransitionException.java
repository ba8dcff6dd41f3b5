package vn.loa.activity.lifecycle;

/** A lifecycle step the activity's status does not allow. */
class InvalidTransitionException extends RuntimeException {

    InvalidTransitionException(String action, ActivityStatus from) {
        super("Cannot " + action + " an activity that is " + from + ".");
    }
}
