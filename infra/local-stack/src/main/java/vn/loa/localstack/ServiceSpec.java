package vn.loa.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One of the five services as the local stack runs it. {@code database} is null for the gateway. */
public record ServiceSpec(String name, int port, String database, Map<String, String> extraEnv) {

    public static final String GATEWAY = "gateway";

    public static List<ServiceSpec> all() {
        return List.of(
                new ServiceSpec("plan-service", 8081, "loa_plan", Map.of()),
                new ServiceSpec("activity-service", 8082, "loa_activity", Map.of()),
                new ServiceSpec("reporting-service", 8083, "loa_reporting", Map.of()),
                new ServiceSpec("notification-service", 8084, "loa_notification",
                        Map.of("LOA_MAIL_EMBEDDED_ENABLED", "true")),
                new ServiceSpec(GATEWAY, 8080, null, Map.of()));
    }

    public static List<String> databases() {
        return all().stream().map(ServiceSpec::database).filter(d -> d != null).toList();
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** The environment the service gets: standard Spring names, so the same values work in compose and k8s. */
    public Map<String, String> environment(StackSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        if (database != null) {
            env.put("SPRING_DATASOURCE_URL",
                    "jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + database);
            env.put("SPRING_DATASOURCE_USERNAME", EmbeddedDatabase.USER);
            env.put("SPRING_DATASOURCE_PASSWORD", EmbeddedDatabase.PASSWORD);
            env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + settings.kafkaPort());
        }
        env.put("LOA_DEMODATA_ENABLED", "true");
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://localhost:8080/auth/jwks");
        env.put("LOA_SECURITY_ISSUER", "http://localhost:8080");
        env.putAll(extraEnv);
        return env;
    }

    /**
     * The executable jar: {@code <module>/target/loa-<name>-<version>-exec.jar}. The gateway may have
     * no classifier, in which case its main (repackaged) jar is the one to run.
     */
    public Optional<Path> executableJar(Path root) throws IOException {
        Path target = root.resolve(name).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        String prefix = "loa-" + name + "-";
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().endsWith("-exec.jar")))
                    .toList();
            return jars.stream().findFirst();
        }
    }
}
