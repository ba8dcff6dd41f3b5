package vn.loa.activity.activity;

/** Strong ETags from the activity's version. */
final class ETag {

    private ETag() {
    }

    static String of(int version) {
        return "\"" + version + "\"";
    }

    /** If-Match holds one or more ETags, or "*". */
    static boolean matches(String ifMatch, int version) {
        String current = of(version);
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(current) || t.equals("W/" + current)) {
                return true;
            }
        }
        return false;
    }
}
