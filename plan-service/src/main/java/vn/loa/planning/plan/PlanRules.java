package vn.loa.planning.plan;

import vn.loa.planning.plan.PlanContent.Indicator;
import vn.loa.planning.plan.PlanContent.Role;
import vn.loa.planning.plan.PlanContent.Target;
import vn.loa.common.channel.Channel;
import vn.loa.common.problem.Text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules a plan must meet: always (consistency of a draft), and to be issued. No Spring. */
final class PlanRules {

    private PlanRules() {
    }

    /** What every plan, even a draft, must respect: codes unique, channel codes known, values consistent. */
    static List<Violation> checkConsistency(PlanContent plan) {
        List<Violation> out = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < plan.targets().size(); i++) {
            Target t = plan.targets().get(i);
            String f = "targets[" + i + "]";
            if (t.code() != null && !codes.add(t.code())) {
                out.add(new Violation(f + ".code", "field.plan.duplicate-target", t.code()));
            }
            if (t.channel() != null && !Channel.isKnown(t.channel())) {
                out.add(new Violation(f + ".channel", "field.plan.unknown-channel", t.channel()));
            }
            if (t.indicator() == Indicator.PERCENT && t.yearlyValue() != null
                    && t.yearlyValue().compareTo(BigDecimal.valueOf(100)) > 0) {
                out.add(new Violation(f + ".yearlyValue", "field.plan.percent-max"));
            }
            if (t.indicator() == Indicator.MILESTONE && t.yearlyValue() != null
                    && t.yearlyValue().compareTo(BigDecimal.ONE) > 0) {
                out.add(new Violation(f + ".yearlyValue", "field.plan.milestone"));
            }
            recurrenceViolations(t, f).forEach(out::add);
        }
        for (int i = 0; i < plan.channels().size(); i++) {
            if (!Channel.isKnown(plan.channels().get(i))) {
                out.add(new Violation("channels[" + i + "]", "field.plan.unknown-channel", plan.channels().get(i)));
            }
        }
        Set<String> topicCodes = new HashSet<>();
        for (int i = 0; i < plan.topics().size(); i++) {
            String code = plan.topics().get(i).code();
            if (code != null && !topicCodes.add(code)) {
                out.add(new Violation("topics[" + i + "].code", "field.plan.duplicate-topic", code));
            }
        }
        if (plan.forms() != null) {
            for (int i = 0; i < plan.forms().size(); i++) {
                List<String> ch = plan.forms().get(i).channels();
                for (int j = 0; j < ch.size(); j++) {
                    if (!Channel.isKnown(ch.get(j))) {
                        out.add(new Violation("forms[" + i + "].channels[" + j + "]", "field.plan.unknown-channel", ch.get(j)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * What a plan must have to be issued: a title, at least one target and one lead assignment,
     * targets and assignments naming units of the issuing org unit and known channels, and
     * quarterly values of COUNT targets adding up to the yearly value.
     */
    static List<Violation> checkIssuable(PlanContent plan, Set<String> unitCodes) {
        List<Violation> out = new ArrayList<>(checkConsistency(plan));
        if (plan.title() == null || plan.title().isBlank()) {
            out.add(new Violation("title", "field.plan.title-required"));
        }
        if (plan.targets().isEmpty()) {
            out.add(new Violation("targets", "field.plan.target-required"));
        }
        if (plan.assignments().stream().noneMatch(a -> a.role() == Role.LEAD)) {
            out.add(new Violation("assignments", "field.plan.lead-required"));
        }
        for (int i = 0; i < plan.targets().size(); i++) {
            Target t = plan.targets().get(i);
            String f = "targets[" + i + "]";
            if (t.unit() == null || !unitCodes.contains(t.unit())) {
                out.add(new Violation(f + ".unit", "field.plan.unknown-unit", String.valueOf(t.unit())));
            }
            if (t.channel() == null) {
                out.add(new Violation(f + ".channel", "field.plan.channel-required"));
            }
            quarterlySumViolation(t).ifPresent(m -> out.add(new Violation(f + ".quarterlyValues", m)));
        }
        for (int i = 0; i < plan.assignments().size(); i++) {
            String unit = plan.assignments().get(i).unit();
            if (unit == null || !unitCodes.contains(unit)) {
                out.add(new Violation("assignments[" + i + "].unit", "field.plan.unknown-unit", String.valueOf(unit)));
            }
        }
        return out;
    }

    /**
     * A recurring target counts occurrences, at most one per month (MONTHLY) or quarter (QUARTERLY), so it
     * is a COUNT and cannot plan more occurrences than there are months or quarters: at most 12 (4) a year
     * and 3 (1) a quarter.
     */
    static List<Violation> recurrenceViolations(Target t, String f) {
        if (t.recurrence() == null) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        if (t.indicator() != Indicator.COUNT) {
            out.add(new Violation(f + ".recurrence", "field.plan.recurrence-count"));
            return out;
        }
        int perYear = t.recurrence() == PlanContent.Recurrence.MONTHLY ? 12 : 4;
        int perQuarter = perYear / 4;
        String what = t.recurrence() == PlanContent.Recurrence.MONTHLY ? "monthly" : "quarterly";
        if (t.yearlyValue() != null && t.yearlyValue().compareTo(BigDecimal.valueOf(perYear)) > 0) {
            out.add(new Violation(f + ".yearlyValue", "field.plan." + what + "-per-year", String.valueOf(perYear)));
        }
        if (t.quarterlyValues() != null && t.quarterlyValues().stream()
                .anyMatch(q -> q != null && q.compareTo(BigDecimal.valueOf(perQuarter)) > 0)) {
            out.add(new Violation(f + ".quarterlyValues", "field.plan." + what + "-per-quarter", String.valueOf(perQuarter)));
        }
        return out;
    }

    /** For COUNT targets with quarterly values, the four values must add up to the yearly value. */
    static java.util.Optional<Text> quarterlySumViolation(Target t) {
        if (t.indicator() != Indicator.COUNT || t.quarterlyValues() == null || t.yearlyValue() == null) {
            return java.util.Optional.empty();
        }
        if (t.quarterlyValues().size() != 4 || t.quarterlyValues().stream().anyMatch(java.util.Objects::isNull)) {
            return java.util.Optional.of(Text.of("field.plan.quarterly-values"));
        }
        BigDecimal sum = t.quarterlyValues().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(t.yearlyValue()) != 0) {
            return java.util.Optional.of(Text.of("field.plan.quarterly-sum", sum.stripTrailingZeros().toPlainString(),
                    t.yearlyValue().stripTrailingZeros().toPlainString()));
        }
        return java.util.Optional.empty();
    }
}
