package vn.loa.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TargetGuardsTests {

    static DeliveryProperties properties() {
        return new DeliveryProperties(true, Duration.ofMillis(200), 100, Duration.ofMinutes(5), 4,
                Duration.ofSeconds(10), 2.0, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5),
                50, 4, 4, Duration.ofSeconds(30), 1, 2, 10, "Loa <a@b.c>");
    }

    final TargetGuards guards = new TargetGuards(properties(), new StaticListableBeanFactory().getBeanProvider(
            io.micrometer.core.instrument.MeterRegistry.class));

    @Test
    void backOffGrowsExponentiallyUpToTheCap() {
        assertThat(guards.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(guards.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(guards.backoffAfter(3)).isEqualTo(Duration.ofSeconds(30));
        assertThat(guards.maxAttempts()).isEqualTo(4);
    }

    @Test
    void eachTargetHasItsOwnBreaker() {
        CircuitBreaker dead = guards.circuitBreaker("http://dead.example/hook");
        for (int i = 0; i < 4; i++) {
            dead.onError(1, TimeUnit.MILLISECONDS, new RuntimeException("down"));
        }
        assertThat(dead.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(guards.circuitBreaker("http://alive.example/hook").tryAcquirePermission()).isTrue();
        assertThat(guards.bulkhead("a")).isNotSameAs(guards.bulkhead("b"));
    }
}
