package vn.loa.activity.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An activity as the API returns it; {@code overdue} is derived at the time of the answer. */
public record ActivityView(UUID id, UUID planId, String planDocumentNumber, String orgUnit, String title,
                           String channel, List<String> topics, List<String> targetCodes, String unit,
                           List<String> coordinatingUnits, LocalDate dueDate, BigDecimal plannedQuantity,
                           Long plannedCostVnd, BudgetSource budgetSource,
                           ActivityStatus status, boolean overdue, int version, String createdBy, Instant createdAt,
                           String startedBy, Instant startedAt, LocalDate completedOn, BigDecimal quantity, Long reach,
                           List<AudienceReach> audiences, Long costVnd, List<Evidence> evidence, String period,
                           String completedBy, Instant completedAt, String cancelReason, String cancelledBy,
                           Instant cancelledAt) {

    static ActivityView of(Activity a, LocalDate today) {
        return of(a.id(), a.planId(), a.planDocumentNumber(), a.orgUnit(), a.planning(), a.status(), a.version(),
                a.createdBy(), a.createdAt(), a.startedBy(), a.startedAt(), a.completion(), a.cancellation(), today);
    }

    static ActivityView of(UUID id, UUID planId, String planDocumentNumber, String orgUnit, Planning p,
                           ActivityStatus status, int version, String createdBy, Instant createdAt, String startedBy,
                           Instant startedAt, Completion c, Cancellation x, LocalDate today) {
        return new ActivityView(id, planId, planDocumentNumber, orgUnit, p.title(), p.channel(), p.topics(),
                p.targetCodes(), p.unit(), p.coordinatingUnits(), p.dueDate(), p.plannedQuantity(), p.plannedCostVnd(),
                p.budgetSource(), status, Overdue.isOverdue(status, p.dueDate(), today), version, createdBy, createdAt,
                startedBy, startedAt,
                c == null ? null : c.completedOn(), c == null ? null : c.quantity(), c == null ? null : c.reach(),
                c == null ? null : c.audiences(), c == null ? null : c.costVnd(), c == null ? null : c.evidence(),
                c == null ? null : c.period(), c == null ? null : c.completedBy(), c == null ? null : c.completedAt(),
                x == null ? null : x.reason(), x == null ? null : x.cancelledBy(), x == null ? null : x.cancelledAt());
    }
}
