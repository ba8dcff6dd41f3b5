package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@EventType(value = "activity-overdue", topic = Topics.ACTIVITY_EVENTS, version = 1)
public record ActivityOverdue(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                              List<String> orgUnitPath, String title, String channel, String unit,
                              List<String> coordinatingUnits, LocalDate dueDate, OffsetDateTime detectedAt) {
}
