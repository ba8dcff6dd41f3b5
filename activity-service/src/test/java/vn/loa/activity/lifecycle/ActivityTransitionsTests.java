package vn.loa.activity.lifecycle;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivityTransitionsTests {

    static final Instant NOW = Instant.parse("2022-03-10T02:00:00Z");

    static Activity planned() {
        return Activity.scheduled(UUID.randomUUID(), UUID.randomUUID(), "12/KH-UBND", "lien-minh",
                List.of("ha-tinh", "duc-tho", "lien-minh"), new Planning("Chuyên mục CCHC tháng 3", "RADIO", List.of("a"),
                        List.of(), "van-hoa-thong-tin", List.of(), LocalDate.of(2022, 3, 31), BigDecimal.valueOf(4),
                        500_000L, BudgetSource.COMMUNE),
                "lienminh.vhtt", NOW);
    }

    static Completion done() {
        return new Completion(LocalDate.of(2022, 3, 9), BigDecimal.valueOf(4), 3000L, null, 3000L, null, 150_000L,
                List.of(new Evidence(null, "Nhật ký phát thanh")), "2022-Q1", "lienminh.vhtt", NOW);
    }

    @Test
    void aScheduledActivityIsPlannedAtVersionOneAndNew() {
        Activity a = planned();
        assertThat(a.status()).isEqualTo(ActivityStatus.PLANNED);
        assertThat(a.version()).isEqualTo(1);
        assertThat(a.isNew()).isTrue();
        assertThat(a.budgetSource()).isEqualTo(BudgetSource.COMMUNE);
    }

    @Test
    void plannedActivityStartsAndThenCompletes() {
        Activity a = planned();
        a.start("lienminh.vhtt", NOW);
        assertThat(a.status()).isEqualTo(ActivityStatus.IN_PROGRESS);
        assertThat(a.startedBy()).isEqualTo("lienminh.vhtt");

        a.complete(done(), null);
        assertThat(a.status()).isEqualTo(ActivityStatus.COMPLETED);
        assertThat(a.completion().quantity()).isEqualByComparingTo("4");
        assertThat(a.completion().audiences()).containsExactly(new AudienceReach("CITIZENS", 3000L));
    }

    @Test
    void plannedActivityMayCompleteWithoutBeingStarted() {
        Activity a = planned();
        a.complete(done(), BudgetSource.DISTRICT);
        assertThat(a.status()).isEqualTo(ActivityStatus.COMPLETED);
        assertThat(a.budgetSource()).isEqualTo(BudgetSource.DISTRICT);
    }

    @Test
    void startingTwiceIsRefused() {
        Activity a = planned();
        a.start("a", NOW);
        assertThatThrownBy(() -> a.start("a", NOW)).isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("IN_PROGRESS");
    }

    @Test
    void completingTwiceIsRefused() {
        Activity a = planned();
        a.complete(done(), null);
        assertThatThrownBy(() -> a.complete(done(), null)).isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("COMPLETED");
    }

    @Test
    void completingOrCorrectingACancelledActivityIsRefused() {
        Activity a = planned();
        a.cancel(new Cancellation("Trùng lịch", "a", NOW));
        assertThat(a.status()).isEqualTo(ActivityStatus.CANCELLED);
        assertThatThrownBy(() -> a.complete(done(), null)).isInstanceOf(InvalidTransitionException.class);
        assertThatThrownBy(() -> a.start("a", NOW)).isInstanceOf(InvalidTransitionException.class);
        assertThatThrownBy(() -> a.correct(a.planning(), null)).isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void cancellingACompletedActivityIsRefused() {
        Activity a = planned();
        a.complete(done(), null);
        assertThatThrownBy(() -> a.cancel(new Cancellation("x", "a", NOW))).isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void inProgressActivityCanBeCancelled() {
        Activity a = planned();
        a.start("a", NOW);
        a.cancel(new Cancellation("Hết kinh phí", "a", NOW));
        assertThat(a.status()).isEqualTo(ActivityStatus.CANCELLED);
        assertThat(a.cancellation().reason()).isEqualTo("Hết kinh phí");
    }

    @Test
    void aCorrectionReplacesThePlanningAndTheCompletionOfACompletedActivity() {
        Activity a = planned();
        a.complete(done(), null);
        Planning p = a.planning();
        Planning moved = new Planning("Chuyên mục CCHC tháng 3 (sửa)", p.channel(), List.of("a", "d"), p.targetCodes(),
                p.unit(), p.coordinatingUnits(), p.dueDate(), p.plannedQuantity(), 600_000L, p.budgetSource());
        Completion fixed = new Completion(LocalDate.of(2022, 3, 8), BigDecimal.valueOf(5), 3100L, null, 3100L, null,
                150_000L, List.of(), "2022-Q1", "lienminh.vhtt", NOW);
        a.correct(moved, fixed);
        assertThat(a.title()).isEqualTo("Chuyên mục CCHC tháng 3 (sửa)");
        assertThat(a.topics()).containsExactly("a", "d");
        assertThat(a.completion()).isEqualTo(fixed);
    }

    @Test
    void anOpenActivityHasNoCompletionToCorrect() {
        Activity a = planned();
        assertThatThrownBy(() -> a.correct(a.planning(), done())).isInstanceOf(IllegalArgumentException.class);
    }
}
