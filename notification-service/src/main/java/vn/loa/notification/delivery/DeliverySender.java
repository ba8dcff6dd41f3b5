package vn.loa.notification.delivery;

/** Sends one delivery over one channel; throws when the target did not accept it. */
interface DeliverySender {

    String channel();

    /** The key of the resource that can fail: it names the circuit breaker and the bulkhead. */
    String guardKey(Delivery delivery);

    void send(Delivery delivery) throws Exception;
}
