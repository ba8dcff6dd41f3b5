package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@EventType(value = "activity-completed", topic = Topics.ACTIVITY_EVENTS, version = 1)
/**
 * {@code topics}, {@code audiences} (reach per audience), {@code plannedCostVnd} and {@code budgetSource} are
 * additive (issue 19): absent from events published before them, then null.
 */
public record ActivityCompleted(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                                List<String> orgUnitPath, String title, String channel, List<String> targetCodes,
                                String unit, List<String> coordinatingUnits, LocalDate dueDate,
                                LocalDate completedOn, String period, BigDecimal quantity, Long reach,
                                Long costVnd, List<Evidence> evidence, String completedBy,
                                OffsetDateTime completedAt, List<String> topics, List<Audience> audiences,
                                Long plannedCostVnd, String budgetSource) {

    /** The event as published before issue 19 (no topics, audiences or planned cost). */
    public ActivityCompleted(UUID activityId, UUID planId, String planDocumentNumber, String orgUnit,
                             List<String> orgUnitPath, String title, String channel, List<String> targetCodes,
                             String unit, List<String> coordinatingUnits, LocalDate dueDate, LocalDate completedOn,
                             String period, BigDecimal quantity, Long reach, Long costVnd, List<Evidence> evidence,
                             String completedBy, OffsetDateTime completedAt) {
        this(activityId, planId, planDocumentNumber, orgUnit, orgUnitPath, title, channel, targetCodes, unit,
                coordinatingUnits, dueDate, completedOn, period, quantity, reach, costVnd, evidence, completedBy,
                completedAt, null, null, null, null);
    }

    public record Evidence(String url, String note) {
    }

    /** People reached in one audience: OFFICIALS, CITIZENS, BUSINESSES (businesses and investors). */
    public record Audience(String audience, Long reach) {
    }
}
