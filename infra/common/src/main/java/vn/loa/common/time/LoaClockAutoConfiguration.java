package vn.loa.common.time;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The one {@link Clock} of every Loa application (services and gateway): the system clock in
 * {@link LoaTime#ZONE}. A test (or an application) that declares its own {@code Clock} bean replaces it, e.g.
 * test-support's {@code MutableClock}.
 */
@AutoConfiguration
public class LoaClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock loaClock() {
        return Clock.system(LoaTime.ZONE);
    }
}
