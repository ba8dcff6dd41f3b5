package vn.loa.messaging.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemTexts;

import java.util.Map;

/**
 * The problems of the operations endpoints this library serves (dead letters, parked outbox rows): loa-common's
 * catalogue and bundles, in the request's language, the same body as service-support's.
 */
public final class OpsProblems {

    private OpsProblems() {
    }

    public static ResponseEntity<Map<String, Object>> answer(Problem problem, HttpServletRequest request) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.render(ProblemTexts.locale(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE))));
    }
}
