package vn.loa.notification.egress;

import java.net.UnknownHostException;

/**
 * A webhook target the SSRF guard refuses. An {@link UnknownHostException} so that it can be thrown
 * from the HTTP client's DNS hook at connect time, where the guard checks the address it is about
 * to connect to; the message says why, for the subscriber and the delivery's last error.
 */
public class RefusedTargetException extends UnknownHostException {

    public RefusedTargetException(String reason) {
        super(reason);
    }
}
