package vn.loa.notification.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this instance has claimed, as the claim returned it: what a sender needs, and the
 * version the claim produced (the outcome is written only if it is still the current one).
 * {@code claimedAt} is this instance's clock, for the lease check before sending.
 */
record ClaimedDelivery(UUID id, UUID eventId, String eventType, String channel, String target, UUID subscriptionId,
                       String subject, String body, String payload, int attempts, long version, Instant claimedAt) {

    /** Breakers are kept per subscription: one subscriber's bad target opens nobody else's. */
    UUID breakerKey() {
        return subscriptionId != null ? subscriptionId : id;
    }
}
