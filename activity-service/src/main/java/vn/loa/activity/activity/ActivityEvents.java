package vn.loa.activity.activity;

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
                             BigDecimal plannedQuantity, String scheduledBy, OffsetDateTime scheduledAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @EventType(value = "activity-completed", topic = Topics.ACTIVITY_EVENTS, version = 1)
    record ActivityCompleted(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                             List<String> orgUnitPath, String title, String channel, List<String> targetCodes,
                             String unit, List<String> coordinatingUnits, LocalDate dueDate, LocalDate completedOn,
                             String period, BigDecimal quantity, Long reach, Long costVnd, List<Evidence> evidence,
                             String completedBy, OffsetDateTime completedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @EventType(value = "activity-cancelled", topic = Topics.ACTIVITY_EVENTS, version = 1)
    record ActivityCancelled(UUID activityId, UUID planId, String orgUnit, List<String> orgUnitPath, String title,
                             String channel, List<String> targetCodes, String unit, List<String> coordinatingUnits,
                             LocalDate dueDate, String reason, String cancelledBy, OffsetDateTime cancelledAt) {
    }
}
