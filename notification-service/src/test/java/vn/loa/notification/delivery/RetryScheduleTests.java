package vn.loa.notification.delivery;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTests {

    static DeliveryProperties properties(Integer maxAttempts, Duration initialBackoff) {
        return new DeliveryProperties(true, Duration.ofMillis(200), 100, Duration.ofMinutes(5),
                List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                        Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
                0.1, maxAttempts, initialBackoff, 2.0, Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 50, 4, 4, Duration.ofSeconds(30), 1, 100, 16, 2, 10, 100, "Loa <a@b.c>");
    }

    @Test
    void theDefaultIsStandardWebhooksScheduleOverMoreThanADay() {
        RetrySchedule s = RetrySchedule.of(properties(null, null));
        assertThat(s.maxAttempts()).isEqualTo(8);
        assertThat(s.firstAttempt()).isZero();
        assertThat(List.of(s.baseWaitAfter(1), s.baseWaitAfter(2), s.baseWaitAfter(3), s.baseWaitAfter(4),
                s.baseWaitAfter(5), s.baseWaitAfter(6), s.baseWaitAfter(7)))
                .containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                        Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        assertThat(s.span()).isEqualTo(Duration.parse("PT27H35M5S")).isGreaterThan(Duration.ofDays(1));
        assertThat(s.toString()).isEqualTo("8 attempts (at once, 5s, 5m, 30m, 2h, 5h, 10h, 10h) over 27h35m5s, "
                + "each wait up to 10 % longer");
    }

    @RepeatedTest(20)
    void jitterOnlyEverLengthensAWaitByAtMostItsShare() {
        RetrySchedule s = RetrySchedule.of(properties(null, null));
        for (int n = 1; n < 8; n++) {
            Duration base = s.baseWaitAfter(n);
            assertThat(s.waitAfter(n)).isBetween(base, base.plusMillis(base.toMillis() / 10));
        }
    }

    @Test
    void jitterSpreadsTheRetriesOfAnOutage() {
        RetrySchedule s = new RetrySchedule(List.of(Duration.ZERO, Duration.ofMinutes(30)), 2, 0.1,
                () -> new Random(42));
        RetrySchedule other = new RetrySchedule(List.of(Duration.ZERO, Duration.ofMinutes(30)), 2, 0.1,
                () -> new Random(7));
        assertThat(s.waitAfter(1)).isNotEqualTo(other.waitAfter(1));
    }

    @Test
    void moreAttemptsThanEntriesRepeatTheLastWait() {
        RetrySchedule s = RetrySchedule.of(properties(10, null));
        assertThat(s.maxAttempts()).isEqualTo(10);
        assertThat(s.baseWaitAfter(9)).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void anInitialBackOffSwitchesToExponentialWaitsUpToTheCap() {
        RetrySchedule s = RetrySchedule.of(properties(4, Duration.ofSeconds(10)));
        assertThat(s.maxAttempts()).isEqualTo(4);
        assertThat(s.firstAttempt()).isZero();
        assertThat(List.of(s.baseWaitAfter(1), s.baseWaitAfter(2), s.baseWaitAfter(3)))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30));
    }
}
