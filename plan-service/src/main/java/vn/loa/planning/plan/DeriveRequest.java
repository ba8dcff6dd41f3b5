package vn.loa.planning.plan;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/plans/{id}/derive}: the child org unit that gets a draft implementing the plan. */
public record DeriveRequest(@NotBlank @Size(max = PlanLimits.CODE) String orgUnit) {
}
