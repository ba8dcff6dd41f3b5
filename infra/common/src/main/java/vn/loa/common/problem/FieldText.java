package vn.loa.common.problem;

/**
 * One field at fault in a {@code validation-failed} (or {@code plan-incomplete}) problem, before it is put into
 * the language of the request: rendered as {@code {"field": ..., "message": ...}} in {@code errors[]}.
 *
 * @param field   the field as the client wrote it ({@code evidence[1].note}, {@code targets[0].unit})
 * @param message what is wrong with it
 */
public record FieldText(String field, Text message) {

    /** A message of the bundles ({@code field.*} keys) for the field. */
    public static FieldText of(String field, String key, Object... args) {
        return new FieldText(field, Text.of(key, args));
    }

    /** A message given as is (not in the bundles). */
    public static FieldText literal(String field, String message) {
        return new FieldText(field, Text.literal(message));
    }
}
