package vn.loa.planning.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Every section of a plan (DESIGN.md §2, the seed's I–IV and "Nơi nhận"), stored as one validated
 * JSON document next to the plan's key columns, and kept as it was in each issued version.
 * Optional text ({@code preamble}, {@code forms}, {@code budgetNote}, {@code assignmentsNote},
 * {@code closing}) keeps the document's own wording so that it can be read, and exported, as written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanContent(
        String title,
        UUID implementsPlanId,
        String preamble,
        List<LegalBasis> legalBases,
        List<String> purposes,
        List<String> requirements,
        List<Target> targets,
        List<Topic> topics,
        List<String> channels,
        List<Form> forms,
        List<BudgetLine> budget,
        String budgetNote,
        List<Assignment> assignments,
        String assignmentsNote,
        List<Recipient> recipients,
        String closing) {

    public PlanContent {
        legalBases = copy(legalBases);
        purposes = copy(purposes);
        requirements = copy(requirements);
        targets = copy(targets);
        topics = copy(topics);
        channels = copy(channels);
        forms = forms == null ? null : List.copyOf(forms);
        budget = copy(budget);
        assignments = copy(assignments);
        recipients = copy(recipients);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public PlanContent withImplementsPlanId(UUID id) {
        return new PlanContent(title, id, preamble, legalBases, purposes, requirements, targets, topics, channels,
                forms, budget, budgetNote, assignments, assignmentsNote, recipients, closing);
    }

    public long budgetTotalVnd() {
        return budget.stream().map(BudgetLine::amountVnd).filter(a -> a != null).mapToLong(Long::longValue).sum();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LegalBasis(
            @NotBlank @Size(max = PlanLimits.LEGAL_NUMBER) String documentNumber,
            LocalDate issuedOn,
            @NotBlank @Size(max = PlanLimits.NAME) String issuer,
            @NotBlank @Size(max = PlanLimits.LEGAL_TITLE) String title) {
    }

    public enum Indicator { COUNT, PERCENT, MILESTONE }

    /**
     * How often a recurring COUNT target is due: a monthly radio segment is carried out once a month, so
     * reports count the months (quarters) in which it was done, not the activities' outputs.
     */
    public enum Recurrence { MONTHLY, QUARTERLY }

    /**
     * A measurable target (chỉ tiêu). {@code description} keeps the plan's wording; {@code measure}
     * names what is counted (e.g. "tin bài"); {@code parentTargetCode} links it to the target of the
     * plan it implements; {@code recurrence} (optional, COUNT only) makes it a recurring target whose
     * values count occurrences, at most one per month or quarter.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(
            @NotBlank @Size(max = PlanLimits.TARGET_CODE) String code,
            @NotBlank @Size(max = PlanLimits.DESCRIPTION) String description,
            @NotNull Indicator indicator,
            @NotNull @DecimalMin("0") @DecimalMax(PlanLimits.VALUE_MAX) @Digits(integer = 10, fraction = 2) BigDecimal yearlyValue,
            @Size(min = 4, max = 4, message = "must have 4 values, one per quarter")
            List<@NotNull @DecimalMin("0") @DecimalMax(PlanLimits.VALUE_MAX) @Digits(integer = 10, fraction = 2) BigDecimal> quarterlyValues,
            @NotBlank @Size(max = PlanLimits.CHANNEL) String channel,
            @NotBlank @Size(max = PlanLimits.CODE) String unit,
            @Size(max = PlanLimits.TARGET_CODE) String parentTargetCode,
            @Size(max = PlanLimits.MEASURE) String measure,
            Recurrence recurrence) {

        public Target withUnitAndParent(String newUnit, String parentCode) {
            return new Target(code, description, indicator, yearlyValue, quarterlyValues, channel, newUnit, parentCode, measure,
                    recurrence);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Topic(
            @NotBlank @Size(max = PlanLimits.TOPIC_CODE) String code,
            @NotBlank @Size(max = PlanLimits.DESCRIPTION) String title,
            @Size(max = PlanLimits.TOPIC_ITEMS) List<@NotBlank @Size(max = PlanLimits.TOPIC_ITEM) String> items) {

        public Topic {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** A form of communication as the plan words it (section II.2), with the channel codes it uses. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Form(
            @NotBlank @Size(max = PlanLimits.TOPIC_CODE) String code,
            @Size(max = PlanLimits.CHANNELS) List<@NotBlank @Size(max = PlanLimits.CHANNEL) String> channels,
            @NotBlank @Size(max = PlanLimits.NOTE) String description) {

        public Form {
            channels = channels == null ? List.of() : List.copyOf(channels);
        }
    }

    public enum BudgetSource { PROVINCE, DISTRICT, COMMUNE, OTHER }

    /** A budget line; {@code amountVnd} is absent when the plan names the source without an amount. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BudgetLine(
            @NotNull BudgetSource source,
            @PositiveOrZero @Max(PlanLimits.AMOUNT_MAX) Long amountVnd,
            @Size(max = PlanLimits.BUDGET_NOTE) String note) {
    }

    public enum Role { LEAD, COORDINATE }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Assignment(
            @NotBlank @Size(max = PlanLimits.CODE) String unit,
            @NotNull Role role,
            @NotBlank @Size(max = PlanLimits.DUTIES) String duties,
            @Min(1) @Max(12) Integer reportsEveryMonths) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(
            @NotBlank @Size(max = PlanLimits.NAME) String name,
            @Size(max = PlanLimits.PURPOSE_OF_RECIPIENT) String purpose) {
    }
}
