package vn.loa.reporting;

import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
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

    public static void require(String ifMatch, long currentVersion, Text what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ApiException.of(ProblemCode.PRECONDITION_REQUIRED, "object", what);
        }
        ETags.checkIfMatch(ifMatch, currentVersion);
    }
}
