package vn.loa.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link Stack} runs and where: which services ({@code jars}) with how many replicas, fixed ports
 * ({@code ./loa up}, moved by {@code portOffset}) or free random ones (tests), one PostgreSQL server for all
 * databases or one per service (so that a fault test can stop one service's database), extra environment per
 * service (a null value removes a variable the launcher would set), JVM options. Built with
 * {@link #builder(Path)}; every value has the default {@code ./loa up} uses.
 *
 * @param home             where the data ({@code postgres*}, {@code kafka}) and the pid files ({@code run}) live
 * @param workingDirectory the services' working directory
 * @param marker           put on every child's command line ({@code -Dloa.localstack=<marker>}), so that
 *                         {@code pgrep -f} finds the stack
 * @param kafkaBrokers     1 (one node, replication factor 1) or 3 (a KRaft cluster: replication factor 3,
 *                         {@code min.insync.replicas=2}, unclean leader election off); node n on
 *                         {@code kafkaPort + 2(n-1)}, its controller on {@code kafkaControllerPort + 2(n-1)}
 * @param partitionable    services whose connections to Kafka and to their PostgreSQL go through a
 *                         {@link LoopbackProxy}, so that the fault tests can cut them off while they run
 * @param classDataSharing where the services' extracted jars and class-data sharing archives live
 *                         ({@link ClassDataSharing}); null: the services run with {@code java -jar <exec jar>}
 * @param servicesWithInfrastructure whether the services start at the same time as PostgreSQL and Kafka (they
 *                         wait for them) rather than once both are up
 */
public record StackConfig(
        Path home,
        Path logs,
        Path workingDirectory,
        Map<LoaService, Path> jars,
        Map<LoaService, Integer> replicas,
        boolean fixedPorts,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int portOffset,
        boolean databasePerService,
        boolean durable,
        boolean fresh,
        Set<LoaService> demoData,
        Map<LoaService, Map<String, String>> environment,
        List<String> serviceJavaOptions,
        List<String> brokerJavaOptions,
        Duration readyTimeout,
        String marker,
        int kafkaBrokers,
        Set<LoaService> partitionable,
        Path classDataSharing,
        boolean servicesWithInfrastructure) {

    /** Services get {@code -Xmx320m} by default; tests give less. */
    public static final List<String> DEFAULT_SERVICE_JAVA_OPTIONS =
            List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    public static final List<String> DEFAULT_BROKER_JAVA_OPTIONS =
            List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    public static Builder builder(Path home) {
        return new Builder(home);
    }

    public Path run() {
        return home.resolve("run");
    }

    /** Node n's data directory (1-based): {@link #kafkaData()} itself for a single broker. */
    public Path kafkaData(int node) {
        return kafkaBrokers <= 1 ? kafkaData() : kafkaData().resolve("node-" + node);
    }

    public Path kafkaData() {
        return home.resolve("kafka");
    }

    /** {@code postgres} for the one shared server, {@code postgres-<module>} for a service's own. */
    public Path postgresData(String server) {
        return home.resolve(server);
    }

    /** How many replicas of {@code service} run (0 when it does not run). */
    public int replicas(LoaService service) {
        return jars.containsKey(service) ? replicas.getOrDefault(service, 1) : 0;
    }

    public boolean demoData(LoaService service) {
        return demoData.contains(service);
    }

    /** Extra variables of one service (every replica); a null value removes one the launcher would set. */
    public Map<String, String> environment(LoaService service) {
        return environment.getOrDefault(service, Map.of());
    }

    public static final class Builder {
        private final Path home;
        private Path logs;
        private Path workingDirectory;
        private final Map<LoaService, Path> jars = new EnumMap<>(LoaService.class);
        private final Map<LoaService, Integer> replicas = new EnumMap<>(LoaService.class);
        private boolean fixedPorts = true;
        private int postgresPort = 15432;
        private int kafkaPort = 19092;
        private int kafkaBrokers = 1;
        private final Set<LoaService> partitionable = EnumSet.noneOf(LoaService.class);
        private int kafkaControllerPort = 19093;
        private int portOffset;
        private boolean databasePerService;
        private boolean durable = true;
        private boolean fresh;
        private final Set<LoaService> demoData = EnumSet.noneOf(LoaService.class);
        private final Map<LoaService, Map<String, String>> environment = new EnumMap<>(LoaService.class);
        private List<String> serviceJavaOptions = DEFAULT_SERVICE_JAVA_OPTIONS;
        private List<String> brokerJavaOptions = DEFAULT_BROKER_JAVA_OPTIONS;
        private Duration readyTimeout = Duration.ofMinutes(10);
        private String marker;
        private Path classDataSharing;
        private boolean servicesWithInfrastructure;

        private Builder(Path home) {
            this.home = home.toAbsolutePath().normalize();
        }

        public Builder logs(Path logs) {
            this.logs = logs.toAbsolutePath().normalize();
            return this;
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory.toAbsolutePath().normalize();
            return this;
        }

        /** Runs {@code service} from {@code jar} (a service not given a jar is not run). */
        public Builder service(LoaService service, Path jar) {
            jars.put(service, jar);
            return this;
        }

        public Builder replicas(LoaService service, int count) {
            if (count < 1) {
                throw new IllegalArgumentException(service.moduleName() + ": at least one replica, not " + count);
            }
            if (service == LoaService.GATEWAY && count > 1) {
                // Replicas of the gateway would need a load balancer in front of them: out of scope here.
                throw new IllegalArgumentException("the gateway runs as one replica (it is the front door on one port)");
            }
            replicas.put(service, count);
            return this;
        }

        public Builder replicas(Map<LoaService, Integer> counts) {
            counts.forEach(this::replicas);
            return this;
        }

        /** Fixed ports (the defaults of {@code ./loa up}, checked free before anything starts) or free random ones. */
        public Builder fixedPorts(boolean fixed) {
            this.fixedPorts = fixed;
            return this;
        }

        /** With fixed ports: PostgreSQL's (the n-th server of {@link #databasePerService} gets port + n), Kafka's. */
        public Builder infrastructurePorts(int postgres, int kafka, int kafkaController) {
            this.postgresPort = postgres;
            this.kafkaPort = kafka;
            this.kafkaControllerPort = kafkaController;
            return this;
        }

        /** With fixed ports: added to each of them (services, mail, PostgreSQL, Kafka). */
        public Builder portOffset(int offset) {
            this.portOffset = offset;
            return this;
        }

        /** One PostgreSQL server per service instead of one for all: a fault can then stop one service's database. */
        public Builder databasePerService(boolean perService) {
            this.databasePerService = perService;
            return this;
        }

        /** false: PostgreSQL with fsync off (throw-away test data). */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** Wipe the data (PostgreSQL, Kafka) before starting. */
        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        /** {@code LOA_DEMODATA_ENABLED=true} for these services (the gateway's demo users included), false for the others. */
        public Builder demoData(Set<LoaService> services) {
            demoData.clear();
            demoData.addAll(services);
            return this;
        }

        /** Sets (or, with a null value, removes) one environment variable of every replica of a service. */
        public Builder env(LoaService service, String name, String value) {
            environment.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Builder serviceJavaOptions(List<String> options) {
            this.serviceJavaOptions = List.copyOf(options);
            return this;
        }

        public Builder brokerJavaOptions(List<String> options) {
            this.brokerJavaOptions = List.copyOf(options);
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public Builder marker(String marker) {
            this.marker = marker;
            return this;
        }

        /** 1 (default) or more Kafka nodes; with more, the cluster settings of {@link StackConfig#kafkaBrokers()}. */
        public Builder kafkaBrokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("at least one Kafka broker");
            }
            this.kafkaBrokers = brokers;
            return this;
        }

        /** Routes the service's connections to Kafka and PostgreSQL through proxies the tests can freeze. */
        public Builder partitionable(LoaService service) {
            this.partitionable.add(service);
            return this;
        }

        /**
         * Runs the services from their extracted jars with class-data sharing archives kept in {@code directory}
         * (trained once per build, see {@link ClassDataSharing}); null (the default): {@code java -jar}.
         */
        public Builder classDataSharing(Path directory) {
            this.classDataSharing = directory == null ? null : directory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * true: the services start together with PostgreSQL and Kafka and wait for them (their connection pool
         * retries for up to two minutes, the Kafka clients retry anyway); false (the default): once both are up.
         */
        public Builder servicesWithInfrastructure(boolean together) {
            this.servicesWithInfrastructure = together;
            return this;
        }

        public StackConfig build() {
            if (jars.isEmpty()) {
                throw new IllegalStateException("no service to run");
            }
            replicas.keySet().stream().filter(s -> !jars.containsKey(s)).findFirst().ifPresent(s -> {
                throw new IllegalStateException("replicas of " + s.moduleName() + ", which is not run");
            });
            Map<LoaService, Map<String, String>> env = new EnumMap<>(LoaService.class);
            // LinkedHashMap copies: Map.copyOf would refuse the null values that remove a variable.
            environment.forEach((service, values) -> env.put(service, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
            return new StackConfig(home, logs != null ? logs : home.resolve("logs"),
                    workingDirectory != null ? workingDirectory : home,
                    Collections.unmodifiableMap(new EnumMap<>(jars)), Collections.unmodifiableMap(new EnumMap<>(replicas)),
                    fixedPorts, postgresPort, kafkaPort, kafkaControllerPort, portOffset, databasePerService, durable, fresh,
                    Collections.unmodifiableSet(EnumSet.copyOf(demoData)),
                    Collections.unmodifiableMap(env), serviceJavaOptions, brokerJavaOptions, readyTimeout,
                    marker != null ? marker : home.toString(), kafkaBrokers,
                    Collections.unmodifiableSet(partitionable.isEmpty() ? EnumSet.noneOf(LoaService.class)
                            : EnumSet.copyOf(partitionable)), classDataSharing, servicesWithInfrastructure);
        }
    }
}
