package vn.loa.activity.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An activity as the API returns it; {@code overdue} is derived at the time of the answer. */
public record ActivityView(UUID id, UUID planId, String planDocumentNumber, String orgUnit, String title,
                           String channel, List<String> topics, List<String> targetCodes, String unit,
                           List<String> coordinatingUnits, LocalDate dueDate, BigDecimal plannedQuantity,
                           ActivityStatus status, boolean overdue, int version, String createdBy, Instant createdAt,
                           String startedBy, Instant startedAt, LocalDate completedOn, BigDecimal quantity, Long reach,
                           Long costVnd, List<Evidence> evidence, String period, String completedBy,
                           Instant completedAt, String cancelReason, String cancelledBy, Instant cancelledAt) {

    static ActivityView of(Activity a, LocalDate today) {
        Activity.Completion c = a.completion();
        Activity.Cancellation x = a.cancellation();
        return new ActivityView(a.id(), a.planId(), a.planDocumentNumber(), a.orgUnit(), a.title(), a.channel(),
                a.topics(), a.targetCodes(), a.unit(), a.coordinatingUnits(), a.dueDate(), a.plannedQuantity(),
                a.status(), a.overdue(today), a.version(), a.createdBy(), a.createdAt(), a.startedBy(), a.startedAt(),
                c == null ? null : c.completedOn(), c == null ? null : c.quantity(), c == null ? null : c.reach(),
                c == null ? null : c.costVnd(), c == null ? null : c.evidence(), c == null ? null : c.period(),
                c == null ? null : c.completedBy(), c == null ? null : c.completedAt(),
                x == null ? null : x.reason(), x == null ? null : x.cancelledBy(), x == null ? null : x.cancelledAt());
    }
}
