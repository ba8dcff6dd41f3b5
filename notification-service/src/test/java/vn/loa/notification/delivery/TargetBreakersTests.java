package vn.loa.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TargetBreakersTests {

    final TargetBreakers breakers = new TargetBreakers(RetryScheduleTests.properties(null, null));

    @Test
    void oneSubscriptionsFailuresOpenOnlyItsOwnBreaker() {
        UUID bad = UUID.randomUUID();
        UUID sameTargetOtherSubscriber = UUID.randomUUID();
        CircuitBreaker dead = breakers.of(bad);
        for (int i = 0; i < 4; i++) {
            dead.onError(1, TimeUnit.MILLISECONDS, new RuntimeException("550 no such user"));
        }
        assertThat(dead.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.of(bad)).isSameAs(dead);
        assertThat(breakers.of(sameTargetOtherSubscriber).tryAcquirePermission()).isTrue();
        assertThat(breakers.open()).isEqualTo(1);
    }

    @Test
    void theCacheOfBreakersIsBounded() {
        for (int i = 0; i < 1000; i++) {
            breakers.of(UUID.randomUUID());
        }
        breakers.cleanUp();
        assertThat(breakers.size()).isLessThanOrEqualTo(100); // breaker-cache-size of these properties
    }
}
