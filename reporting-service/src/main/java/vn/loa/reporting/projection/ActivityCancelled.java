package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@EventType(value = "activity-cancelled", topic = Topics.ACTIVITY_EVENTS, version = 1)
public record ActivityCancelled(UUID activityId, UUID planId, String orgUnit, List<String> orgUnitPath,
                                String title, String channel, List<String> targetCodes, String unit,
                                List<String> coordinatingUnits, LocalDate dueDate, String reason,
                                String cancelledBy, OffsetDateTime cancelledAt) {
}
