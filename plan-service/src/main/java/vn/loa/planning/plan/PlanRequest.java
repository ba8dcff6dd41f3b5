package vn.loa.planning.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import vn.loa.planning.plan.PlanContent.Assignment;
import vn.loa.planning.plan.PlanContent.BudgetLine;
import vn.loa.planning.plan.PlanContent.Form;
import vn.loa.planning.plan.PlanContent.LegalBasis;
import vn.loa.planning.plan.PlanContent.Recipient;
import vn.loa.planning.plan.PlanContent.Target;
import vn.loa.planning.plan.PlanContent.Topic;
import java.util.UUID;

/** The body of {@code POST /api/plans} and {@code PUT /api/plans/{id}} (API.md), plus optional document wording. */
public record PlanRequest(
        @NotBlank @Size(max = 64) String orgUnit,
        @NotNull @Min(2000) @Max(2100) Integer year,
        @NotBlank @Size(max = 1000) String title,
        UUID implementsPlanId,
        @Size(max = 4000) String preamble,
        @Size(max = 50) List<@Valid @NotNull LegalBasis> legalBases,
        @Size(max = 50) List<@NotBlank @Size(max = 4000) String> purposes,
        @Size(max = 50) List<@NotBlank @Size(max = 4000) String> requirements,
        @Size(max = 100) List<@Valid @NotNull Target> targets,
        @Size(max = 50) List<@Valid @NotNull Topic> topics,
        @Size(max = 20) List<@NotBlank String> channels,
        @Size(max = 20) List<@Valid @NotNull Form> forms,
        @Size(max = 20) List<@Valid @NotNull BudgetLine> budget,
        @Size(max = 4000) String budgetNote,
        @Size(max = 50) List<@Valid @NotNull Assignment> assignments,
        @Size(max = 4000) String assignmentsNote,
        @Size(max = 50) List<@Valid @NotNull Recipient> recipients,
        @Size(max = 4000) String closing) {

    public PlanContent toContent() {
        return new PlanContent(title, implementsPlanId, preamble, legalBases, purposes, requirements, targets, topics,
                channels, forms, budget, budgetNote, assignments, assignmentsNote, recipients, closing);
    }
}
