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
        return new Activity(UUID.randomUUID(), UUID.randomUUID(), "12/KH-UBND", "lien-minh",
                List.of("ha-tinh", "duc-tho", "lien-minh"), "Chuyên mục CCHC tháng 3", "RADIO", List.of(), List.of(),
                "van-hoa-thong-tin", List.of(), LocalDate.of(2022, 3, 31), BigDecimal.valueOf(4), ActivityStatus.PLANNED,
                1, "lienminh.vhtt", NOW, null, null, null, null, null);
    }

    static Activity.Completion done() {
        return new Activity.Completion(LocalDate.of(2022, 3, 9), BigDecimal.valueOf(4), 3000L, 150_000L,
                List.of(new Evidence(null, "Nhật ký phát thanh")), "2022-Q1", "lienminh.vhtt", NOW);
    }

    @Test
    void plannedActivityStartsAndThenCompletes() {
        Activity started = planned().start("lienminh.vhtt", NOW);
        assertThat(started.status()).isEqualTo(ActivityStatus.IN_PROGRESS);
        assertThat(started.version()).isEqualTo(2);
        assertThat(started.startedBy()).isEqualTo("lienminh.vhtt");

        Activity completed = started.complete(done());
        assertThat(completed.status()).isEqualTo(ActivityStatus.COMPLETED);
        assertThat(completed.version()).isEqualTo(3);
        assertThat(completed.completion().quantity()).isEqualByComparingTo("4");
    }

    @Test
    void plannedActivityMayCompleteWithoutBeingStarted() {
        assertThat(planned().complete(done()).status()).isEqualTo(ActivityStatus.COMPLETED);
    }

    @Test
    void startingTwiceIsRefused() {
        Activity started = planned().start("a", NOW);
        assertThatThrownBy(() -> started.start("a", NOW)).isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("IN_PROGRESS");
    }

    @Test
    void completingTwiceIsRefused() {
        Activity completed = planned().complete(done());
        assertThatThrownBy(() -> completed.complete(done())).isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("COMPLETED");
    }

    @Test
    void completingACancelledActivityIsRefused() {
        Activity cancelled = planned().cancel(new Activity.Cancellation("Trùng lịch", "a", NOW));
        assertThat(cancelled.status()).isEqualTo(ActivityStatus.CANCELLED);
        assertThatThrownBy(() -> cancelled.complete(done())).isInstanceOf(InvalidTransitionException.class);
        assertThatThrownBy(() -> cancelled.start("a", NOW)).isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void cancellingACompletedActivityIsRefused() {
        Activity completed = planned().complete(done());
        assertThatThrownBy(() -> completed.cancel(new Activity.Cancellation("x", "a", NOW)))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void inProgressActivityCanBeCancelled() {
        Activity cancelled = planned().start("a", NOW).cancel(new Activity.Cancellation("Hết kinh phí", "a", NOW));
        assertThat(cancelled.status()).isEqualTo(ActivityStatus.CANCELLED);
        assertThat(cancelled.cancellation().reason()).isEqualTo("Hết kinh phí");
    }
}
