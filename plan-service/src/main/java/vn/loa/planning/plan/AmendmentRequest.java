package vn.loa.planning.plan;

import jakarta.validation.Valid;
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

/** {@code POST /api/plans/{id}/amendments}: a reason and the sections that change (absent ones stay). */
record AmendmentRequest(
        @NotBlank @Size(max = PlanLimits.REASON) String reason,
        @Size(max = PlanLimits.TITLE) String title,
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

    PlanContent applyTo(PlanContent c) {
        return new PlanContent(
                title != null ? title : c.title(),
                c.implementsPlanId(),
                preamble != null ? preamble : c.preamble(),
                legalBases != null ? legalBases : c.legalBases(),
                purposes != null ? purposes : c.purposes(),
                requirements != null ? requirements : c.requirements(),
                targets != null ? targets : c.targets(),
                topics != null ? topics : c.topics(),
                channels != null ? channels : c.channels(),
                forms != null ? forms : c.forms(),
                budget != null ? budget : c.budget(),
                budgetNote != null ? budgetNote : c.budgetNote(),
                assignments != null ? assignments : c.assignments(),
                assignmentsNote != null ? assignmentsNote : c.assignmentsNote(),
                recipients != null ? recipients : c.recipients(),
                closing != null ? closing : c.closing());
    }
}
