package vn.loa.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the stack keeps its data and which ports it uses. Every value has a default that matches the
 * shared facts (PostgreSQL 15432, Kafka 19092) and can be changed with an environment variable.
 */
public record StackSettings(
        Path root,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        List<String> serviceJavaOptions,
        Duration readyTimeout,
        boolean fresh,
        long parentPid) {

    public static final String DEFAULT_SERVICE_JAVA_OPTIONS =
            "-Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

    static StackSettings from(String[] args, Map<String, String> env) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        boolean fresh = arguments.remove("--fresh");
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException("Unknown argument(s): " + String.join(" ", arguments)
                    + " (only --fresh is accepted)");
        }
        Path root = Path.of(env.getOrDefault("LOA_ROOT", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        String javaOptions = env.getOrDefault("LOA_SERVICE_JAVA_OPTS", DEFAULT_SERVICE_JAVA_OPTIONS).trim();
        return new StackSettings(
                root,
                intValue(env, "LOA_POSTGRES_PORT", 15432),
                intValue(env, "LOA_KAFKA_PORT", 19092),
                intValue(env, "LOA_KAFKA_CONTROLLER_PORT", 19093),
                javaOptions.isEmpty() ? List.of() : List.of(javaOptions.split("\\s+")),
                Duration.ofSeconds(intValue(env, "LOA_READY_TIMEOUT_SECONDS", 600)),
                fresh,
                Long.parseLong(env.getOrDefault("LOA_PARENT_PID", "0")));
    }

    private static int intValue(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }

    /** {@code .loa/}: everything the stack writes (data, logs, pid files) lives here. */
    Path home() {
        return root.resolve(".loa");
    }

    Path postgresData() {
        return home().resolve("postgres");
    }

    Path kafkaData() {
        return home().resolve("kafka");
    }

    Path logs() {
        return home().resolve("logs");
    }

    Path run() {
        return home().resolve("run");
    }
}
