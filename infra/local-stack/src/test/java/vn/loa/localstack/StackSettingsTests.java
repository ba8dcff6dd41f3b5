package vn.loa.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTests {

    @Test
    void defaultsAreTheSharedPortsAndKeepDataUnderDotLoa() {
        StackSettings settings = StackSettings.from(new String[0], Map.of("LOA_ROOT", "/srv/loa"));

        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.fresh()).isFalse();
        assertThat(settings.postgresData()).isEqualTo(Path.of("/srv/loa/.loa/postgres"));
        assertThat(settings.kafkaData()).isEqualTo(Path.of("/srv/loa/.loa/kafka"));
        assertThat(settings.logs()).isEqualTo(Path.of("/srv/loa/.loa/logs"));
        assertThat(settings.serviceJavaOptions()).contains("-Xmx320m");
        assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void freshAndEnvironmentOverridesAreRead() {
        StackSettings settings = StackSettings.from(new String[] {"--fresh"}, Map.of(
                "LOA_ROOT", "/srv/loa", "LOA_POSTGRES_PORT", "25432", "LOA_SERVICE_JAVA_OPTS", "-Xmx256m  -Dx=y",
                "LOA_READY_TIMEOUT_SECONDS", "60"));

        assertThat(settings.fresh()).isTrue();
        assertThat(settings.postgresPort()).isEqualTo(25432);
        assertThat(settings.serviceJavaOptions()).containsExactly("-Xmx256m", "-Dx=y");
        assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void unknownArgumentsAndBadNumbersAreRefusedWithTheirName() {
        assertThatThrownBy(() -> StackSettings.from(new String[] {"--frsh"}, Map.of()))
                .hasMessageContaining("--frsh");
        assertThatThrownBy(() -> StackSettings.from(new String[0], Map.of("LOA_KAFKA_PORT", "abc")))
                .hasMessageContaining("LOA_KAFKA_PORT");
    }
}
