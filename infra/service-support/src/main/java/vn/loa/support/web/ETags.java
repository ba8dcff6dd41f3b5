package vn.loa.support.web;

/** Weak-free, version-based entity tags: {@code "<version>"}. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Honours {@code If-Match}: absent means "no precondition"; {@code *} matches any version;
     * otherwise one of the listed tags must equal the current version, else 412.
     */
    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String current = of(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(current) || t.equals(String.valueOf(currentVersion))) {
                return;
            }
        }
        throw ApiException.of(vn.loa.common.problem.ProblemCode.VERSION_CONFLICT, "stale", current, ifMatch);
    }
}
