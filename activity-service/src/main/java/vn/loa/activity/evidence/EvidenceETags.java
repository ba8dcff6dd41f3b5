package vn.loa.activity.evidence;

/** An evidence file's ETag is its SHA-256: the bytes never change, so the hash is the strongest validator there is. */
final class EvidenceETags {

    private EvidenceETags() {
    }

    static String of(String sha256) {
        return "\"" + sha256 + "\"";
    }

    /** If-Match / If-None-Match: {@code *} or one of the listed tags (weak or strong) is this file's. */
    static boolean matches(String header, String sha256) {
        if (header == null) {
            return false;
        }
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equalsIgnoreCase(sha256)) {
                return true;
            }
        }
        return false;
    }
}
