package vn.loa.planning.plan;

import java.util.Arrays;

/** {@code If-Match} (RFC 9110 §13.1.1): absent or {@code *} matches; otherwise one of the listed tags must equal the current one. */
final class ETagMatch {

    private ETagMatch() {
    }

    static boolean matches(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return true;
        }
        String cur = strip(current);
        return Arrays.stream(ifMatch.split(",")).map(ETagMatch::strip).anyMatch(cur::equals);
    }

    private static String strip(String tag) {
        String t = tag.strip();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        return t;
    }
}
