package vn.loa.planning.plan;

import vn.loa.planning.orgunit.OrgUnitView;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The biggest valid plan: every list full, every text at its limit, written in "ệ" (U+1EC7, NFC, three
 * bytes in UTF-8: the most a character the API accepts takes in an event), codes unique, values at
 * their maximum. And the biggest org unit that can issue it.
 */
final class BiggestPlan {

    /** Three bytes in UTF-8, one UTF-16 unit, already NFC. */
    static final char WIDE = 'ệ';

    private BiggestPlan() {
    }

    static String text(int length) {
        return String.join("", Collections.nCopies(length, String.valueOf(WIDE)));
    }

    /** A unique text of the given length: its number, then wide characters. */
    static String unique(int i, int length) {
        String prefix = Integer.toString(i);
        return prefix + text(length - prefix.length());
    }

    /** A unique org-unit or office code of 64 characters (the contract's pattern: lower-case words and dashes). */
    static String code(String prefix, int i) {
        String head = prefix + "-" + i + "-";
        return head + "x".repeat(PlanLimits.CODE - head.length());
    }

    static <T> List<T> list(int size, IntFunction<T> item) {
        return IntStream.range(0, size).mapToObj(item).toList();
    }

    static List<OrgUnitView.Unit> units() {
        return list(50, i -> new OrgUnitView.Unit(code("don-vi", i), text(300), "k".repeat(64)));
    }

    static OrgUnitView orgUnit() {
        List<String> path = new ArrayList<>(list(7, i -> code("cap", i)));
        path.add(code("xa", 0));
        return new OrgUnitView(code("xa", 0), text(300), "L".repeat(40), path.get(6), path, "U".repeat(40), text(300), text(300),
                text(200), units(), OrgUnitView.Status.ACTIVE, null, null, null, List.of(), 0);
    }

    /** The request of the biggest plan, for an org unit whose offices are {@code unitCodes}. */
    static PlanRequest request(String orgUnit, List<String> unitCodes, UUID implementsPlanId) {
        BigDecimal quarter = new BigDecimal("249999999.99");
        BigDecimal yearly = quarter.multiply(BigDecimal.valueOf(4));
        List<PlanContent.Target> targets = list(PlanLimits.TARGETS, i -> new PlanContent.Target(
                unique(i, PlanLimits.TARGET_CODE), text(PlanLimits.DESCRIPTION), PlanContent.Indicator.COUNT, yearly,
                List.of(quarter, quarter, quarter, quarter), "POSTAL_SERVICE", unitCodes.get(i % unitCodes.size()),
                unique(i, PlanLimits.TARGET_CODE), text(PlanLimits.MEASURE), null));
        List<PlanContent.Topic> topics = list(PlanLimits.TOPICS, i -> new PlanContent.Topic(unique(i, PlanLimits.TOPIC_CODE),
                text(PlanLimits.DESCRIPTION), list(PlanLimits.TOPIC_ITEMS, j -> text(PlanLimits.TOPIC_ITEM))));
        List<PlanContent.Assignment> assignments = list(PlanLimits.ASSIGNMENTS, i -> new PlanContent.Assignment(
                unitCodes.get(i % unitCodes.size()), PlanContent.Role.COORDINATE, text(PlanLimits.DUTIES), 12));
        List<PlanContent.Assignment> withLead = new ArrayList<>(assignments);
        withLead.set(0, new PlanContent.Assignment(unitCodes.get(0), PlanContent.Role.LEAD, text(PlanLimits.DUTIES), 12));
        return new PlanRequest(orgUnit, 2026, text(PlanLimits.TITLE), implementsPlanId, text(PlanLimits.NOTE),
                list(PlanLimits.LEGAL_BASES, i -> new PlanContent.LegalBasis(text(PlanLimits.LEGAL_NUMBER), LocalDate.of(2025, 7, 1),
                        text(PlanLimits.NAME), text(PlanLimits.LEGAL_TITLE))),
                list(PlanLimits.PURPOSES, i -> text(PlanLimits.PURPOSE)),
                list(PlanLimits.REQUIREMENTS, i -> text(PlanLimits.REQUIREMENT)),
                targets, topics,
                list(PlanLimits.CHANNELS, i -> "POSTAL_SERVICE"),
                list(PlanLimits.FORMS, i -> new PlanContent.Form(unique(i, PlanLimits.TOPIC_CODE),
                        list(PlanLimits.CHANNELS, j -> "POSTAL_SERVICE"), text(PlanLimits.NOTE))),
                list(PlanLimits.BUDGET_LINES, i -> new PlanContent.BudgetLine(PlanContent.BudgetSource.OTHER, PlanLimits.AMOUNT_MAX,
                        text(PlanLimits.BUDGET_NOTE))),
                text(PlanLimits.NOTE), withLead, text(PlanLimits.NOTE),
                list(PlanLimits.RECIPIENTS, i -> new PlanContent.Recipient(text(PlanLimits.NAME), text(PlanLimits.PURPOSE_OF_RECIPIENT))),
                text(PlanLimits.NOTE));
    }
}
