package vn.loa.activity.lifecycle;

import org.junit.jupiter.api.Test;
import vn.loa.common.problem.FieldText;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityRulesTests {

    static final LocalDate TODAY = LocalDate.of(2022, 6, 20);

    static ActivityRules.Outputs outputs(Long reach, List<AudienceReach> audiences) {
        return new ActivityRules.Outputs(LocalDate.of(2022, 6, 10), BigDecimal.ONE, reach, audiences, 150_000L, null,
                List.of(new Evidence(null, "Biên bản")));
    }

    @Test
    void aTotalAloneIsWhatClientsBeforeAudiencesSend() {
        assertThat(ActivityRules.validate(outputs(3200L, null), TODAY)).isEmpty();
        Completion c = ActivityRules.completion(outputs(3200L, null), "2022-Q2", "a", Instant.EPOCH);
        assertThat(c.reach()).isEqualTo(3200L);
        assertThat(c.audiences()).isEmpty();
    }

    @Test
    void withoutATotalTheTotalIsTheAudiencesSum() {
        List<AudienceReach> split = List.of(new AudienceReach("CITIZENS", 3000L), new AudienceReach("BUSINESSES", 200L),
                new AudienceReach("OFFICIALS", 45L));
        assertThat(ActivityRules.validate(outputs(null, split), TODAY)).isEmpty();
        Completion c = ActivityRules.completion(outputs(null, split), "2022-Q2", "a", Instant.EPOCH);
        assertThat(c.reach()).isEqualTo(3245L);
        assertThat(c.audiences()).containsExactly(new AudienceReach("OFFICIALS", 45L),
                new AudienceReach("CITIZENS", 3000L), new AudienceReach("BUSINESSES", 200L));
    }

    @Test
    void aTotalBelowTheAudiencesSumAnUnknownOrRepeatedAudienceAndANegativeReachAreRefused() {
        assertThat(ActivityRules.validate(outputs(100L, List.of(new AudienceReach("CITIZENS", 300L))), TODAY))
                .extracting(FieldText::field).containsExactly("reach");
        assertThat(ActivityRules.validate(outputs(null, List.of(new AudienceReach("STUDENTS", 3L),
                        new AudienceReach("CITIZENS", 3L), new AudienceReach("CITIZENS", 4L),
                        new AudienceReach("OFFICIALS", -1L))), TODAY))
                .extracting(FieldText::field)
                .containsExactly("audiences[0].audience", "audiences[2].audience", "audiences[3].reach");
    }

    @Test
    void theChangesNameEachFieldWithItsOldAndNewValueAndIgnoreTheSameNumberWrittenDifferently() {
        Planning before = new Planning("Tin bài", "WEBSITE", List.of("a"), List.of("CT-1"), "van-hoa-thong-tin",
                List.of(), LocalDate.of(2022, 6, 30), new BigDecimal("1"), null, null);
        Planning after = new Planning("Tin bài về dịch vụ công", "WEBSITE", List.of("a", "d"), List.of("CT-1"),
                "van-hoa-thong-tin", List.of(), LocalDate.of(2022, 6, 30), new BigDecimal("1.0"), 500_000L,
                BudgetSource.COMMUNE);
        assertThat(ActivityRules.changes(before, after, null, null)).containsExactly(
                new FieldChange("title", "Tin bài", "Tin bài về dịch vụ công"),
                new FieldChange("topics", List.of("a"), List.of("a", "d")),
                new FieldChange("plannedCostVnd", null, 500_000L),
                new FieldChange("budgetSource", null, BudgetSource.COMMUNE));
        assertThat(ActivityRules.changes(before, before, null, null)).isEmpty();
    }
}
