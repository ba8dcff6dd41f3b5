package vn.loa.messaging.deadletter;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.messaging.web.OpsProblems;

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
    public ResponseEntity<?> replay(@PathVariable UUID id, HttpServletRequest request) {
        return replayer.replay(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> OpsProblems.answer(Problem.of(ProblemCode.NOT_FOUND, "dead-letter", id.toString()), request));
    }

    @ExceptionHandler(BadPaging.class)
    ResponseEntity<Map<String, Object>> badPaging(BadPaging e, HttpServletRequest request) {
        return OpsProblems.answer(Problem.of(ProblemCode.VALIDATION_FAILED).withErrors(e.errors()), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badArgument(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        if ("id".equals(e.getName())) {
            return OpsProblems.answer(Problem.of(ProblemCode.NOT_FOUND, "dead-letter", String.valueOf(e.getValue())), request);
        }
        return OpsProblems.answer(Problem.of(ProblemCode.VALIDATION_FAILED)
                .withErrors(List.of(FieldText.of(e.getName(), "field.integer"))), request);
    }

    /**
     * The handler failed again (the cause is not fixed): 409 {@code replay-failed} naming the failure; 503 with
     * {@code Retry-After} when the service's database was unreachable or had a transient error.
     */
    @ExceptionHandler(DeadLetterReplayer.ReplayFailedException.class)
    ResponseEntity<Map<String, Object>> replayFailed(DeadLetterReplayer.ReplayFailedException e, HttpServletRequest request) {
        if (e.isTransient()) {
            ResponseEntity<Map<String, Object>> problem = OpsProblems.answer(
                    Problem.of(ProblemCode.SERVICE_UNAVAILABLE, "replay", e.getMessage()), request);
            return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, "5").body(problem.getBody());
        }
        return OpsProblems.answer(Problem.of(ProblemCode.REPLAY_FAILED, "cause", e.getMessage()), request);
    }

    /** No running listener of this service can take it (e.g. reporting-service's listeners stopped for a rebuild). */
    @ExceptionHandler(DeadLetterReplayer.ReplayUnavailableException.class)
    ResponseEntity<Map<String, Object>> replayUnavailable(DeadLetterReplayer.ReplayUnavailableException e,
                                                          HttpServletRequest request) {
        return OpsProblems.answer(Problem.of(ProblemCode.REPLAY_UNAVAILABLE, "cause", e.getMessage()), request);
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

        List<FieldText> errors() {
            return size < 1 || size > MAX_SIZE
                    ? List.of(FieldText.of("size", "field.page-size", (long) MAX_SIZE))
                    : List.of(FieldText.of("page", "field.page"));
        }
    }
}
