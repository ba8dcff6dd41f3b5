package vn.loa.common.problem;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A text to show a person, in the language of the request: a key of the problem bundles and its arguments
 * ({@link java.text.MessageFormat} placeholders {@code {0}}, {@code {1}}, …), resolved by {@link ProblemTexts}
 * when the answer is written. An argument may itself be a {@code Text} (resolved in the same language).
 *
 * @param key      the bundle key, or null for a text given as is
 * @param args     the arguments of the key's message
 * @param fallback what to show when the bundle has no such key (a throw site not yet moved to the bundles
 *                 passes its own words here), or null
 */
public record Text(String key, List<Object> args, String fallback) {

    public Text {
        // Arguments may be null (an absent value shows as "null", as string concatenation did).
        args = args == null ? List.of() : Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    /** The bundle's message {@code key} with its arguments. */
    public static Text of(String key, Object... args) {
        return new Text(key, args == null ? List.of() : Arrays.asList(args), null);
    }

    /** Words given at the throw site, shown as they are in every language (not yet in the bundles). */
    public static Text literal(String text) {
        return new Text(null, List.of(), text);
    }

    /** The same key, shown as {@code fallback} when the bundle lacks it. */
    public Text orElse(String fallback) {
        return new Text(key, args, fallback);
    }

    @Override
    public String toString() {
        return key == null ? String.valueOf(fallback) : key + args;
    }
}
