package vn.loa.activity.lifecycle;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The body of POST /api/activities (and one imported row). The channel and the budget source stay strings so
 * that an unknown one is a field error. Every field is stored and copied into {@code activity-scheduled} (and
 * later events of the activity), so each has a bound (README, "Field limits"): over it, 400
 * {@code validation-failed} naming field and limit.
 *
 * @param plannedCostVnd what the activity is planned to cost, in đồng
 * @param budgetSource   where that money comes from: PROVINCE, DISTRICT, COMMUNE or OTHER
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
        @DecimalMax(Limits.QUANTITY) BigDecimal plannedQuantity,
        @Max(Limits.COST_VND) Long plannedCostVnd,
        @Size(max = Limits.CODE) String budgetSource) {

    /** The body as API clients before issue 19 sent it (no planned cost, no budget source). */
    public NewActivity(UUID planId, String title, String channel, List<String> topics, List<String> targetCodes,
                       String unit, List<String> coordinatingUnits, LocalDate dueDate, BigDecimal plannedQuantity) {
        this(planId, title, channel, topics, targetCodes, unit, coordinatingUnits, dueDate, plannedQuantity, null, null);
    }
}
