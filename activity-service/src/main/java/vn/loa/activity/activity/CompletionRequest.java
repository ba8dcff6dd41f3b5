package vn.loa.activity.activity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The body of POST /api/activities/{id}/complete; copied into {@code activity-completed}, so bounded (README). */
public record CompletionRequest(
        LocalDate completedOn,
        @DecimalMax(Limits.QUANTITY) BigDecimal quantity,
        @Max(Limits.REACH) Long reach,
        @Max(Limits.COST_VND) Long costVnd,
        @Size(max = Limits.EVIDENCE) List<@Valid Evidence> evidence) {
}
