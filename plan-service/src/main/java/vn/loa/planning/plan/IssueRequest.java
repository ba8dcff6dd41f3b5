package vn.loa.planning.plan;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** {@code POST /api/plans/{id}/issue}: without a number, one is allocated for the issuer and year. */
public record IssueRequest(@NotNull LocalDate issuedOn, @Size(max = PlanLimits.CODE) String documentNumber) {
}
