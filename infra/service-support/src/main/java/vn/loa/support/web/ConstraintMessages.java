package vn.loa.support.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.text.NumberFormat;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Messages of {@code validation-failed} errors that state the limit and how far the value is over it
 * ("must be at most 4,000 characters long (it has 5,120)"), for the bounds every request field carries
 * ({@code @Size}, {@code @Max}, {@code @Min}, {@code @DecimalMax}, {@code @DecimalMin} with Bean Validation's
 * default message). A message written on the annotation, and every other constraint, keep their own message.
 */
public final class ConstraintMessages {

    private ConstraintMessages() {
    }

    /**
     * The field errors of a programmatic validation ({@code validator.validate(request)}), named as the web
     * layer names them ({@code evidence[0].note}, {@code topics[2]}), with the messages stating the limit.
     */
    public static List<FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldError(v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", ""), of(v)))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
    }

    static String of(ConstraintViolation<?> violation) {
        String template = violation.getConstraintDescriptor().getMessageTemplate();
        if (template == null || !template.startsWith("{jakarta.validation.constraints.")) {
            // The service wrote its own message on the annotation: it wins.
            return violation.getMessage();
        }
        return of(violation.getConstraintDescriptor().getAnnotation(), violation.getInvalidValue(), violation.getMessage());
    }

    static String of(Annotation constraint, Object value, String fallback) {
        if (constraint instanceof Size size) {
            Integer length = length(value);
            boolean text = value instanceof CharSequence;
            String unit = text ? " characters" : " items";
            String has = length == null ? "" : " (it has " + number(length) + ")";
            if (size.min() > 0 && size.max() < Integer.MAX_VALUE) {
                return "must have between " + number(size.min()) + " and " + number(size.max()) + unit + has;
            }
            if (size.max() < Integer.MAX_VALUE) {
                return (text ? "must be at most " + number(size.max()) + " characters long"
                        : "must have at most " + number(size.max()) + " items") + has;
            }
            return "must have at least " + number(size.min()) + unit + has;
        }
        if (constraint instanceof Max max) {
            return "must be at most " + number(max.value()) + is(value);
        }
        if (constraint instanceof Min min) {
            return "must be at least " + number(min.value()) + is(value);
        }
        if (constraint instanceof DecimalMax max) {
            return "must be " + (max.inclusive() ? "at most " : "less than ") + max.value() + is(value);
        }
        if (constraint instanceof DecimalMin min) {
            return "must be " + (min.inclusive() ? "at least " : "more than ") + min.value() + is(value);
        }
        return fallback;
    }

    private static String is(Object value) {
        return value == null ? "" : " (it is " + value + ")";
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

    private static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
    }
}
