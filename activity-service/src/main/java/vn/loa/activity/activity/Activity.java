package vn.loa.activity.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One piece of communication work under an issued plan. Immutable: each step returns the next state. */
public record Activity(UUID id, UUID planId, String planDocumentNumber, String orgUnit, List<String> orgUnitPath,
                       String title, String channel, List<String> topics, List<String> targetCodes, String unit,
                       List<String> coordinatingUnits, LocalDate dueDate, BigDecimal plannedQuantity,
                       ActivityStatus status, int version, String createdBy, Instant createdAt,
                       String startedBy, Instant startedAt, Completion completion, Cancellation cancellation,
                       Instant overdueNotifiedAt) {

    public record Completion(LocalDate completedOn, BigDecimal quantity, Long reach, Long costVnd,
                             List<Evidence> evidence, String period, String completedBy, Instant completedAt) {
    }

    public record Cancellation(String reason, String cancelledBy, Instant cancelledAt) {
    }

    Activity start(String by, Instant at) {
        if (status != ActivityStatus.PLANNED) {
            throw new InvalidTransitionException("start", status);
        }
        return new Activity(id, planId, planDocumentNumber, orgUnit, orgUnitPath, title, channel, topics, targetCodes,
                unit, coordinatingUnits, dueDate, plannedQuantity, ActivityStatus.IN_PROGRESS, version + 1, createdBy,
                createdAt, by, at, null, null, overdueNotifiedAt);
    }

    /** Work done without a separate start is common (a broadcast), so a planned activity may complete directly. */
    Activity complete(Completion done) {
        if (!status.open()) {
            throw new InvalidTransitionException("complete", status);
        }
        return new Activity(id, planId, planDocumentNumber, orgUnit, orgUnitPath, title, channel, topics, targetCodes,
                unit, coordinatingUnits, dueDate, plannedQuantity, ActivityStatus.COMPLETED, version + 1, createdBy,
                createdAt, startedBy, startedAt, done, null, overdueNotifiedAt);
    }

    Activity cancel(Cancellation cancellation) {
        if (!status.open()) {
            throw new InvalidTransitionException("cancel", status);
        }
        return new Activity(id, planId, planDocumentNumber, orgUnit, orgUnitPath, title, channel, topics, targetCodes,
                unit, coordinatingUnits, dueDate, plannedQuantity, ActivityStatus.CANCELLED, version + 1, createdBy,
                createdAt, startedBy, startedAt, null, cancellation, overdueNotifiedAt);
    }

    public boolean overdue(LocalDate today) {
        return Overdue.isOverdue(status, dueDate, today);
    }
}
