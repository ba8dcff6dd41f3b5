package vn.loa.common.problem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One problem as Loa answers it (RFC 9457, API.md), before it is put into the language of the request:
 * {@link #render(Locale)} gives the body, {@code type, title, status, detail, code}, {@code errors} when there
 * are fields at fault, then the extra members. The servlet services (service-support's {@code ApiException})
 * and the reactive gateway both render through here, so that their problems cannot differ.
 *
 * @param code          the machine code (normally a {@link ProblemCode}'s)
 * @param status        the HTTP status (the catalogue's for a catalogued code)
 * @param fallbackTitle the title for a code the catalogue does not list (a throw site not yet moved to it)
 * @param detail        what happened, for the person who made the request
 * @param errors        the fields at fault, if any
 * @param properties    extra members (the limit of a 413, the period of a 409, …)
 */
public record Problem(String code, int status, String fallbackTitle, Text detail, List<FieldText> errors,
                      Map<String, Object> properties) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The code with its default detail ({@code problem.<code>.detail}). */
    public static Problem of(ProblemCode code) {
        return of(code, Text.of(code.detailKey()));
    }

    /** The code with a particular detail: {@code problem.<code>.<variant>} and its arguments. */
    public static Problem of(ProblemCode code, String variant, Object... args) {
        return of(code, Text.of(code.detailKey(variant), args));
    }

    public static Problem of(ProblemCode code, Text detail) {
        return new Problem(code.code(), code.status(), null, detail, List.of(), Map.of());
    }

    /**
     * A problem given by code and status as strings (the former way of throwing, still used by modules not yet
     * moved to the catalogue): a catalogued code takes the catalogue's status and title, whatever the throw
     * site said, so that one code never has two statuses; an unknown code keeps what was given.
     */
    public static Problem legacy(String code, int status, String title, String detail) {
        return ProblemCode.of(code)
                .map(known -> new Problem(known.code(), known.status(), null, Text.literal(detail), List.of(), Map.of()))
                .orElseGet(() -> new Problem(code, status, title, Text.literal(detail), List.of(), Map.of()));
    }

    /**
     * The same problem answered 422 instead of its catalogued status. For one case only, because API.md states it:
     * {@code validation-failed} for a request that is well formed but names what its plan does not have (an unknown
     * target, unit or channel of the plan) is 422, while a malformed field is 400. The public contract wins over
     * "one status per code"; the README lists it among the departures.
     */
    public Problem unprocessable() {
        return new Problem(code, 422, fallbackTitle, detail, errors, properties);
    }

    /** The catalogue entry of the code, if it is one. */
    public java.util.Optional<ProblemCode> catalogued() {
        return ProblemCode.of(code);
    }

    public Problem withErrors(List<FieldText> fieldErrors) {
        return new Problem(code, status, fallbackTitle, detail, fieldErrors, properties);
    }

    /** Adds an extra member to the body (e.g. the period and who closed it). */
    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(name, value);
        return new Problem(code, status, fallbackTitle, detail, errors, more);
    }

    /** The title in {@code locale}: the catalogue's, or for an unknown code the given one (else its status's). */
    public String title(Locale locale, ProblemTexts texts) {
        return catalogued().map(c -> texts.title(c, locale))
                .orElseGet(() -> fallbackTitle != null ? fallbackTitle : texts.title(ProblemCode.forStatus(status), locale));
    }

    /** The detail in {@code locale}; a key the bundles lack shows the code's default detail. */
    public String detail(Locale locale, ProblemTexts texts) {
        Text byDefault = catalogued().map(c -> Text.of(c.detailKey())).orElse(null);
        if (detail == null) {
            return byDefault == null ? null : texts.resolve(byDefault, locale);
        }
        if (detail.key() != null && detail.fallback() == null && byDefault != null && !detail.key().equals(byDefault.key())) {
            return texts.resolve(detail.orElse(texts.resolve(byDefault, locale)), locale);
        }
        return texts.resolve(detail, locale);
    }

    /** {@code errors[]} in {@code locale}: {@code [{field, message}]}. */
    public List<Map<String, String>> errors(Locale locale, ProblemTexts texts) {
        List<Map<String, String>> out = new ArrayList<>(errors.size());
        for (FieldText error : errors) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("field", error.field());
            e.put("message", texts.resolve(error.message(), locale));
            out.add(e);
        }
        return out;
    }

    /** The problem+json body in {@code locale} (the shared bundles). */
    public Map<String, Object> render(Locale locale) {
        return render(locale, ProblemTexts.shared());
    }

    public Map<String, Object> render(Locale locale, ProblemTexts texts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemCode.TYPE_BASE + code);
        body.put("title", title(locale, texts));
        body.put("status", status);
        body.put("detail", detail(locale, texts));
        body.put("code", code);
        if (!errors.isEmpty()) {
            body.put("errors", errors(locale, texts));
        }
        properties.forEach(body::putIfAbsent);
        return body;
    }
}
