package vn.loa.planning.plan;

import org.junit.jupiter.api.Test;
import vn.loa.common.problem.ProblemTexts;
import vn.loa.planning.plan.PlanContent.Assignment;
import vn.loa.planning.plan.PlanContent.Indicator;
import vn.loa.planning.plan.PlanContent.Role;
import vn.loa.planning.plan.PlanContent.Target;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlanRulesTests {

    static final Set<String> UNITS = Set.of("van-hoa-thong-tin", "buu-dien-xa", "noi-vu");

    static Target target(String code, Indicator indicator, int yearly, List<Integer> quarterly, String channel, String unit) {
        return new Target(code, "Truyền thanh cơ sở có chuyên mục tuyên truyền về CCHC", indicator, BigDecimal.valueOf(yearly),
                quarterly == null ? null : quarterly.stream().map(BigDecimal::valueOf).toList(), channel, unit, null, null, null);
    }

    static PlanContent plan(List<Target> targets, List<Assignment> assignments) {
        return new PlanContent("Tuyên truyền cải cách hành chính xã Liên Minh năm 2022", null, null, null, null, null,
                targets, null, List.of("RADIO"), null, null, null, assignments, null, null, null);
    }

    static final Assignment LEAD = new Assignment("van-hoa-thong-tin", Role.LEAD, "Hướng dẫn đôn đốc", 3);

    @Test
    void aCompletePlanCanBeIssued() {
        PlanContent p = plan(List.of(target("CT-2", Indicator.COUNT, 12, List.of(3, 3, 3, 3), "RADIO", "van-hoa-thong-tin")), List.of(LEAD));
        assertThat(PlanRules.checkIssuable(p, UNITS)).isEmpty();
    }

    @Test
    void aPlanWithoutTargetOrLeadAssignmentIsIncomplete() {
        PlanContent p = plan(List.of(), List.of(new Assignment("noi-vu", Role.COORDINATE, "Phối hợp", null)));
        assertThat(PlanRules.checkIssuable(p, UNITS)).extracting(Violation::field).containsExactlyInAnyOrder("targets", "assignments");
    }

    @Test
    void quarterlyValuesOfACountTargetMustAddUpToTheYearlyValue() {
        Target wrong = target("CT-1", Indicator.COUNT, 24, List.of(6, 6, 6, 5), "WEBSITE", "van-hoa-thong-tin");
        assertThat(PlanRules.quarterlySumViolation(wrong)).hasValueSatisfying(m -> assertThat(
                ProblemTexts.shared().resolve(m, ProblemTexts.ENGLISH)).isEqualTo("quarterly values add up to 23, not to the yearly value 24"));
        Target right = target("CT-1", Indicator.COUNT, 24, List.of(6, 6, 6, 6), "WEBSITE", "van-hoa-thong-tin");
        assertThat(PlanRules.quarterlySumViolation(right)).isEmpty();
        Target noQuarters = target("CT-1", Indicator.COUNT, 24, null, "WEBSITE", "van-hoa-thong-tin");
        assertThat(PlanRules.quarterlySumViolation(noQuarters)).isEmpty();
        // a percentage is a level per quarter, not a sum
        Target percent = target("CT-9", Indicator.PERCENT, 90, List.of(90, 90, 90, 90), "OTHER", "van-hoa-thong-tin");
        assertThat(PlanRules.quarterlySumViolation(percent)).isEmpty();
        PlanContent p = plan(List.of(wrong), List.of(LEAD));
        assertThat(PlanRules.checkIssuable(p, UNITS)).extracting(Violation::field).containsExactly("targets[0].quarterlyValues");
    }

    @Test
    void targetsAndAssignmentsMustNameUnitsOfTheIssuerAndKnownChannels() {
        PlanContent p = plan(List.of(target("CT-1", Indicator.COUNT, 4, null, "TELEGRAPH", "phong-vhtt")),
                List.of(LEAD, new Assignment("ban-khong-ton-tai", Role.COORDINATE, "x", null)));
        assertThat(PlanRules.checkIssuable(p, UNITS)).extracting(Violation::field)
                .containsExactlyInAnyOrder("targets[0].channel", "targets[0].unit", "assignments[1].unit");
    }

    @Test
    void draftsMustHaveUniqueCodesAndConsistentValues() {
        PlanContent p = plan(List.of(
                target("CT-1", Indicator.COUNT, 4, null, "RADIO", "x"),
                target("CT-1", Indicator.PERCENT, 120, null, "RADIO", "x"),
                target("CT-3", Indicator.MILESTONE, 2, null, "RADIO", "x")), List.of());
        assertThat(PlanRules.checkConsistency(p)).extracting(Violation::field)
                .containsExactlyInAnyOrder("targets[1].code", "targets[1].yearlyValue", "targets[2].yearlyValue");
    }

    @Test
    void aRecurringTargetIsACountWithNoMoreOccurrencesThanMonthsOrQuarters() {
        Target monthly = new Target("CT-2", "Truyền thanh cơ sở có chuyên mục tuyên truyền về CCHC", Indicator.COUNT,
                BigDecimal.valueOf(12), List.of(3, 3, 3, 3).stream().map(BigDecimal::valueOf).toList(), "RADIO",
                "van-hoa-thong-tin", null, "chuyên mục", PlanContent.Recurrence.MONTHLY);
        assertThat(PlanRules.checkConsistency(plan(List.of(monthly), List.of(LEAD)))).isEmpty();
        Target tooMany = new Target("CT-2", "Chuyên mục CCHC", Indicator.COUNT, BigDecimal.valueOf(16),
                List.of(4, 4, 4, 4).stream().map(BigDecimal::valueOf).toList(), "RADIO", "van-hoa-thong-tin", null,
                null, PlanContent.Recurrence.MONTHLY);
        Target quarterlyTwice = new Target("CT-3", "Buổi hỗ trợ tra cứu tài liệu", Indicator.COUNT, BigDecimal.valueOf(4),
                List.of(2, 0, 2, 0).stream().map(BigDecimal::valueOf).toList(), "POSTAL_SERVICE", "buu-dien-xa", null,
                null, PlanContent.Recurrence.QUARTERLY);
        Target percent = new Target("CT-9", "Tỷ lệ hộ gia đình được tuyên truyền", Indicator.PERCENT,
                BigDecimal.valueOf(100), null, "OTHER", "van-hoa-thong-tin", null, null, PlanContent.Recurrence.MONTHLY);
        assertThat(PlanRules.checkConsistency(plan(List.of(tooMany, quarterlyTwice, percent), List.of(LEAD))))
                .extracting(Violation::field).containsExactlyInAnyOrder("targets[0].yearlyValue",
                        "targets[0].quarterlyValues", "targets[1].quarterlyValues", "targets[2].recurrence");
    }

    @Test
    void transitionsFollowDraftIssuedClosed() {
        assertThat(PlanStatus.DRAFT.canIssue()).isTrue();
        assertThat(PlanStatus.DRAFT.isEditable()).isTrue();
        assertThat(PlanStatus.DRAFT.canAmend()).isFalse();
        assertThat(PlanStatus.DRAFT.canClose()).isFalse();
        assertThat(PlanStatus.ISSUED.canIssue()).isFalse();
        assertThat(PlanStatus.ISSUED.isEditable()).isFalse();
        assertThat(PlanStatus.ISSUED.canAmend()).isTrue();
        assertThat(PlanStatus.ISSUED.canClose()).isTrue();
        assertThat(PlanStatus.CLOSED.canAmend()).isFalse();
        assertThat(PlanStatus.CLOSED.canClose()).isFalse();
        assertThat(PlanStatus.CLOSED.canIssue()).isFalse();
    }

    @Test
    void vietnameseTextIsStoredInNfc() {
        String decomposed = java.text.Normalizer.normalize("Xã Tùng Ảnh", java.text.Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo("Xã Tùng Ảnh");
        assertThat(Nfc.nfc(decomposed)).isEqualTo("Xã Tùng Ảnh");
    }
}
