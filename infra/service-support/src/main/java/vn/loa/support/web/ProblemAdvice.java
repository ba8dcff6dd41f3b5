package vn.loa.support.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.ProblemTexts;
import vn.loa.common.problem.Text;
import vn.loa.messaging.inbound.DatabaseUnavailable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders every error as RFC 9457 problem+json with a stable {@code code} of the catalogue, in the language of
 * the request (Vietnamese, or English with {@code Accept-Language: en}). Nothing internal (stack traces, SQL,
 * class names) ever reaches the caller; unexpected failures are logged here instead.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(0)
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        return answer(e, Problems.locale(request));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        List<FieldText> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldText(lastNode(v.getPropertyPath().toString()), ConstraintMessages.text(v)))
                .toList();
        return api(ApiException.invalid(errors), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return api(ApiException.invalid(e.getName(), "field.invalid-value", String.valueOf(e.getValue())), request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> optimisticLock(OptimisticLockingFailureException e, HttpServletRequest request) {
        return api(ApiException.of(ProblemCode.VERSION_CONFLICT), request);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> accessDenied(RuntimeException e, HttpServletRequest request) {
        return api(ApiException.of(ProblemCode.FORBIDDEN), request);
    }

    /** Seconds a client should wait before retrying while the database is unreachable. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseUnavailable.in(e)) {
            return databaseUnavailable(e, request);
        }
        log.error("Unexpected error while handling a request", e);
        return api(ApiException.of(ProblemCode.INTERNAL_ERROR), request);
    }

    /**
     * The database is down or restarting (connection refused, pool timeout, "the database system is
     * shutting down"): a passing condition, so 503 with Retry-After rather than a 500. Nothing was
     * committed, so the client can safely repeat the request.
     */
    private ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("Database unavailable while handling a request: {}", rootMessage(e));
        ApiException problem = ApiException.of(ProblemCode.SERVICE_UNAVAILABLE, "database");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(problem, request));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldText> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(f -> errors.add(new FieldText(f.getField(), message(f))));
        ex.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.add(FieldText.literal(g.getObjectName(), g.getDefaultMessage())));
        return problem(ApiException.invalid(errors), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldText> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> {
                    Text message = Text.literal(err.getDefaultMessage());
                    try {
                        message = ConstraintMessages.text(r.unwrap(err, ConstraintViolation.class));
                    } catch (IllegalArgumentException notAViolation) {
                        // keep the default message
                    }
                    return new FieldText(err instanceof org.springframework.validation.FieldError f ? f.getField()
                            : r.getMethodParameter().getParameterName(), message);
                }))
                .toList();
        return problem(ApiException.invalid(errors), request);
    }

    /** The message of a Bean Validation error, stating the limit for the bounds (Size, Max, DecimalMax, …). */
    private static Text message(org.springframework.validation.FieldError error) {
        try {
            return ConstraintMessages.text(error.unwrap(ConstraintViolation.class));
        } catch (IllegalArgumentException notAViolation) {
            return Text.literal(error.getDefaultMessage());
        }
    }

    /** A required query parameter is missing: 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ApiException.invalid(ex.getParameterName(), "field.required"), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(ApiException.of(ProblemCode.METHOD_NOT_ALLOWED, "method", ex.getMethod()), locale(request)));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "/" + ex.getResourcePath();
        return problem(ApiException.of(ProblemCode.NOT_FOUND, "path", path), request);
    }

    /** Multipart uploads past {@code spring.servlet.multipart.*}: 413 naming the limit. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        long limit = ex.getMaxUploadSize();
        return problem(limit > 0 ? RequestBodyLimitFilter.tooLarge(limit, RequestBodyLimitFilter.IMPORT)
                : ApiException.of(ProblemCode.PAYLOAD_TOO_LARGE), request);
    }

    /**
     * A multipart body that cannot be parsed, mostly an upload cut off when the phone lost its network: 400, not a
     * logged 500. (Past the size limits it is {@link MaxUploadSizeExceededException}, answered above.)
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e, HttpServletRequest request) {
        log.info("Unreadable multipart request: {}", rootMessage(e));
        return api(ApiException.of(ProblemCode.MALFORMED_REQUEST, "multipart"), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = PayloadTooLargeException.in(ex);
        if (tooLarge != null) {
            return problem(tooLarge.problem(), request);
        }
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return problem(ApiException.invalid(path(unknown), "field.unknown-field"), request);
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return problem(ApiException.invalid(path(jackson), "field.wrong-type"), request);
        }
        return problem(ApiException.of(ProblemCode.MALFORMED_REQUEST), request);
    }

    /**
     * Spring's own errors (406, 415, a missing header, …): the generic code of their status, with its title and
     * detail in the request's language.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response == null || !(response.getBody() instanceof ProblemDetail spring)) {
            return response;
        }
        Object given = spring.getProperties() == null ? null : spring.getProperties().get("code");
        ProblemCode code = given instanceof String s ? ProblemCode.of(s).orElse(null) : null;
        if (code == null) {
            code = ProblemCode.forStatus(statusCode.value());
        }
        ProblemDetail problem = Problems.of(Problem.of(code), locale(request));
        problem.setStatus(statusCode.value());
        return ResponseEntity.status(statusCode).headers(response.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> answer(ApiException e, Locale locale) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(e, locale));
    }

    private static ResponseEntity<Object> problem(ApiException e, WebRequest request) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(e, locale(request)));
    }

    private static Locale locale(WebRequest request) {
        return ProblemTexts.locale(request == null ? null : request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath;
    }
}
