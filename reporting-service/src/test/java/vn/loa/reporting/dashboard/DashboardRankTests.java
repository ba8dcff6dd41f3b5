package vn.loa.reporting.dashboard;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardRankTests {

    private static DashboardView.Child child(String code, String achievement, long completed) {
        return new DashboardView.Child(code, code, "COMMUNE", achievement == null ? null : new BigDecimal(achievement),
                completed, 0, "DRAFT", false, 1, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, "2022-Q1", null, null);
    }

    @Test
    void ranksByAchievementThenActivitiesCompletedAndTiesShareARank() {
        List<DashboardView.Child> ranked = DashboardService.rank(List.of(
                child("tung-chau", "0.5", 3),
                child("lien-minh", "0.9", 10),
                child("an-dung", null, 0),
                child("yen-ho", "0.5", 3),
                child("duc-lang", "0.5", 7)));
        assertThat(ranked).extracting(DashboardView.Child::code)
                .containsExactly("lien-minh", "duc-lang", "tung-chau", "yen-ho", "an-dung");
        assertThat(ranked).extracting(DashboardView.Child::rank).containsExactly(1, 2, 3, 3, 5);
    }
}
