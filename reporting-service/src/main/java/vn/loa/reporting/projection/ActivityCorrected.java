package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An activity as corrected (issue 19.6, {@code PATCH /api/activities/{id}}): the whole activity after the
 * correction, also a completed one while its period is open. The fields we keep; the list of changes, the
 * reason and the evidence are activity-service's history.
 */
@EventType(value = "activity-corrected", topic = Topics.ACTIVITY_EVENTS, version = 1)
public record ActivityCorrected(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                                List<String> orgUnitPath, Long version, String status, String title, String channel,
                                List<String> topics, List<String> targetCodes, String unit,
                                List<String> coordinatingUnits, LocalDate dueDate, BigDecimal plannedQuantity,
                                Long plannedCostVnd, String budgetSource, LocalDate completedOn, String period,
                                BigDecimal quantity, Long reach, List<ActivityCompleted.Audience> audiences,
                                Long costVnd, String reason, String correctedBy, OffsetDateTime correctedAt) {
}
