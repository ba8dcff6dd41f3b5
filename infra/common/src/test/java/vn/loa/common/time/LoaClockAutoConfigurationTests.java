package vn.loa.common.time;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoaClockAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LoaClockAutoConfiguration.class));

    @Test
    void everyApplicationGetsTheClockOfVietnam() {
        runner.run(context -> assertThat(context.getBean(Clock.class).getZone()).isEqualTo(LoaTime.ZONE));
    }

    @Test
    void anApplicationsOwnClockWins() {
        Clock fixed = Clock.fixed(Instant.parse("2022-03-31T17:00:00Z"), ZoneOffset.UTC);
        runner.withBean(Clock.class, () -> fixed)
                .run(context -> assertThat(context.getBean(Clock.class)).isSameAs(fixed));
    }
}
