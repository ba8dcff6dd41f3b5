package vn.loa.support.web;

import java.io.IOException;

/**
 * A request body went past its limit while being read (a body sent without {@code Content-Length}). An
 * {@link IOException}, as the stream's reader expects; {@link RequestBodyLimitFilter} and
 * {@link ProblemAdvice} turn it into 413 {@code payload-too-large}.
 */
public class PayloadTooLargeException extends IOException {

    private final long limit;
    private final String kind;

    public PayloadTooLargeException(long limit, String kind) {
        super("request body larger than " + limit + " bytes, the limit for " + kind);
        this.limit = limit;
        this.kind = kind;
    }

    public long limit() {
        return limit;
    }

    /** What the limit is for, e.g. "JSON requests". */
    public String kind() {
        return kind;
    }

    /** The 413 problem naming the limit. */
    public ApiException problem() {
        return RequestBodyLimitFilter.tooLarge(limit, kind);
    }

    /** The exception in {@code e}'s causes, or null. */
    public static PayloadTooLargeException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
