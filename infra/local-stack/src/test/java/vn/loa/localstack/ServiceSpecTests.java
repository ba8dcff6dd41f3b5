package vn.loa.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSpecTests {

    private final StackSettings settings = StackSettings.from(new String[0], Map.of("LOA_ROOT", "/srv/loa"));

    @Test
    void theFiveServicesHaveTheSharedPortsAndOneDatabaseEach() {
        assertThat(ServiceSpec.all()).extracting(ServiceSpec::name, ServiceSpec::port).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("gateway", 8080),
                org.assertj.core.groups.Tuple.tuple("plan-service", 8081),
                org.assertj.core.groups.Tuple.tuple("activity-service", 8082),
                org.assertj.core.groups.Tuple.tuple("reporting-service", 8083),
                org.assertj.core.groups.Tuple.tuple("notification-service", 8084));
        assertThat(ServiceSpec.databases())
                .containsExactly("loa_plan", "loa_activity", "loa_reporting", "loa_notification");
    }

    @Test
    void servicesGetStandardSpringVariablesForTheLocalInfrastructure() {
        ServiceSpec notification = byName("notification-service");

        Map<String, String> env = notification.environment(settings);

        assertThat(env).containsEntry("SERVER_PORT", "8084")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/loa_notification")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "loa")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "loa")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:19092")
                .containsEntry("LOA_DEMODATA_ENABLED", "true")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://localhost:8080/auth/jwks")
                .containsEntry("LOA_SECURITY_ISSUER", "http://localhost:8080")
                .containsEntry("LOA_MAIL_EMBEDDED_ENABLED", "true");
        assertThat(byName("gateway").environment(settings)).doesNotContainKey("SPRING_DATASOURCE_URL");
    }

    @Test
    void theExecJarIsPreferredAndAPlainBootJarIsTheFallback(@TempDir Path root) throws Exception {
        Path target = Files.createDirectories(root.resolve("gateway/target"));
        ServiceSpec gateway = byName("gateway");
        assertThat(gateway.executableJar(root)).isEmpty();

        Files.createFile(target.resolve("loa-gateway-0.1.0-SNAPSHOT.jar"));
        assertThat(gateway.executableJar(root)).contains(target.resolve("loa-gateway-0.1.0-SNAPSHOT.jar"));

        Files.createFile(target.resolve("loa-gateway-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(gateway.executableJar(root)).contains(target.resolve("loa-gateway-0.1.0-SNAPSHOT-exec.jar"));
    }

    private static ServiceSpec byName(String name) {
        return ServiceSpec.all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
