package vn.loa.activity.lifecycle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of POST /api/activities/{id}/complete; copied into {@code activity-completed}, so bounded (README).
 * {@code reach} is the total of people reached (a client that knows no audiences sends only it, as before issue
 * 19); {@code audiences} says how many of each audience, and the total is their sum when {@code reach} is left out.
 * {@code budgetSource}, if given, says where the money spent ({@code costVnd}) came from (else the one planned).
 */
public record CompletionRequest(
        LocalDate completedOn,
        @DecimalMax(Limits.QUANTITY) BigDecimal quantity,
        @Max(Limits.REACH) Long reach,
        @Size(max = Limits.AUDIENCES) List<@Valid AudienceReach> audiences,
        @Max(Limits.COST_VND) Long costVnd,
        @Size(max = Limits.CODE) String budgetSource,
        @Size(max = Limits.EVIDENCE) List<@Valid Evidence> evidence) {

    /** The body as API clients before issue 19 sent it. */
    public CompletionRequest(LocalDate completedOn, BigDecimal quantity, Long reach, Long costVnd, List<Evidence> evidence) {
        this(completedOn, quantity, reach, null, costVnd, null, evidence);
    }
}
