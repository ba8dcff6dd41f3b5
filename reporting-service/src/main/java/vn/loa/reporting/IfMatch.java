package vn.loa.reporting;

import org.springframework.http.HttpStatus;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.ETags;

/**
 * Every update of an aggregate requires {@code If-Match} with the ETag of the version read
 * (SHARED-DECISIONS): 428 {@code precondition-required} without it, 412 {@code version-conflict}
 * when it names another version. The version is the JPA entity's {@code @Version}.
 */
public final class IfMatch {

    private IfMatch() {
    }

    public static void require(String ifMatch, long currentVersion, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "Precondition required",
                    "Changing " + what + " needs If-Match with the ETag you read (" + ETags.of(currentVersion)
                            + " now): read it, then send If-Match.");
        }
        ETags.checkIfMatch(ifMatch, currentVersion);
    }
}
