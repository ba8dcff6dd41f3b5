package vn.loa.support.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.ProblemTexts;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the problem bodies of API.md ({@code type}, {@code title}, {@code status}, {@code detail}, {@code code},
 * {@code errors}) in the language of the request, from loa-common's {@link Problem} (the gateway renders the same
 * way). Vietnamese unless {@code Accept-Language} prefers English ({@link ProblemTexts#locale(String)}).
 */
public final class Problems {

    public static final String TYPE_BASE = ProblemCode.TYPE_BASE;

    private Problems() {
    }

    /** The language of the answer to {@code request}. */
    public static Locale locale(HttpServletRequest request) {
        return ProblemTexts.locale(request == null ? null : request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** The language of the request this thread serves (Vietnamese outside a request). */
    public static Locale currentLocale() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return locale(attributes.getRequest());
        }
        return ProblemTexts.VIETNAMESE;
    }

    public static ProblemDetail of(Problem problem, Locale locale) {
        ProblemTexts texts = ProblemTexts.shared();
        ProblemDetail body = ProblemDetail.forStatus(problem.status());
        body.setType(URI.create(TYPE_BASE + problem.code()));
        body.setTitle(problem.title(locale, texts));
        body.setDetail(problem.detail(locale, texts));
        body.setProperty("code", problem.code());
        List<FieldError> errors = fieldErrors(problem, locale);
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        problem.properties().forEach((name, value) -> {
            if (body.getProperties() == null || !body.getProperties().containsKey(name)) {
                body.setProperty(name, value);
            }
        });
        return body;
    }

    public static ProblemDetail of(ApiException e, Locale locale) {
        return of(e.problem(), locale);
    }

    public static ProblemDetail of(ApiException e, HttpServletRequest request) {
        return of(e.problem(), locale(request));
    }

    /** In the language of the current request. */
    public static ProblemDetail of(ApiException e) {
        return of(e.problem(), currentLocale());
    }

    /**
     * A problem given by status, code, title and detail as strings.
     * @deprecated throw an {@link ApiException} of a {@link ProblemCode} instead
     */
    @Deprecated
    public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail, List<FieldError> errors) {
        return of(new ApiException(org.springframework.http.HttpStatus.valueOf(status.value()), code, title, detail, errors));
    }

    static List<FieldError> fieldErrors(Problem problem, Locale locale) {
        return problem.errors(locale, ProblemTexts.shared()).stream()
                .map((Map<String, String> e) -> new FieldError(e.get("field"), e.get("message")))
                .toList();
    }
}
