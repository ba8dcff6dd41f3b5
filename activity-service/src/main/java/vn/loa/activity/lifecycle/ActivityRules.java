package vn.loa.activity.lifecycle;

import vn.loa.activity.plancopy.PlanCopy;
import vn.loa.common.channel.Channel;
import vn.loa.common.problem.FieldText;

import java.math.BigDecimal;
import java.net.URI;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The rules of an activity's content, without Spring: what a plan allows, what a completion must say, what changed. */
final class ActivityRules {

    private ActivityRules() {
    }

    /** Field errors of an activity's planning against its plan (422 validation-failed, as API.md states for an unknown target or unit). */
    static List<FieldText> validate(NewActivity cmd, PlanCopy plan) {
        List<FieldText> errors = new ArrayList<>();
        if (cmd.title() == null || cmd.title().isBlank()) {
            errors.add(FieldText.of("title", "field.required"));
        } else if (cmd.title().length() > Limits.TITLE) {
            errors.add(FieldText.of("title", "field.size.text.max", String.valueOf(Limits.TITLE)));
        }
        if (cmd.channel() == null || !Channel.isKnown(cmd.channel())) {
            errors.add(FieldText.of("channel", "field.activity.unknown-channel", cmd.channel()));
        } else if (!plan.usesChannel(cmd.channel())) {
            errors.add(FieldText.of("channel", "field.activity.channel-not-in-plan", cmd.channel(), plan.documentNumber()));
        }
        if (cmd.unit() == null || cmd.unit().isBlank()) {
            errors.add(FieldText.of("unit", "field.required"));
        } else if (!plan.unitCodes().contains(cmd.unit())) {
            errors.add(FieldText.of("unit", "field.activity.unknown-unit", cmd.unit(), plan.orgUnit()));
        }
        unknown(errors, "coordinatingUnits", cmd.coordinatingUnits(), plan.unitCodes(), "field.activity.unknown-coordinating-unit");
        unknown(errors, "targetCodes", cmd.targetCodes(), plan.targetCodes(), "field.activity.unknown-target");
        if (!plan.topicCodes().isEmpty()) {
            unknown(errors, "topics", cmd.topics(), plan.topicCodes(), "field.activity.unknown-topic");
        }
        if (cmd.dueDate() == null) {
            errors.add(FieldText.of("dueDate", "field.required"));
        }
        if (cmd.plannedQuantity() != null && cmd.plannedQuantity().signum() < 0) {
            errors.add(FieldText.of("plannedQuantity", "field.activity.negative"));
        }
        if (cmd.plannedCostVnd() != null && cmd.plannedCostVnd() < 0) {
            errors.add(FieldText.of("plannedCostVnd", "field.activity.negative"));
        }
        if (cmd.budgetSource() != null && BudgetSource.parse(cmd.budgetSource()) == null) {
            errors.add(FieldText.of("budgetSource", "field.activity.unknown-budget-source", cmd.budgetSource()));
        }
        return errors;
    }

    private static void unknown(List<FieldText> errors, String field, List<String> values, Set<String> known, String messageKey) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            if (!known.contains(v)) {
                errors.add(FieldText.of(field, messageKey, v));
            }
        }
    }

    /** A completion's values as the client gave them (the 400 validation-failed of API.md). */
    record Outputs(LocalDate completedOn, BigDecimal quantity, Long reach, List<AudienceReach> audiences, Long costVnd,
                   String budgetSource, List<Evidence> evidence) {
    }

    static List<FieldText> validate(Outputs o, LocalDate today) {
        List<FieldText> errors = new ArrayList<>();
        if (o.completedOn() == null) {
            errors.add(FieldText.of("completedOn", "field.required"));
        } else if (o.completedOn().isAfter(today)) {
            errors.add(FieldText.of("completedOn", "field.activity.future-date", today.toString()));
        }
        if (o.quantity() == null) {
            errors.add(FieldText.of("quantity", "field.required"));
        } else if (o.quantity().signum() < 0) {
            errors.add(FieldText.of("quantity", "field.activity.negative"));
        }
        if (o.reach() != null && o.reach() < 0) {
            errors.add(FieldText.of("reach", "field.activity.negative"));
        }
        long sum = 0;
        Set<Audience> seen = java.util.EnumSet.noneOf(Audience.class);
        List<AudienceReach> audiences = o.audiences() == null ? List.of() : o.audiences();
        for (int i = 0; i < audiences.size(); i++) {
            AudienceReach a = audiences.get(i);
            Audience audience = a == null ? null : Audience.parse(a.audience());
            if (audience == null) {
                errors.add(FieldText.of("audiences[" + i + "].audience", "field.activity.unknown-audience",
                        a == null ? null : a.audience()));
            } else if (!seen.add(audience)) {
                errors.add(FieldText.of("audiences[" + i + "].audience", "field.activity.audience-twice", audience.name()));
            }
            if (a != null && (a.reach() == null || a.reach() < 0)) {
                errors.add(FieldText.of("audiences[" + i + "].reach", "field.activity.audience-reach"));
            } else if (a != null) {
                sum += a.reach();
            }
        }
        if (o.reach() != null && o.reach() >= 0 && sum > o.reach()) {
            errors.add(FieldText.of("reach", "field.activity.reach-below-audiences", String.valueOf(sum)));
        }
        if (o.costVnd() != null && o.costVnd() < 0) {
            errors.add(FieldText.of("costVnd", "field.activity.negative"));
        }
        if (o.budgetSource() != null && BudgetSource.parse(o.budgetSource()) == null) {
            errors.add(FieldText.of("budgetSource", "field.activity.unknown-budget-source", o.budgetSource()));
        }
        List<Evidence> evidence = o.evidence() == null ? List.of() : o.evidence();
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            if (e == null || (blank(e.url()) && blank(e.note()))) {
                errors.add(FieldText.of("evidence[" + i + "]", "field.activity.evidence-url-or-note"));
            } else if (!blank(e.url()) && !httpUrl(e.url())) {
                errors.add(FieldText.of("evidence[" + i + "].url", "field.activity.evidence-url"));
            }
        }
        return errors;
    }

    /** The completion the (valid) outputs make; the total reach is the audiences' sum when it is left out. */
    static Completion completion(Outputs o, String period, String by, java.time.Instant at) {
        Map<Audience, Long> reach = new EnumMap<>(Audience.class);
        if (o.audiences() != null) {
            o.audiences().forEach(a -> reach.put(Audience.parse(a.audience()), a.reach()));
        }
        Long total = o.reach() != null ? o.reach()
                : reach.isEmpty() ? null : reach.values().stream().mapToLong(Long::longValue).sum();
        List<Evidence> clean = (o.evidence() == null ? List.<Evidence>of() : o.evidence()).stream()
                .map(e -> new Evidence(blank(e.url()) ? null : e.url().strip(), blank(e.note()) ? null : nfc(e.note())))
                .toList();
        return new Completion(o.completedOn(), o.quantity(), total, reach.get(Audience.OFFICIALS),
                reach.get(Audience.CITIZENS), reach.get(Audience.BUSINESSES), o.costVnd(), clean, period, by, at);
    }

    /** The planning a new activity (or an imported row) asks for, cleaned: NFC title, trimmed codes. */
    static Planning planning(NewActivity cmd) {
        return new Planning(nfc(cmd.title().strip()), cmd.channel(), list(cmd.topics()), list(cmd.targetCodes()),
                cmd.unit(), list(cmd.coordinatingUnits()), cmd.dueDate(), cmd.plannedQuantity(), cmd.plannedCostVnd(),
                BudgetSource.parse(cmd.budgetSource()));
    }

    /** The planning after a correction: each field given replaces the one held. */
    static NewActivity corrected(Activity a, CorrectionRequest r) {
        Planning p = a.planning();
        return new NewActivity(a.planId(), r.title() != null ? r.title() : p.title(),
                r.channel() != null ? r.channel() : p.channel(),
                r.topics() != null ? r.topics() : p.topics(),
                r.targetCodes() != null ? r.targetCodes() : p.targetCodes(),
                r.unit() != null ? r.unit() : p.unit(),
                r.coordinatingUnits() != null ? r.coordinatingUnits() : p.coordinatingUnits(),
                r.dueDate() != null ? r.dueDate() : p.dueDate(),
                r.plannedQuantity() != null ? r.plannedQuantity() : p.plannedQuantity(),
                r.plannedCostVnd() != null ? r.plannedCostVnd() : p.plannedCostVnd(),
                r.budgetSource() != null ? r.budgetSource() : p.budgetSource() == null ? null : p.budgetSource().name());
    }

    /** The outputs after a correction of a completed activity: each field given replaces the one held. */
    static Outputs corrected(Completion c, CorrectionRequest r) {
        // A new total without audiences keeps the audiences; new audiences without a total: the total is their sum.
        Long reach = r.reach() != null ? r.reach() : r.audiences() != null ? null : c.reach();
        return new Outputs(r.completedOn() != null ? r.completedOn() : c.completedOn(),
                r.quantity() != null ? r.quantity() : c.quantity(), reach,
                r.audiences() != null ? r.audiences() : c.audiences(),
                r.costVnd() != null ? r.costVnd() : c.costVnd(), null,
                r.evidence() != null ? r.evidence() : c.evidence());
    }

    /** Every field whose value differs, in the API's names, with the old and the new value. */
    static List<FieldChange> changes(Planning before, Planning after, Completion was, Completion now) {
        List<FieldChange> changes = new ArrayList<>();
        change(changes, "title", before.title(), after.title());
        change(changes, "channel", before.channel(), after.channel());
        change(changes, "topics", before.topics(), after.topics());
        change(changes, "targetCodes", before.targetCodes(), after.targetCodes());
        change(changes, "unit", before.unit(), after.unit());
        change(changes, "coordinatingUnits", before.coordinatingUnits(), after.coordinatingUnits());
        change(changes, "dueDate", before.dueDate(), after.dueDate());
        number(changes, "plannedQuantity", before.plannedQuantity(), after.plannedQuantity());
        change(changes, "plannedCostVnd", before.plannedCostVnd(), after.plannedCostVnd());
        change(changes, "budgetSource", before.budgetSource(), after.budgetSource());
        if (was != null && now != null) {
            change(changes, "completedOn", was.completedOn(), now.completedOn());
            number(changes, "quantity", was.quantity(), now.quantity());
            change(changes, "reach", was.reach(), now.reach());
            change(changes, "audiences", was.audiences(), now.audiences());
            change(changes, "costVnd", was.costVnd(), now.costVnd());
            change(changes, "evidence", was.evidence(), now.evidence());
        }
        return changes;
    }

    private static void change(List<FieldChange> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(new FieldChange(field, from, to));
        }
    }

    /** 4 and 4.0 are the same quantity. */
    private static void number(List<FieldChange> changes, String field, BigDecimal from, BigDecimal to) {
        boolean same = from == null ? to == null : to != null && from.compareTo(to) == 0;
        if (!same) {
            changes.add(new FieldChange(field, from, to));
        }
    }

    static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).map(String::strip).toList();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean httpUrl(String s) {
        try {
            URI uri = new URI(s.strip());
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}
