package vn.loa.activity.support;

import vn.loa.support.web.ApiException;
import vn.loa.support.web.FieldError;

import java.util.List;

/** The problems this service answers, in one place (rendered as problem+json by service-support). */
public final class Problems {

    private Problems() {
    }

    public static ApiException notFound(String what) {
        return ApiException.notFound(what);
    }

    /** 400: the request itself is wrong (a future date, a negative number). */
    public static ApiException badRequest(List<FieldError> errors) {
        return ApiException.validation(errors);
    }

    /** 422 validation-failed: the request refers to things that do not exist (unknown target, unit, channel). */
    public static ApiException validation(List<FieldError> errors) {
        return ApiException.unprocessable("validation-failed",
                "The activity refers to something its plan does not have, or misses a required field.", errors);
    }

    public static ApiException conflict(String code, String detail) {
        return ApiException.conflict(code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return ApiException.unprocessable(code, detail);
    }

    public static ApiException forbidden(String detail) {
        return ApiException.forbidden(detail);
    }

    public static FieldError field(String field, String message) {
        return new FieldError(field, message);
    }

    public static ApiException preconditionFailed(String detail) {
        return ApiException.preconditionFailed(detail);
    }
}
