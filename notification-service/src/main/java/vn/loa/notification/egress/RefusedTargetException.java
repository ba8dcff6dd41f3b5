package vn.loa.notification.egress;

import vn.loa.common.problem.ProblemTexts;
import vn.loa.common.problem.Text;

import java.net.UnknownHostException;

/**
 * A webhook target the SSRF guard refuses. An {@link UnknownHostException} so that it can be thrown
 * from the HTTP client's DNS hook at connect time, where the guard checks the address it is about
 * to connect to; the message says why, for the subscriber and the delivery's last error.
 */
public class RefusedTargetException extends UnknownHostException {

    private final transient Text reason;

    /** The message is the reason in English (the delivery's last error, the logs); {@link #reason()} in any language. */
    public RefusedTargetException(Text reason) {
        super(ProblemTexts.shared().resolve(reason, ProblemTexts.ENGLISH));
        this.reason = reason;
    }

    /** Why, as a text of the problem bundles (a subscriber reads it in their language). */
    public Text reason() {
        return reason;
    }
}
