package vn.loa.activity.activity;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The body of POST /api/activities (and one CSV row). The channel stays a string so an unknown one is a field
 * error. Every field is stored and copied into {@code activity-scheduled} (and later events of the activity),
 * so each has a bound (README, "Field limits"): over it, 400 {@code validation-failed} naming field and limit.
 */
public record NewActivity(
        UUID planId,
        @Size(max = Limits.TITLE) String title,
        @Size(max = Limits.CODE) String channel,
        @Size(max = Limits.TOPICS) List<@Size(max = Limits.CODE) String> topics,
        @Size(max = Limits.TARGETS) List<@Size(max = Limits.CODE) String> targetCodes,
        @Size(max = Limits.CODE) String unit,
        @Size(max = Limits.UNITS) List<@Size(max = Limits.CODE) String> coordinatingUnits,
        LocalDate dueDate,
        @DecimalMax(Limits.QUANTITY) BigDecimal plannedQuantity) {
}
