package vn.loa.planning.plan;

import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.util.List;
import java.util.UUID;

/** The problems of the plan feature (catalogue codes, texts of the bundles), in one place. */
final class Problems {

    private Problems() {
    }

    /** "Plan {id}" as the bundles name it, for details and not-found answers. */
    static Text plan(UUID id) {
        return Text.of("object.plan", String.valueOf(id));
    }

    static ApiException planNotFound(UUID id) {
        return ApiException.of(ProblemCode.NOT_FOUND, "object", plan(id));
    }

    static ApiException versionNotFound(UUID id, int version) {
        return ApiException.of(ProblemCode.NOT_FOUND, "plan-version", String.valueOf(id), String.valueOf(version));
    }

    static ApiException validation(List<Violation> violations) {
        return ApiException.invalid(errors(violations));
    }

    static ApiException validation(String field, String messageKey, Object... args) {
        return ApiException.invalid(field, messageKey, args);
    }

    /** 422 {@code plan-incomplete}: what the plan lacks, in the detail and in {@code errors[]}. */
    static ApiException incomplete(List<Violation> violations) {
        List<FieldText> errors = errors(violations);
        return ApiException.of(ProblemCode.PLAN_INCOMPLETE, "list", errors).withErrors(errors);
    }

    static ApiException unknownOrgUnit(String code) {
        return ApiException.of(ProblemCode.UNKNOWN_ORG_UNIT, "code", String.valueOf(code));
    }

    private static List<FieldText> errors(List<Violation> violations) {
        return violations.stream().map(Violation::toFieldText).toList();
    }
}
