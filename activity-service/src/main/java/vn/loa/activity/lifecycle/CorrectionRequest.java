package vn.loa.activity.lifecycle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of PATCH /api/activities/{id}: the fields to change and why ({@code reason}, required). A field left
 * out (or null) keeps its value. The planning fields can be corrected on a planned, started or completed
 * activity; the completion fields ({@code completedOn} … {@code evidence}) only on a completed one. A list given
 * replaces the list. Every field is copied into {@code activity-corrected} and the history, so bounded as on
 * creation and completion.
 */
public record CorrectionRequest(
        @Size(max = Limits.REASON) String reason,
        @Size(max = Limits.TITLE) String title,
        @Size(max = Limits.CODE) String channel,
        @Size(max = Limits.TOPICS) List<@Size(max = Limits.CODE) String> topics,
        @Size(max = Limits.TARGETS) List<@Size(max = Limits.CODE) String> targetCodes,
        @Size(max = Limits.CODE) String unit,
        @Size(max = Limits.UNITS) List<@Size(max = Limits.CODE) String> coordinatingUnits,
        LocalDate dueDate,
        @DecimalMax(Limits.QUANTITY) BigDecimal plannedQuantity,
        @Max(Limits.COST_VND) Long plannedCostVnd,
        @Size(max = Limits.CODE) String budgetSource,
        LocalDate completedOn,
        @DecimalMax(Limits.QUANTITY) BigDecimal quantity,
        @Max(Limits.REACH) Long reach,
        @Size(max = Limits.AUDIENCES) List<@Valid AudienceReach> audiences,
        @Max(Limits.COST_VND) Long costVnd,
        @Size(max = Limits.EVIDENCE) List<@Valid Evidence> evidence) {

    boolean touchesCompletion() {
        return completedOn != null || quantity != null || reach != null || audiences != null || costVnd != null
                || evidence != null;
    }
}
