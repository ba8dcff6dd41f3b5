package vn.loa.notification.delivery;

/**
 * A delivery that can never succeed as it stands (its subscription was deleted, its stored address
 * is not one address): it goes DEAD at once instead of using up the retry schedule, and it counts
 * against no breaker.
 */
class PermanentDeliveryFailure extends Exception {

    PermanentDeliveryFailure(String message) {
        super(message);
    }
}
