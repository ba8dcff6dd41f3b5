package vn.loa.messaging;

/** Entry point for consumers: builds the {@link EventRoutes} of a listener. */
public interface InboundEvents {

    /**
     * @param consumer the name recorded in the inbox with each processed event id, e.g.
     *                 {@code plan-copy}; one name per projection so that each applies an event once
     */
    EventRoutes.Builder routes(String consumer);
}
