package vn.loa.activity.lifecycle;

import org.junit.jupiter.api.Test;
import vn.loa.activity.plancopy.PlanCopy;
import vn.loa.common.problem.FieldText;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NewActivityValidationTests {

    static final PlanCopy PLAN = new PlanCopy(UUID.randomUUID(), 1, PlanCopy.Status.ISSUED, "lien-minh", "Xã Liên Minh",
            List.of("ha-tinh", "duc-tho", "lien-minh"), 2022, "12/KH-UBND", "Kế hoạch tuyên truyền CCHC năm 2022",
            Set.of("CT-RADIO", "CT-WEB"), Set.of("van-hoa-thong-tin", "noi-vu"), Set.of("a", "b"),
            Set.of("RADIO", "WEBSITE"), List.of());

    static NewActivity valid() {
        return new NewActivity(PLAN.planId(), "Chuyên mục CCHC tháng 3", "RADIO", List.of("a"), List.of("CT-RADIO"),
                "van-hoa-thong-tin", List.of("noi-vu"), LocalDate.of(2022, 3, 31), BigDecimal.ONE);
    }

    @Test
    void aValidActivityHasNoErrors() {
        assertThat(ActivityRules.validate(valid(), PLAN)).isEmpty();
    }

    @Test
    void unknownTargetUnitChannelAndTopicAreEachNamed() {
        NewActivity bad = new NewActivity(PLAN.planId(), "x", "TELEVISION", List.of("z"), List.of("CT-NONE"),
                "tu-phap", List.of("buu-dien-xa"), LocalDate.of(2022, 3, 31), null);
        assertThat(ActivityRules.validate(bad, PLAN)).extracting(FieldText::field)
                .containsExactlyInAnyOrder("channel", "unit", "coordinatingUnits", "targetCodes", "topics");
    }

    @Test
    void aKnownChannelThePlanDoesNotUseIsRefused() {
        NewActivity law = new NewActivity(PLAN.planId(), "Ngày pháp luật", "LAW_DAY", List.of(), List.of(),
                "noi-vu", List.of(), LocalDate.of(2022, 3, 15), null);
        assertThat(ActivityRules.validate(law, PLAN)).extracting(FieldText::field).containsExactly("channel");
    }

    @Test
    void missingTitleAndDueDateAndNegativePlannedQuantityAreRefused() {
        NewActivity bad = new NewActivity(PLAN.planId(), " ", "RADIO", null, null, "noi-vu", null, null,
                BigDecimal.valueOf(-1));
        assertThat(ActivityRules.validate(bad, PLAN)).extracting(FieldText::field)
                .containsExactlyInAnyOrder("title", "dueDate", "plannedQuantity");
    }

    @Test
    void aNegativePlannedCostAndAnUnknownBudgetSourceAreRefused() {
        NewActivity bad = new NewActivity(PLAN.planId(), "Pano", "RADIO", List.of(), List.of(), "noi-vu", List.of(),
                LocalDate.of(2022, 3, 31), null, -1L, "WARD");
        assertThat(ActivityRules.validate(bad, PLAN)).extracting(FieldText::field)
                .containsExactlyInAnyOrder("plannedCostVnd", "budgetSource");
    }
}
