package vn.loa.support.health;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.application.AvailabilityStateHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.PingHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds every health component that talks to a peer (the database, the outbox counts, Kafka, mail, …) by
 * {@code loa.health.timeout} (default 2 s), all of them checked at once: see {@link TimeBoundHealthIndicator}. The liveness, readiness and ping
 * components answer from memory and are left as they are, so that a probe never waits on a peer.
 */
@AutoConfiguration
@ConditionalOnClass(HealthIndicator.class)
public class TimeBoundHealthAutoConfiguration {

    static final String TIMEOUT_PROPERTY = "loa.health.timeout";

    @Bean
    static BeanPostProcessor loaTimeBoundHealthIndicators(Environment environment) {
        Duration timeout = Binder.get(environment).bind(TIMEOUT_PROPERTY, Duration.class).orElse(Duration.ofSeconds(2));
        ExecutorService checks = Executors.newCachedThreadPool(daemonThreads());
        TimeBoundHealthIndicator.Group components = new TimeBoundHealthIndicator.Group();
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HealthIndicator indicator && !(bean instanceof TimeBoundHealthIndicator)
                        && !(bean instanceof AvailabilityStateHealthIndicator) && !(bean instanceof PingHealthIndicator)) {
                    return new TimeBoundHealthIndicator(indicator, timeout, checks, components);
                }
                return bean;
            }
        };
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "health-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
