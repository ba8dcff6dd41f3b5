package vn.loa.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./loa up} was asked for: its arguments ({@code --fresh}, {@code --replicas reporting=2,activity=2})
 * and environment variables, each with a default that matches the shared facts (PostgreSQL 15432, Kafka 19092,
 * the services on 8080–8084).
 */
public record StackSettings(
        Path root,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int portOffset,
        List<String> serviceJavaOptions,
        Duration readyTimeout,
        boolean fresh,
        long parentPid,
        Map<LoaService, Integer> replicas,
        boolean classDataSharing) {

    static StackSettings from(String[] args, Map<String, String> env) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        boolean fresh = arguments.remove("--fresh");
        Map<LoaService, Integer> replicas = new EnumMap<>(LoaService.class);
        int at = arguments.indexOf("--replicas");
        while (at >= 0) {
            if (at + 1 >= arguments.size()) {
                throw new IllegalArgumentException("--replicas needs a value, e.g. --replicas reporting=2,activity=2");
            }
            replicas.putAll(replicas(arguments.get(at + 1)));
            arguments.subList(at, at + 2).clear();
            at = arguments.indexOf("--replicas");
        }
        for (String argument : List.copyOf(arguments)) {
            if (argument.startsWith("--replicas=")) {
                replicas.putAll(replicas(argument.substring("--replicas=".length())));
                arguments.remove(argument);
            }
        }
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException("Unknown argument(s): " + String.join(" ", arguments)
                    + " (accepted: --fresh, --replicas reporting=2,activity=2)");
        }
        Path root = Path.of(env.getOrDefault("LOA_ROOT", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        String javaOptions = env.getOrDefault("LOA_SERVICE_JAVA_OPTS", String.join(" ", StackConfig.DEFAULT_SERVICE_JAVA_OPTIONS)).trim();
        return new StackSettings(
                root,
                intValue(env, "LOA_POSTGRES_PORT", 15432),
                intValue(env, "LOA_KAFKA_PORT", 19092),
                intValue(env, "LOA_KAFKA_CONTROLLER_PORT", 19093),
                intValue(env, "LOA_PORT_OFFSET", 0),
                javaOptions.isEmpty() ? List.of() : List.of(javaOptions.split("\\s+")),
                Duration.ofSeconds(intValue(env, "LOA_READY_TIMEOUT_SECONDS", 600)),
                fresh,
                Long.parseLong(env.getOrDefault("LOA_PARENT_PID", "0")),
                Map.copyOf(replicas),
                !"false".equalsIgnoreCase(env.getOrDefault("LOA_CDS", "true").trim()));
    }

    /** {@code reporting=2,activity=2} (module names such as {@code reporting-service=2} work too). */
    static Map<LoaService, Integer> replicas(String value) {
        Map<LoaService, Integer> replicas = new EnumMap<>(LoaService.class);
        for (String pair : value.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--replicas takes service=count pairs, e.g. reporting=2,activity=2; not '" + pair + "'");
            }
            LoaService service = LoaService.byName(parts[0]);
            int count;
            try {
                count = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--replicas " + pair + ": the count must be a number");
            }
            if (count < 1 || count > 9) {
                throw new IllegalArgumentException("--replicas " + pair + ": between 1 and 9 replicas");
            }
            if (service == LoaService.GATEWAY && count != 1) {
                throw new IllegalArgumentException("--replicas " + pair + ": the gateway runs as one replica");
            }
            replicas.put(service, count);
        }
        return replicas;
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

    Path logs() {
        return home().resolve("logs");
    }

    Path run() {
        return home().resolve("run");
    }

    /** {@code .loa/cds}: the extracted jars and class-data sharing archives ({@link ClassDataSharing}). */
    Path classDataSharingDirectory() {
        return home().resolve("cds");
    }

    /**
     * The stack of {@code ./loa up}: every service with demo data, fixed ports, data kept in {@code .loa/}; the
     * services start together with PostgreSQL and Kafka, from extracted jars with class-data sharing archives
     * (unless {@code LOA_CDS=false}).
     */
    StackConfig toConfig(Map<LoaService, Path> jars) {
        StackConfig.Builder builder = StackConfig.builder(home())
                .workingDirectory(root)
                .marker(root.toString())
                .fixedPorts(true)
                .infrastructurePorts(postgresPort, kafkaPort, kafkaControllerPort)
                .portOffset(portOffset)
                .fresh(fresh)
                .demoData(EnumSet.allOf(LoaService.class))
                .serviceJavaOptions(serviceJavaOptions)
                .readyTimeout(readyTimeout)
                .replicas(replicas)
                .servicesWithInfrastructure(true)
                .classDataSharing(classDataSharing ? classDataSharingDirectory() : null);
        jars.forEach(builder::service);
        return builder.build();
    }
}
