package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@EventType(value = "activity-scheduled", topic = Topics.ACTIVITY_EVENTS, version = 1)
public record ActivityScheduled(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                                List<String> orgUnitPath, String title, String channel, List<String> topics,
                                List<String> targetCodes, String unit, List<String> coordinatingUnits,
                                LocalDate dueDate, BigDecimal plannedQuantity, String scheduledBy,
                                OffsetDateTime scheduledAt, Long plannedCostVnd, String budgetSource) {

    /** The event as published before issue 19 (no planned cost or budget source). */
    public ActivityScheduled(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                             List<String> orgUnitPath, String title, String channel, List<String> topics,
                             List<String> targetCodes, String unit, List<String> coordinatingUnits, LocalDate dueDate,
                             BigDecimal plannedQuantity, String scheduledBy, OffsetDateTime scheduledAt) {
        this(activityId, planId, planDocumentNumber, orgUnit, orgUnitPath, title, channel, topics, targetCodes, unit,
                coordinatingUnits, dueDate, plannedQuantity, scheduledBy, scheduledAt, null, null);
    }
}
