package vn.loa.planning.plan;

import vn.loa.support.web.ApiException;
import vn.loa.support.web.FieldError;

import java.util.List;

/** The problems plan-service answers with (API.md codes), in one place. */
final class Problems {

    private Problems() {
    }

    static RuntimeException planNotFound(Object id) {
        return ApiException.notFound("Plan " + id + " not found");
    }

    static RuntimeException notFound(String detail) {
        return ApiException.notFound(detail);
    }

    static RuntimeException forbidden(String detail) {
        return ApiException.forbidden(detail);
    }

    static RuntimeException validation(List<Violation> violations) {
        return ApiException.validation(errors(violations));
    }

    static RuntimeException validation(String field, String message) {
        return validation(List.of(new Violation(field, message)));
    }

    static RuntimeException conflict(String code, String detail) {
        return ApiException.conflict(code, detail);
    }

    static RuntimeException unprocessable(String code, String detail) {
        return ApiException.unprocessable(code, detail);
    }

    static RuntimeException incomplete(List<Violation> violations) {
        return ApiException.unprocessable("plan-incomplete", "The plan cannot be issued: "
                + violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""),
                errors(violations));
    }

    static RuntimeException preconditionFailed(String detail) {
        return ApiException.preconditionFailed(detail);
    }

    private static List<FieldError> errors(List<Violation> violations) {
        return violations.stream().map(v -> new FieldError(v.field(), v.message())).toList();
    }
}
