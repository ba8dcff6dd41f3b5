package vn.loa.notification.web;

import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
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

    /** @param what the object, e.g. {@code Text.of("object.subscription", id)} */
    public static void require(String ifMatch, long currentVersion, Text what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ApiException.of(ProblemCode.PRECONDITION_REQUIRED, "object", what);
        }
        ETags.checkIfMatch(ifMatch, currentVersion);
    }
}
