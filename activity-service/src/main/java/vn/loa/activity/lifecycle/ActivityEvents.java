package vn.loa.activity.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The events activity-service publishes (schemas in infra/contracts); the Kafka key is the plan id. */
final class ActivityEvents {

    private ActivityEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @EventType(value = "activity-scheduled", topic = Topics.ACTIVITY_EVENTS, version = 1)
    record ActivityScheduled(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                             List<String> orgUnitPath, String title, String channel, List<String> topics,
                             List<String> targetCodes, String unit, List<String> coordinatingUnits, LocalDate dueDate,
                             BigDecimal plannedQuantity, Long plannedCostVnd, BudgetSource budgetSource,
                             String scheduledBy, OffsetDateTime scheduledAt) {
    }

    /** Topics, planned quantity and cost, budget source and audiences are additive in v1 (issue 19). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @EventType(value = "activity-completed", topic = Topics.ACTIVITY_EVENTS, version = 1)
    record ActivityCompleted(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                             List<String> orgUnitPath, String title, String channel, List<String> topics,
                             List<String> targetCodes, String unit, List<String> coordinatingUnits, LocalDate dueDate,
                             BigDecimal plannedQuantity, Long plannedCostVnd, BudgetSource budgetSource,
                             LocalDate completedOn, String period, BigDecimal quantity, Long reach,
                             List<AudienceReach> audiences, Long costVnd, List<Evidence> evidence,
                             String completedBy, OffsetDateTime completedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @EventType(value = "activity-cancelled", topic = Topics.ACTIVITY_EVENTS, version = 1)
    record ActivityCancelled(UUID activityId, UUID planId, String orgUnit, List<String> orgUnitPath, String title,
                             String channel, List<String> targetCodes, String unit, List<String> coordinatingUnits,
                             LocalDate dueDate, String reason, String cancelledBy, OffsetDateTime cancelledAt) {
    }

    /**
     * An activity was corrected (PATCH): its whole state as corrected, so that a read model replaces what it held
     * (completion fields only when it is completed), what changed ({@code changes}), why, and for a completed
     * activity the period its completion counted in before ({@code previousPeriod}) beside the one it counts in now.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @EventType(value = "activity-corrected", topic = Topics.ACTIVITY_EVENTS, version = 1)
    record ActivityCorrected(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                             List<String> orgUnitPath, int version, ActivityStatus status, String title, String channel,
                             List<String> topics, List<String> targetCodes, String unit, List<String> coordinatingUnits,
                             LocalDate dueDate, BigDecimal plannedQuantity, Long plannedCostVnd,
                             BudgetSource budgetSource, LocalDate completedOn, String period, String previousPeriod,
                             BigDecimal quantity, Long reach, List<AudienceReach> audiences, Long costVnd,
                             List<Evidence> evidence, List<FieldChange> changes, String reason, String correctedBy,
                             OffsetDateTime correctedAt) {
    }
}
