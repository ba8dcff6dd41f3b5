package vn.loa.messaging;

import java.util.UUID;

/**
 * The idempotent consumer: records that {@code consumer} processed {@code eventId} in the same
 * transaction as the effect, so that a redelivered event has no second effect.
 */
public interface Inbox {

    /**
     * Runs {@code effect} in a transaction together with recording the event id, unless this
     * consumer already processed the event.
     *
     * @return true if the effect ran, false if the event was a duplicate
     */
    boolean processOnce(String consumer, UUID eventId, Runnable effect);
}
