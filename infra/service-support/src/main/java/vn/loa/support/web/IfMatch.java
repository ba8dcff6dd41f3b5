package vn.loa.support.web;

import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The precondition of a change (RFC 9110 §13.1.1, SHARED-DECISIONS): the {@code If-Match} header with
 * the ETag of the version the caller read. {@link #check} answers 428 {@code precondition-required} when
 * it is missing and 412 {@code version-conflict} when it is not the aggregate's current {@code @Version};
 * services call it after the scope check, so that a caller outside the scope gets 404 either way.
 * {@code *} matches any current version, as the RFC says: a client that sends it chose to overwrite.
 *
 * <p>Shared by the services (issue 16: one vocabulary); {@link ETags#checkIfMatch} is the older, lenient check
 * that lets a missing header through.
 *
 * <p>The check against the loaded entity catches a stale read; Hibernate's {@code @Version} check at
 * flush catches a change committed between that check and ours (also 412, through ProblemAdvice).
 */
public final class IfMatch {

    /** What in-process callers (demo data) pass when they change what they have just read themselves. */
    public static final IfMatch ANY = new IfMatch(true, List.of());

    private static final IfMatch MISSING = new IfMatch(false, List.of());

    private final boolean any;
    private final List<String> tags;

    private IfMatch(boolean any, List<String> tags) {
        this.any = any;
        this.tags = List.copyOf(tags);
    }

    /** The version an in-process caller read. */
    public static IfMatch version(long version) {
        return new IfMatch(false, List.of(ETags.of(version)));
    }

    /** The header as sent (null or blank: missing, refused with 428 by {@link #check}). */
    public static IfMatch from(String header) {
        if (header == null || header.isBlank()) {
            return MISSING;
        }
        if (header.strip().equals("*")) {
            return ANY;
        }
        List<String> tags = new ArrayList<>();
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (!t.isEmpty()) {
                tags.add(t.startsWith("\"") ? t : "\"" + t + "\"");
            }
        }
        return tags.isEmpty() ? MISSING : new IfMatch(false, tags);
    }

    public boolean isMissing() {
        return !any && tags.isEmpty();
    }

    public boolean matches(long currentVersion) {
        return any || tags.contains(ETags.of(currentVersion));
    }

    /**
     * 428 without a precondition, 412 unless it names the current version.
     *
     * @param what the object, e.g. {@code Text.of("object.plan", id)}
     */
    public void check(long currentVersion, Text what) {
        if (isMissing()) {
            throw ApiException.of(ProblemCode.PRECONDITION_REQUIRED, "object", what);
        }
        if (!matches(currentVersion)) {
            throw ApiException.of(ProblemCode.VERSION_CONFLICT, "object", what, ETags.of(currentVersion), String.join(", ", tags));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IfMatch other && any == other.any && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(any, tags);
    }

    @Override
    public String toString() {
        return any ? "*" : String.join(", ", tags);
    }
}
