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
        assertThat(settings.replicas()).isEmpty();
        assertThat(settings.home()).isEqualTo(Path.of("/srv/loa/.loa"));
        assertThat(settings.logs()).isEqualTo(Path.of("/srv/loa/.loa/logs"));
        assertThat(settings.serviceJavaOptions()).contains("-Xmx320m");
        assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(600));
        StackConfig config = settings.toConfig(Map.of(LoaService.PLAN, Path.of("/srv/loa/plan.jar")));
        assertThat(config.postgresData("postgres")).isEqualTo(Path.of("/srv/loa/.loa/postgres"));
        assertThat(config.kafkaData()).isEqualTo(Path.of("/srv/loa/.loa/kafka"));
        assertThat(config.demoData(LoaService.GATEWAY)).isTrue();
        assertThat(config.classDataSharing()).isEqualTo(Path.of("/srv/loa/.loa/cds"));
        assertThat(config.servicesWithInfrastructure()).isTrue();
    }

    @Test
    void classDataSharingCanBeTurnedOff() {
        StackSettings settings = StackSettings.from(new String[0], Map.of("LOA_ROOT", "/srv/loa", "LOA_CDS", "false"));

        assertThat(settings.toConfig(Map.of(LoaService.PLAN, Path.of("/srv/loa/plan.jar"))).classDataSharing()).isNull();
    }

    @Test
    void freshReplicasAndEnvironmentOverridesAreRead() {
        StackSettings settings = StackSettings.from(new String[] {"--replicas", "reporting=2,activity-service=3", "--fresh"}, Map.of(
                "LOA_ROOT", "/srv/loa", "LOA_POSTGRES_PORT", "25432", "LOA_SERVICE_JAVA_OPTS", "-Xmx256m  -Dx=y",
                "LOA_READY_TIMEOUT_SECONDS", "60"));

        assertThat(settings.fresh()).isTrue();
        assertThat(settings.replicas()).containsExactlyInAnyOrderEntriesOf(Map.of(LoaService.REPORTING, 2, LoaService.ACTIVITY, 3));
        assertThat(settings.postgresPort()).isEqualTo(25432);
        assertThat(settings.serviceJavaOptions()).containsExactly("-Xmx256m", "-Dx=y");
        assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(StackSettings.from(new String[] {"--replicas=notification=2"}, Map.of()).replicas())
                .containsEntry(LoaService.NOTIFICATION, 2);
    }

    @Test
    void unknownArgumentsBadReplicasAndBadNumbersAreRefusedWithTheirName() {
        assertThatThrownBy(() -> StackSettings.from(new String[] {"--frsh"}, Map.of()))
                .hasMessageContaining("--frsh");
        assertThatThrownBy(() -> StackSettings.from(new String[] {"--replicas"}, Map.of()))
                .hasMessageContaining("reporting=2");
        assertThatThrownBy(() -> StackSettings.from(new String[] {"--replicas", "gateway=2"}, Map.of()))
                .hasMessageContaining("gateway runs as one replica");
        assertThatThrownBy(() -> StackSettings.from(new String[] {"--replicas", "reporting=two"}, Map.of()))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> StackSettings.from(new String[0], Map.of("LOA_KAFKA_PORT", "abc")))
                .hasMessageContaining("LOA_KAFKA_PORT");
    }
}
