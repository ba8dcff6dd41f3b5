package vn.loa.support.web;

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
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import vn.loa.messaging.inbound.DatabaseUnavailable;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders every error as RFC 9457 problem+json with a stable {@code code}. Nothing internal (stack
 * traces, SQL, class names) ever reaches the caller; unexpected failures are logged here instead.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(0)
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private static final Map<Integer, String> CODES_BY_STATUS = Map.ofEntries(
            Map.entry(400, "bad-request"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"), Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"), Map.entry(412, "version-conflict"), Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"), Map.entry(422, "unprocessable"),
            Map.entry(428, "precondition-required"), Map.entry(429, "too-many-requests"),
            Map.entry(500, "internal-error"), Map.entry(503, "service-unavailable"));

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return ResponseEntity.status(e.status()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(e));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), ConstraintMessages.of(v)))
                .toList();
        return api(ApiException.validation(errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return api(ApiException.validation(e.getName(), "has an invalid value: " + e.getValue()));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> optimisticLock(OptimisticLockingFailureException e) {
        return api(ApiException.preconditionFailed(
                "The object was changed by someone else at the same time. Read it again and repeat your change."));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> accessDenied(RuntimeException e) {
        return api(ApiException.forbidden("Your role does not allow this."));
    }

    /** Seconds a client should wait before retrying while the database is unreachable. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.in(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected error while handling a request", e);
        return api(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side. The error was logged; please try again later."));
    }

    /**
     * The database is down or restarting (connection refused, pool timeout, "the database system is
     * shutting down"): a passing condition, so 503 with Retry-After rather than a 500. Nothing was
     * committed, so the client can safely repeat the request.
     */
    private ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("Database unavailable while handling a request: {}", rootMessage(e));
        ApiException problem = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "Service unavailable", "The service cannot reach its database at the moment. Please try again shortly.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(problem));
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
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), message(f)))
                .collect(Collectors.toList());
        ex.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
        return problem(ApiException.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> {
                    String message = err.getDefaultMessage();
                    try {
                        message = ConstraintMessages.of(r.unwrap(err, ConstraintViolation.class));
                    } catch (IllegalArgumentException notAViolation) {
                        // keep the default message
                    }
                    return new FieldError(err instanceof org.springframework.validation.FieldError f ? f.getField()
                            : r.getMethodParameter().getParameterName(), message);
                }))
                .toList();
        return problem(ApiException.validation(errors));
    }

    /** The message of a Bean Validation error, stating the limit for the bounds (Size, Max, DecimalMax, …). */
    private static String message(org.springframework.validation.FieldError error) {
        try {
            return ConstraintMessages.of(error.unwrap(ConstraintViolation.class));
        } catch (IllegalArgumentException notAViolation) {
            return error.getDefaultMessage();
        }
    }

    /** Multipart uploads past {@code spring.servlet.multipart.*}: 413 naming the limit. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        long limit = ex.getMaxUploadSize();
        return problem(limit > 0 ? RequestBodyLimitFilter.tooLarge(limit, RequestBodyLimitFilter.IMPORT)
                : new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                        "The upload is larger than this service accepts."));
    }

    /**
     * A multipart body that cannot be parsed, mostly an upload cut off when the phone lost its network: 400, not a
     * logged 500. (Past the size limits it is {@link MaxUploadSizeExceededException}, answered above.)
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        log.info("Unreadable multipart request: {}", rootMessage(e));
        return api(ApiException.badRequest("malformed-request",
                "The upload is incomplete or not valid multipart/form-data. Please send the file again."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = PayloadTooLargeException.in(ex);
        if (tooLarge != null) {
            return problem(tooLarge.problem());
        }
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return problem(ApiException.validation(path(unknown), "is not a known field"));
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return problem(ApiException.validation(path(jackson), "has a value of the wrong type or format"));
        }
        return problem(ApiException.badRequest("malformed-request", "The request body is not valid JSON."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            String code = CODES_BY_STATUS.getOrDefault(statusCode.value(), "error");
            if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
                problem.setProperty("code", code);
            }
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(java.net.URI.create(Problems.TYPE_BASE + code));
            }
        }
        return response;
    }

    private static ResponseEntity<Object> problem(ApiException e) {
        return ResponseEntity.status(e.status()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(e));
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
