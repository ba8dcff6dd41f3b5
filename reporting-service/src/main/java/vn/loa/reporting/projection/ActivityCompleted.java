package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@EventType(value = "activity-completed", topic = Topics.ACTIVITY_EVENTS, version = 1)
public record ActivityCompleted(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                                List<String> orgUnitPath, String title, String channel, List<String> targetCodes,
                                String unit, List<String> coordinatingUnits, LocalDate dueDate,
                                LocalDate completedOn, String period, BigDecimal quantity, Long reach,
                                Long costVnd, List<Evidence> evidence, String completedBy,
                                OffsetDateTime completedAt) {

    public record Evidence(String url, String note) {
    }
}
