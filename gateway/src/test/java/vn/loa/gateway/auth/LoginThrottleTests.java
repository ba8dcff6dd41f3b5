package vn.loa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            new AuthProperties.Login(3, Duration.ofSeconds(30), Duration.ofMinutes(2)), clock);

    @Test
    void locksOutAfterTheAllowedRunOfFailures() {
        throttle.failed("lienminh.vhtt", "10.0.0.1");
        throttle.failed("lienminh.vhtt", "10.0.0.1");
        assertThat(throttle.lockedFor("lienminh.vhtt", "10.0.0.1")).isEmpty();
        throttle.failed("lienminh.vhtt", "10.0.0.1");
        assertThat(throttle.lockedFor("lienminh.vhtt", "10.0.0.1")).contains(Duration.ofSeconds(30));
    }

    @Test
    void doublesTheLockoutWithEachFurtherFailureUpToTheCeiling() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("u", "a");
        }
        assertThat(throttle.lockedFor("u", "a")).contains(Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            throttle.failed("u", "a");
        }
        assertThat(throttle.lockedFor("u", "a")).contains(Duration.ofMinutes(2));
    }

    @Test
    void liftsTheLockoutWhenItExpires() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("u", "a");
        }
        clock.advance(Duration.ofSeconds(31));
        assertThat(throttle.lockedFor("u", "a")).isEmpty();
    }

    @Test
    void keepsUsersAndAddressesApartAndForgetsOnSuccess() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("u", "a");
        }
        assertThat(throttle.lockedFor("u", "b")).isEmpty();
        assertThat(throttle.lockedFor("v", "a")).isEmpty();
        throttle.failed("w", "a");
        throttle.failed("w", "a");
        throttle.succeeded("w", "a");
        throttle.failed("w", "a");
        assertThat(throttle.lockedFor("w", "a")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2022-03-15T02:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Ho_Chi_Minh");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
