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

/** The body of {@code POST /api/plans} and {@code PUT /api/plans/{id}} (API.md), plus optional document wording; limits: {@link PlanLimits}. */
public record PlanRequest(
        @NotBlank @Size(max = PlanLimits.CODE) String orgUnit,
        @NotNull @Min(2000) @Max(2100) Integer year,
        @NotBlank @Size(max = PlanLimits.TITLE) String title,
        UUID implementsPlanId,
        @Size(max = PlanLimits.NOTE) String preamble,
        @Size(max = PlanLimits.LEGAL_BASES) List<@Valid @NotNull LegalBasis> legalBases,
        @Size(max = PlanLimits.PURPOSES) List<@NotBlank @Size(max = PlanLimits.PURPOSE) String> purposes,
        @Size(max = PlanLimits.REQUIREMENTS) List<@NotBlank @Size(max = PlanLimits.REQUIREMENT) String> requirements,
        @Size(max = PlanLimits.TARGETS) List<@Valid @NotNull Target> targets,
        @Size(max = PlanLimits.TOPICS) List<@Valid @NotNull Topic> topics,
        @Size(max = PlanLimits.CHANNELS) List<@NotBlank @Size(max = PlanLimits.CHANNEL) String> channels,
        @Size(max = PlanLimits.FORMS) List<@Valid @NotNull Form> forms,
        @Size(max = PlanLimits.BUDGET_LINES) List<@Valid @NotNull BudgetLine> budget,
        @Size(max = PlanLimits.NOTE) String budgetNote,
        @Size(max = PlanLimits.ASSIGNMENTS) List<@Valid @NotNull Assignment> assignments,
        @Size(max = PlanLimits.NOTE) String assignmentsNote,
        @Size(max = PlanLimits.RECIPIENTS) List<@Valid @NotNull Recipient> recipients,
        @Size(max = PlanLimits.NOTE) String closing) {

    public PlanContent toContent() {
        return new PlanContent(title, implementsPlanId, preamble, legalBases, purposes, requirements, targets, topics,
                channels, forms, budget, budgetNote, assignments, assignmentsNote, recipients, closing);
    }
}
