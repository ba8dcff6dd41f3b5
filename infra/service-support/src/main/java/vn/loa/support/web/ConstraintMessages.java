package vn.loa.support.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.ProblemTexts;
import vn.loa.common.problem.Text;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Messages of {@code validation-failed} errors in the language of the request, from the problem bundles
 * ({@code field.*}). The bounds every request field carries ({@code @Size}, {@code @Max}, {@code @Min},
 * {@code @DecimalMax}, {@code @DecimalMin}) state the limit and how far the value is over it ("must be at most
 * 4,000 characters long (it has 5,120)", "phải có tối đa 4.000 ký tự (hiện có 5.120)"); Bean Validation's other
 * standard constraints have their message in both languages. A constraint whose message is a key of the bundles
 * ({@code message = "{field.code-format}"}) gets that message; any other message written on the annotation is
 * kept as written.
 */
public final class ConstraintMessages {

    private static final String STANDARD = "{jakarta.validation.constraints.";

    private ConstraintMessages() {
    }

    /**
     * The field errors of a programmatic validation ({@code validator.validate(request)}), named as the web
     * layer names them ({@code evidence[0].note}, {@code topics[2]}), in the language of the current request.
     */
    public static List<FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations) {
        return fieldErrors(violations, Problems.currentLocale());
    }

    public static List<FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations, Locale locale) {
        return fieldTexts(violations).stream()
                .map(f -> new FieldError(f.field(), ProblemTexts.shared().resolve(f.message(), locale)))
                .toList();
    }

    /** The same, not yet in a language: for {@link ApiException#invalid(List)}. */
    public static List<FieldText> fieldTexts(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldText(v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", ""), text(v)))
                .sorted(Comparator.comparing(FieldText::field))
                .toList();
    }

    /** The message of one violation. */
    public static Text text(ConstraintViolation<?> violation) {
        String template = violation.getConstraintDescriptor().getMessageTemplate();
        if (template != null && template.startsWith("{field.") && template.endsWith("}")) {
            String key = template.substring(1, template.length() - 1);
            return Text.of(key).orElse(violation.getMessage());
        }
        if (template == null || !template.startsWith(STANDARD)) {
            // The service wrote its own message on the annotation: it wins.
            return Text.literal(violation.getMessage());
        }
        return text(violation.getConstraintDescriptor().getAnnotation(), violation.getInvalidValue(), violation.getMessage());
    }

    static Text text(Annotation constraint, Object value, String fallback) {
        if (constraint instanceof Size size) {
            Integer length = length(value);
            String kind = value instanceof CharSequence ? "text" : "items";
            Text base;
            if (size.min() > 0 && size.max() < Integer.MAX_VALUE) {
                base = Text.of("field.size." + kind + ".between", (long) size.min(), (long) size.max());
            } else if (size.max() < Integer.MAX_VALUE) {
                base = Text.of("field.size." + kind + ".max", (long) size.max());
            } else {
                base = Text.of("field.size." + kind + ".min", (long) size.min());
            }
            return length == null ? base : Text.of("field.has", base, (long) length);
        }
        if (constraint instanceof Max max) {
            return is(Text.of("field.max", max.value()), value);
        }
        if (constraint instanceof Min min) {
            return is(Text.of("field.min", min.value()), value);
        }
        if (constraint instanceof DecimalMax max) {
            return is(Text.of("field.decimal-max." + (max.inclusive() ? "inclusive" : "exclusive"), max.value()), value);
        }
        if (constraint instanceof DecimalMin min) {
            return is(Text.of("field.decimal-min." + (min.inclusive() ? "inclusive" : "exclusive"), min.value()), value);
        }
        String key = "field.constraint." + constraint.annotationType().getSimpleName();
        if (!ProblemTexts.shared().has(key, ProblemTexts.VIETNAMESE)) {
            return Text.literal(fallback);
        }
        if (constraint instanceof Pattern pattern) {
            return Text.of(key, pattern.regexp()).orElse(fallback);
        }
        if (constraint instanceof Digits digits) {
            return Text.of(key, String.valueOf(digits.integer()), String.valueOf(digits.fraction())).orElse(fallback);
        }
        return Text.of(key).orElse(fallback);
    }

    /** "… (it is 5000)": the value as sent, not grouped. */
    private static Text is(Text base, Object value) {
        return value == null ? base : Text.of("field.is", base, String.valueOf(value));
    }

    private static Integer length(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value != null && value.getClass().isArray()) {
            return Array.getLength(value);
        }
        return null;
    }
}
