package vn.loa.notification.web;

import org.springframework.http.HttpStatus;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.ETags;

/**
 * Every change of an aggregate names the version it was made on (SHARED-DECISIONS, issue 16): no
 * {@code If-Match} is 428 {@code precondition-required}, a stale one 412 {@code version-conflict}
 * (a change that races past the check fails on the entity's {@code @Version}, also 412).
 */
public final class IfMatch {

    private IfMatch() {
    }

    public static void require(String ifMatch, long currentVersion, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "Precondition required",
                    "Changing " + what + " needs the If-Match header with the ETag you read (GET it first), "
                            + "so that a change made meanwhile by someone else is not overwritten.");
        }
        ETags.checkIfMatch(ifMatch, currentVersion);
    }
}
