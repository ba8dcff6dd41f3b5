package vn.loa.notification.delivery;

/** Sends one delivery over one channel; throws when the target did not accept it. */
interface DeliverySender {

    String channel();

    /**
     * The lane of the delivery: the resource its call occupies (a webhook's host and port, the SMTP
     * server), which may take only a few of the delivery threads at once.
     */
    String lane(ClaimedDelivery delivery);

    void send(ClaimedDelivery delivery) throws Exception;
}
