package vn.loa.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoaServiceTests {

    @Test
    void theFiveServicesHaveTheSharedPortsAndOneDatabaseEach() {
        assertThat(LoaService.values()).extracting(LoaService::moduleName, LoaService::defaultPort).containsExactly(
                org.assertj.core.groups.Tuple.tuple("plan-service", 8081),
                org.assertj.core.groups.Tuple.tuple("activity-service", 8082),
                org.assertj.core.groups.Tuple.tuple("reporting-service", 8083),
                org.assertj.core.groups.Tuple.tuple("notification-service", 8084),
                org.assertj.core.groups.Tuple.tuple("gateway", 8080));
        assertThat(LoaService.databases()).containsExactly("loa_plan", "loa_activity", "loa_reporting", "loa_notification");
    }

    @Test
    void aServiceIsNamedByItsRouteItsModuleOrItsConstant() {
        assertThat(LoaService.byName("reporting")).isEqualTo(LoaService.REPORTING);
        assertThat(LoaService.byName("activity-service")).isEqualTo(LoaService.ACTIVITY);
        assertThat(LoaService.byName("GATEWAY")).isEqualTo(LoaService.GATEWAY);
        assertThatThrownBy(() -> LoaService.byName("reportng")).hasMessageContaining("reportng");
    }

    @Test
    void theExecJarIsPreferredAndAPlainBootJarIsTheFallback(@TempDir Path root) throws Exception {
        Path target = Files.createDirectories(root.resolve("gateway/target"));
        assertThat(LoaService.GATEWAY.executableJar(root)).isEmpty();

        Files.createFile(target.resolve("loa-gateway-0.1.0-SNAPSHOT.jar"));
        assertThat(LoaService.GATEWAY.executableJar(root)).contains(target.resolve("loa-gateway-0.1.0-SNAPSHOT.jar"));

        Files.createFile(target.resolve("loa-gateway-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(LoaService.GATEWAY.executableJar(root)).contains(target.resolve("loa-gateway-0.1.0-SNAPSHOT-exec.jar"));
    }
}
