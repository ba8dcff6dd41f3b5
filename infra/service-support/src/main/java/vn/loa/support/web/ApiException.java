package vn.loa.support.web;

import org.springframework.http.HttpStatus;
import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.ProblemTexts;
import vn.loa.common.problem.Text;

import java.util.List;
import java.util.Map;

/**
 * A refusal the API answers with an RFC 9457 problem ({@link ProblemAdvice} renders it): a code of the catalogue
 * ({@link ProblemCode}, which fixes the status) and a detail from the problem bundles, both put into the
 * request's language when the answer is written (Vietnamese, or English with {@code Accept-Language: en}).
 *
 * <pre>{@code
 * throw ApiException.of(ProblemCode.NOT_FOUND, "object", Text.of("object.plan", id));   // problem.not-found.object
 * throw ApiException.invalid("orgUnit", "field.plan.org-unit-fixed", code);            // 400 validation-failed
 * }</pre>
 *
 * The constructors and factories that take the code and the detail as strings are the former way; a
 * catalogued code still gets the catalogue's status and title, the detail stays as written.
 */
public class ApiException extends RuntimeException {

    private volatile Problem problem;

    public ApiException(Problem problem) {
        super(ProblemTexts.shared().resolve(detailOf(problem), ProblemTexts.ENGLISH));
        this.problem = problem;
    }

    /** The code with its default detail ({@code problem.<code>.detail}). */
    public static ApiException of(ProblemCode code) {
        return new ApiException(Problem.of(code));
    }

    /** The code with the detail {@code problem.<code>.<variant>} of the bundles and its arguments. */
    public static ApiException of(ProblemCode code, String variant, Object... args) {
        return new ApiException(Problem.of(code, variant, args));
    }

    public static ApiException of(ProblemCode code, Text detail) {
        return new ApiException(Problem.of(code, detail));
    }

    /** 400 {@code validation-failed} with the fields at fault. */
    public static ApiException invalid(List<FieldText> errors) {
        return new ApiException(Problem.of(ProblemCode.VALIDATION_FAILED).withErrors(errors));
    }

    /**
     * 422 {@code validation-failed}: the request is well formed, but its fields name what the object it refers to does
     * not have (API.md: "unknown target or unit: 422 validation-failed"); see {@link Problem#unprocessable()}.
     */
    public static ApiException invalidAgainst(List<FieldText> errors) {
        return new ApiException(Problem.of(ProblemCode.VALIDATION_FAILED).withErrors(errors).unprocessable());
    }

    /** 400 {@code validation-failed} for one field, its message a {@code field.*} key of the bundles. */
    public static ApiException invalid(String field, String messageKey, Object... args) {
        return invalid(List.of(FieldText.of(field, messageKey, args)));
    }

    /** The same problem listing the fields at fault ({@code errors[]}). */
    public ApiException withErrors(List<FieldText> errors) {
        problem = problem.withErrors(errors);
        return this;
    }

    /** Adds an extra member to the problem body (e.g. the period and who closed it). */
    public ApiException with(String name, Object value) {
        problem = problem.with(name, value);
        return this;
    }

    /** The problem, before it is put into a language. */
    public Problem problem() {
        return problem;
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(problem.status());
    }

    public String code() {
        return problem.code();
    }

    /** The title in the language of the current request. */
    public String title() {
        return problem.title(Problems.currentLocale(), ProblemTexts.shared());
    }

    /** The fields at fault, in the language of the current request. */
    public List<FieldError> errors() {
        return Problems.fieldErrors(problem, Problems.currentLocale());
    }

    public Map<String, Object> properties() {
        return problem.properties();
    }

    private static Text detailOf(Problem problem) {
        return problem.detail() != null ? problem.detail()
                : problem.catalogued().map(c -> Text.of(c.detailKey())).orElse(Text.literal(problem.code()));
    }

    // --- the former way: code and detail as strings (modules not yet moved to the catalogue) ---

    /** @deprecated name a {@link ProblemCode} and a detail of the bundles: {@link #of(ProblemCode, String, Object...)}. */
    @Deprecated
    public ApiException(HttpStatus status, String code, String title, String detail, List<FieldError> errors) {
        this(Problem.legacy(code, status.value(), title, detail).withErrors(literal(errors)));
    }

    /** @deprecated name a {@link ProblemCode} and a detail of the bundles: {@link #of(ProblemCode, String, Object...)}. */
    @Deprecated
    public ApiException(HttpStatus status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    /**
     * 404: the object does not exist, or lies outside the caller's org scope (indistinguishable on purpose).
     * @deprecated {@code ApiException.of(ProblemCode.NOT_FOUND, "object", Text.of("object.…", id))}
     */
    @Deprecated
    public static ApiException notFound(String detail) {
        return legacy(ProblemCode.NOT_FOUND, detail);
    }

    /** @deprecated {@link #of(ProblemCode, String, Object...)} */
    @Deprecated
    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, "Bad request", detail);
    }

    /** 400 {@code validation-failed} with the fields at fault. @deprecated {@link #invalid(List)} */
    @Deprecated
    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(Problem.of(ProblemCode.VALIDATION_FAILED).withErrors(literal(errors)));
    }

    /** @deprecated {@link #invalid(String, String, Object...)} */
    @Deprecated
    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    /** @deprecated {@link #of(ProblemCode, String, Object...)} */
    @Deprecated
    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, "Conflict", detail);
    }

    /** @deprecated {@link #of(ProblemCode, String, Object...)} */
    @Deprecated
    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, "Unprocessable request", detail);
    }

    /** @deprecated {@link #of(ProblemCode, String, Object...)} and {@link #withErrors(List)} */
    @Deprecated
    public static ApiException unprocessable(String code, String detail, List<FieldError> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, "Unprocessable request", detail, errors);
    }

    /** 412 {@code version-conflict}. @deprecated {@code ApiException.of(ProblemCode.VERSION_CONFLICT, …)} */
    @Deprecated
    public static ApiException preconditionFailed(String detail) {
        return legacy(ProblemCode.VERSION_CONFLICT, detail);
    }

    /** @deprecated {@code ApiException.of(ProblemCode.FORBIDDEN, …)} */
    @Deprecated
    public static ApiException forbidden(String detail) {
        return legacy(ProblemCode.FORBIDDEN, detail);
    }

    private static ApiException legacy(ProblemCode code, String detail) {
        return new ApiException(Problem.of(code, Text.literal(detail)));
    }

    private static List<FieldText> literal(List<FieldError> errors) {
        return errors == null ? List.of() : errors.stream().map(e -> FieldText.literal(e.field(), e.message())).toList();
    }
}
