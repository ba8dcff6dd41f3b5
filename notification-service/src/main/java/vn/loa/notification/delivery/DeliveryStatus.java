package vn.loa.notification.delivery;

/** PENDING: not tried yet; FAILED: an attempt failed, another is scheduled; DEAD: out of attempts. */
public enum DeliveryStatus { PENDING, SENT, FAILED, DEAD }
