package vn.loa.messaging.deadletter;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Operator endpoints (API.md, Operations): list this service's dead letters, replay one.
 * Access is restricted to OPERATOR by service-support's security, not here.
 */
@RestController
@RequestMapping("/api/ops/dead-letters")
public class DeadLetterController {

    static final int MAX_SIZE = 200;

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;

    public DeadLetterController(DeadLetterStore store, DeadLetterReplayer replayer) {
        this.store = store;
        this.replayer = replayer;
    }

    @GetMapping
    public DeadLetterPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new BadPaging(page, size);
        }
        return new DeadLetterPage(store.page(page, size), page, size, store.count());
    }

    @PostMapping("/{id}/replay")
    public ResponseEntity<?> replay(@PathVariable UUID id) {
        return replayer.replay(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "not-found", "No dead letter " + id));
    }

    @ExceptionHandler(BadPaging.class)
    ResponseEntity<ProblemDetail> badPaging(BadPaging e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Validation failed");
        problem.setProperty("code", "validation-failed");
        problem.setProperty("errors", e.errors());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badArgument(MethodArgumentTypeMismatchException e) {
        if ("id".equals(e.getName())) {
            return problem(HttpStatus.NOT_FOUND, "not-found", "No dead letter " + e.getValue());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid " + e.getName());
        problem.setTitle("Validation failed");
        problem.setProperty("code", "validation-failed");
        problem.setProperty("errors", List.of(Map.of("field", e.getName(), "message", "must be an integer")));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * The handler failed again (the cause is not fixed): 409 {@code replay-failed} naming the failure; 503 with
     * {@code Retry-After} when the service's database was unreachable or had a transient error.
     */
    @ExceptionHandler(DeadLetterReplayer.ReplayFailedException.class)
    ResponseEntity<ProblemDetail> replayFailed(DeadLetterReplayer.ReplayFailedException e) {
        if (e.isTransient()) {
            ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "replay-failed", e.getMessage());
            return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).header("Retry-After", "5")
                    .body(problem.getBody());
        }
        return problem(HttpStatus.CONFLICT, "replay-failed", e.getMessage());
    }

    /** No running listener of this service can take it (e.g. reporting-service's listeners stopped for a rebuild). */
    @ExceptionHandler(DeadLetterReplayer.ReplayUnavailableException.class)
    ResponseEntity<ProblemDetail> replayUnavailable(DeadLetterReplayer.ReplayUnavailableException e) {
        return problem(HttpStatus.CONFLICT, "replay-unavailable", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The page of API.md: {@code {items, page, size, total}}. */
    public record DeadLetterPage(List<DeadLetter> items, int page, int size, long total) {
    }

    static final class BadPaging extends RuntimeException {

        private final int page;
        private final int size;

        BadPaging(int page, int size) {
            super("page must be ≥ 0 and size between 1 and " + MAX_SIZE);
            this.page = page;
            this.size = size;
        }

        List<Map<String, String>> errors() {
            return size < 1 || size > MAX_SIZE
                    ? List.of(Map.of("field", "size", "message", "must be between 1 and " + MAX_SIZE))
                    : List.of(Map.of("field", "page", "message", "must be ≥ 0 (got " + page + ")"));
        }
    }
}
