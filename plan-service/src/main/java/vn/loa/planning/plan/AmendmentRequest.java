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
        @NotBlank @Size(max = 4000) String reason,
        @Size(max = 1000) String title,
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
