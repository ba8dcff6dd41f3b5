package vn.loa.messaging.outbox;

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
 * Operator endpoints beside {@code /api/ops/dead-letters}: list this service's parked outbox rows, replay
 * one. Access is restricted to OPERATOR by service-support's security (all of {@code /api/ops/**}).
 */
@RestController
@RequestMapping("/api/ops/outbox/parked")
public class OutboxParkingController {

    static final int MAX_SIZE = 200;

    private final OutboxParking parking;
    private final OutboxMonitor monitor;

    public OutboxParkingController(OutboxParking parking, OutboxMonitor monitor) {
        this.parking = parking;
        this.monitor = monitor;
    }

    @GetMapping
    public ResponseEntity<?> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            String field = size < 1 || size > MAX_SIZE ? "size" : "page";
            String message = field.equals("size") ? "must be between 1 and " + MAX_SIZE : "must be 0 or more";
            return validation(field, message);
        }
        return ResponseEntity.ok(new ParkedPage(parking.page(page, size), page, size, parking.count()));
    }

    @PostMapping("/{id}/replay")
    public ResponseEntity<?> replay(@PathVariable UUID id) {
        return parking.replay(id)
                .<ResponseEntity<?>>map(row -> {
                    monitor.refresh();
                    return ResponseEntity.ok(row);
                })
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "not-found", "No parked outbox row " + id));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<?> badArgument(MethodArgumentTypeMismatchException e) {
        if ("id".equals(e.getName())) {
            return problem(HttpStatus.NOT_FOUND, "not-found", "No parked outbox row " + e.getValue());
        }
        return validation(e.getName(), "must be an integer");
    }

    private static ResponseEntity<ProblemDetail> validation(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
        problem.setTitle("Validation failed");
        problem.setProperty("code", "validation-failed");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The page of API.md: {@code {items, page, size, total}}. */
    public record ParkedPage(List<OutboxParking.ParkedEvent> items, int page, int size, long total) {
    }
}
