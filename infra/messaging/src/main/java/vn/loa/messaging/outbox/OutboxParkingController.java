package vn.loa.messaging.outbox;

import jakarta.servlet.http.HttpServletRequest;
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
    public ResponseEntity<?> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                                  HttpServletRequest request) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            FieldText error = size < 1 || size > MAX_SIZE ? FieldText.of("size", "field.page-size", (long) MAX_SIZE)
                    : FieldText.of("page", "field.page");
            return OpsProblems.answer(Problem.of(ProblemCode.VALIDATION_FAILED).withErrors(List.of(error)), request);
        }
        return ResponseEntity.ok(new ParkedPage(parking.page(page, size), page, size, parking.count()));
    }

    @PostMapping("/{id}/replay")
    public ResponseEntity<?> replay(@PathVariable UUID id, HttpServletRequest request) {
        return parking.replay(id)
                .<ResponseEntity<?>>map(row -> {
                    monitor.refresh();
                    return ResponseEntity.ok(row);
                })
                .orElseGet(() -> OpsProblems.answer(Problem.of(ProblemCode.NOT_FOUND, "parked-row", id.toString()), request));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<?> badArgument(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        if ("id".equals(e.getName())) {
            return OpsProblems.answer(Problem.of(ProblemCode.NOT_FOUND, "parked-row", String.valueOf(e.getValue())), request);
        }
        return OpsProblems.answer(Problem.of(ProblemCode.VALIDATION_FAILED)
                .withErrors(List.of(FieldText.of(e.getName(), "field.integer"))), request);
    }

    /** The page of API.md: {@code {items, page, size, total}}. */
    public record ParkedPage(List<OutboxParking.ParkedEvent> items, int page, int size, long total) {
    }
}
