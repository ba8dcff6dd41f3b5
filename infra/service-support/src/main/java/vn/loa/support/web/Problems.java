package vn.loa.support.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;

/** Builds the problem bodies of API.md: {@code type}, {@code title}, {@code status}, {@code detail}, {@code code}, {@code errors}. */
public final class Problems {

    public static final String TYPE_BASE = "https://loa.gov.vn/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public static ProblemDetail of(ApiException e) {
        ProblemDetail problem = of(e.status(), e.code(), e.title(), e.getMessage(), e.errors());
        e.properties().forEach(problem::setProperty);
        return problem;
    }
}
