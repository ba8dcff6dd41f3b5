package vn.loa.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one launcher of Loa, behind {@code ./loa up}, the end-to-end tests and the fault tests: PostgreSQL 17
 * (one server, or one per service), a Kafka broker in a JVM of its own, and the services as separate
 * {@code java -jar} processes, any of them with several replicas behind the gateway. What it runs and on
 * which ports is a {@link StackConfig}; nothing starts before {@link #start()}.
 *
 * <p>Every piece can be stopped, killed and started again on its port and data while the rest runs (fault
 * tests): {@link #stop(LoaService, int)}, {@link #kill(LoaService, int)}, {@link #start(LoaService, int)},
 * {@link #killKafka()}, {@link #stopPostgres(LoaService)}, … Start-up and {@link #stop()} take turns, so
 * that a Ctrl-C during start-up leaves nothing running.
 */
public final class Stack implements AutoCloseable {

    /** notification-service may deliver webhooks to loopback receivers (the stack's own, the tests'). */
    public static final String WEBHOOK_LOOPBACK_NETWORKS = "127.0.0.0/8,::1/128";

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    private static final String SHARED_SERVER = "postgres";

    private final StackConfig config;
    private final Consumer<String> progress;
    private final Map<String, PostgresServer> servers = new LinkedHashMap<>();
    private final Map<LoaService, PostgresServer> serverOf = new EnumMap<>(LoaService.class);
    private final int kafkaPort;
    private final int kafkaControllerPort;
    /** The Kafka nodes (one, or a KRaft cluster of several), node n at index n-1. */
    private final List<Broker> brokers = new ArrayList<>();
    /** The proxies of the services whose network the fault tests may cut ({@link StackConfig#partitionable()}). */
    private final Map<LoaService, Partition> partitions = new EnumMap<>(LoaService.class);
    private final Map<LoaService, List<Instance>> instances = new EnumMap<>(LoaService.class);
    private final HealthProbe health = new HealthProbe();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Start-up phases and stop() take turns, so that nothing started half-way is left running. */
    private final Object lifecycle = new Object();
    private long startedAt = System.nanoTime();
    private Duration startedIn;
    /** Extracted jars and class-data sharing archives (null: the services run from their executable jars). */
    private final ClassDataSharing cds;
    /** Each service's application jar in its extracted layout, once {@link #prepareClassDataSharing()} made it. */
    private final Map<LoaService, Path> extractedJars = new ConcurrentHashMap<>();
    /** Instances started with an archive: one that dies during start-up gets a second chance without it. */
    private final Set<Instance> withArchive = ConcurrentHashMap.newKeySet();
    /** Training runs under way (stopped with the stack). */
    private final List<ManagedProcess> training = new CopyOnWriteArrayList<>();

    /**
     * One replica of a service: its port (and, for notification-service, its embedded mail server's ports) and its
     * process. {@code replica} is 1 for the first.
     */
    public record Instance(LoaService service, int replica, int port, int smtpPort, int imapPort, ManagedProcess process) {

        /** {@code reporting-service} for the first replica, {@code reporting-service-2} for the second. */
        public String name() {
            return replica == 1 ? service.moduleName() : service.moduleName() + "-" + replica;
        }

        public String url() {
            return "http://localhost:" + port;
        }
    }

    /** Chooses the ports (checked free at {@link #start()} when fixed) and prepares every process; starts nothing. */
    public Stack(StackConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.cds = config.classDataSharing() == null ? null : new ClassDataSharing(config.classDataSharing());
        List<LoaService> withDatabase = config.jars().keySet().stream().filter(s -> s.database() != null).toList();
        if (config.databasePerService()) {
            int n = 0;
            for (LoaService service : withDatabase) {
                addServer(SHARED_SERVER + "-" + service.moduleName(), port(config.postgresPort() + n++), List.of(service));
            }
        } else if (!withDatabase.isEmpty()) {
            addServer(SHARED_SERVER, port(config.postgresPort()), withDatabase);
        }
        this.kafkaPort = port(config.kafkaPort());
        this.kafkaControllerPort = port(config.kafkaControllerPort());
        List<int[]> nodePorts = new ArrayList<>();
        nodePorts.add(new int[] {kafkaPort, kafkaControllerPort});
        for (int n = 2; n <= config.kafkaBrokers(); n++) {
            nodePorts.add(new int[] {port(config.kafkaPort() + 2 * (n - 1)), port(config.kafkaControllerPort() + 2 * (n - 1))});
        }
        StringBuilder voters = new StringBuilder();
        for (int n = 1; n <= nodePorts.size(); n++) {
            voters.append(n == 1 ? "" : ",").append(n).append("@localhost:").append(nodePorts.get(n - 1)[1]);
        }
        // A partitionable service reaches each node through a listener of its own, advertised at a proxy's port.
        Map<LoaService, List<int[]>> cutListeners = new EnumMap<>(LoaService.class);
        for (LoaService service : config.partitionable()) {
            List<LoopbackProxy> kafkaProxies = new ArrayList<>();
            List<int[]> listeners = new ArrayList<>();
            for (int n = 1; n <= nodePorts.size(); n++) {
                int listener = FreePorts.next();
                int proxy = FreePorts.next();
                listeners.add(new int[] {listener, proxy});
                kafkaProxies.add(new LoopbackProxy(service.moduleName() + "-kafka-" + n, proxy, listener));
            }
            cutListeners.put(service, listeners);
            LoopbackProxy postgresProxy = service.database() == null ? null
                    : new LoopbackProxy(service.moduleName() + "-postgres", FreePorts.next(), serverOf.get(service).port());
            partitions.put(service, new Partition(service, postgresProxy, kafkaProxies));
        }
        for (int n = 1; n <= nodePorts.size(); n++) {
            int node = n;
            Map<String, int[]> extra = new LinkedHashMap<>();
            cutListeners.forEach((service, listeners) -> extra.put(cutListenerName(service), listeners.get(node - 1)));
            EmbeddedBroker.Node settings = new EmbeddedBroker.Node(n, nodePorts.get(n - 1)[0], nodePorts.get(n - 1)[1],
                    voters.toString(), nodePorts.size(), extra);
            String name = nodePorts.size() == 1 ? "kafka" : "kafka-" + n;
            brokers.add(new Broker(settings, new ManagedProcess(name, brokerCommand(settings), Map.of(), config.home(),
                    config.logs().resolve(name + ".log"), config.run().resolve(name + ".pid"))));
        }
        Map<LoaService, List<Instance>> planned = new EnumMap<>(LoaService.class);
        config.jars().keySet().forEach(service -> {
            List<Instance> replicas = new ArrayList<>();
            for (int r = 1; r <= config.replicas(service); r++) {
                int offset = 10 * (r - 1);
                boolean mail = service == LoaService.NOTIFICATION;
                replicas.add(new Instance(service, r, port(service.defaultPort() + offset),
                        mail ? port(3025 + offset) : 0, mail ? port(3143 + offset) : 0, null));
            }
            planned.put(service, replicas);
        });
        // The environment needs every instance's port (the gateway lists the replicas): processes come second.
        planned.forEach((service, replicas) -> instances.put(service, replicas.stream().map(i -> new Instance(service,
                i.replica(), i.port(), i.smtpPort(), i.imapPort(), new ManagedProcess(i.name(),
                serviceCommand(service, List.of(), config.jars().get(service)),
                environment(i, planned), config.workingDirectory(), config.logs().resolve(i.name() + ".log"),
                config.run().resolve(i.name() + ".pid")))).toList()));
    }

    private int port(int fixed) {
        return config.fixedPorts() ? fixed + config.portOffset() : FreePorts.next();
    }

    private void addServer(String name, int port, List<LoaService> services) {
        PostgresServer server = new PostgresServer(name, config.postgresData(name), port,
                config.logs().resolve(name + ".log"), services.stream().map(LoaService::database).toList(),
                config.durable(), config.run().resolve(name + ".pid"));
        servers.put(name, server);
        services.forEach(s -> serverOf.put(s, server));
    }

    private static String cutListenerName(LoaService service) {
        return "CUT_" + service.name();
    }

    /** One Kafka node: its settings and its process. */
    public record Broker(EmbeddedBroker.Node node, ManagedProcess process) {
        public String bootstrap() {
            return "localhost:" + node.port();
        }
    }

    /** The proxies between a service and its PostgreSQL ({@code postgres}, null without a database) and each Kafka node. */
    public record Partition(LoaService service, LoopbackProxy postgres, List<LoopbackProxy> kafka) {
        List<LoopbackProxy> all() {
            List<LoopbackProxy> all = new ArrayList<>(kafka);
            if (postgres != null) {
                all.add(postgres);
            }
            return all;
        }
    }

    private List<String> brokerCommand(EmbeddedBroker.Node node) {
        List<String> command = new ArrayList<>();
        command.add(ManagedProcess.java());
        command.addAll(config.brokerJavaOptions());
        command.add("-D" + LocalStack.MARKER_PROPERTY + "=" + config.marker());
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-cp");
        // This JVM's class path, absolute: the broker runs in the stack's home, not in this JVM's directory.
        command.add(String.join(java.io.File.pathSeparator, Stream.of(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString()).toList()));
        command.add(KafkaBrokerMain.class.getName());
        command.add(config.kafkaData(node.nodeId()).toString());
        command.add(Integer.toString(node.port()));
        command.add(Integer.toString(node.controllerPort()));
        command.add(config.logs().resolve(config.kafkaBrokers() == 1 ? "kafka-storage.log"
                : "kafka-" + node.nodeId() + "-storage.log").toString());
        if (node.clusterSize() > 1 || !node.extraListeners().isEmpty()) {
            command.add(Integer.toString(node.nodeId()));
            command.add(node.voters());
            command.add(Integer.toString(node.clusterSize()));
            node.extraListeners().forEach((name, ports) -> command.add(name + "=" + ports[0] + ":" + ports[1]));
        }
        return command;
    }

    /** {@code java <options> <extra options> -jar <jar>}: the executable jar, or the extracted layout's. */
    private List<String> serviceCommand(LoaService service, List<String> extraOptions, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(ManagedProcess.java());
        // The class-data sharing options first: the user's LOA_SERVICE_JAVA_OPTS (e.g. -Xshare:off) have the last word.
        command.addAll(extraOptions);
        command.addAll(config.serviceJavaOptions());
        if (cds != null) {
            // A JVM that crashes on its archive writes its report beside the logs, not into the working directory.
            command.add("-XX:ErrorFile=" + config.logs().resolve("hs_err_pid%p.log"));
        }
        command.add("-D" + LocalStack.MARKER_PROPERTY + "=" + config.marker());
        command.add("-Dfile.encoding=UTF-8");
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Standard Spring names, so that the same values work in compose and Kubernetes. */
    private Map<String, String> environment(Instance instance, Map<LoaService, List<Instance>> instances) {
        LoaService service = instance.service();
        String gatewayUrl = instances.containsKey(LoaService.GATEWAY) ? instances.get(LoaService.GATEWAY).get(0).url()
                : "http://localhost:" + (LoaService.GATEWAY.defaultPort() + config.portOffset());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(instance.port()));
        if (service.database() != null) {
            Partition partition = partitions.get(service);
            env.put("SPRING_DATASOURCE_URL", partition == null ? jdbcUrl(service)
                    : "jdbc:postgresql://localhost:" + partition.postgres().port() + "/" + service.database());
            env.put("SPRING_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("SPRING_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
            env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", partition == null ? kafkaBootstrap()
                    : String.join(",", partition.kafka().stream().map(p -> "localhost:" + p.port()).toList()));
            if (config.servicesWithInfrastructure()) {
                // Started before PostgreSQL and Kafka answer: the pool's first connection is retried (every second,
                // for up to 2 min) instead of failing Flyway at once; the topics are declared once the broker answers.
                env.put("SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT", "120000");
                env.put("SPRING_KAFKA_ADMIN_OPERATIONTIMEOUT", "120s");
            }
            if (brokers.size() > 1) {
                // The cluster's settings (MessagingProperties): every Loa topic replicated to 3 nodes.
                env.put("LOA_MESSAGING_TOPICS_REPLICATIONFACTOR", Integer.toString(Math.min(3, brokers.size())));
            }
        }
        env.put("LOA_DEMODATA_ENABLED", Boolean.toString(config.demoData(service)));
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", gatewayUrl + "/auth/jwks");
        env.put("LOA_SECURITY_ISSUER", gatewayUrl);
        switch (service) {
            case NOTIFICATION -> {
                env.put("LOA_MAIL_EMBEDDED_ENABLED", "true");
                env.put("LOA_MAIL_EMBEDDED_SMTPPORT", Integer.toString(instance.smtpPort()));
                env.put("LOA_MAIL_EMBEDDED_IMAPPORT", Integer.toString(instance.imapPort()));
                env.put("SPRING_MAIL_PORT", Integer.toString(instance.smtpPort()));
                env.put("LOA_WEBHOOKS_ALLOWEDNETWORKS", WEBHOOK_LOOPBACK_NETWORKS);
            }
            case GATEWAY -> {
                env.put("LOA_AUTH_ISSUER_URI", gatewayUrl);
                // Spring Cloud LoadBalancer over static instances: every route goes to lb://<route>, which
                // spreads requests over the replicas (round robin); one replica is a list of one.
                instances.forEach((target, replicas) -> {
                    if (target.route() == null) {
                        return;
                    }
                    String route = target.route().toUpperCase(Locale.ROOT);
                    env.put("LOA_" + route + "_URI", "lb://" + target.route());
                    for (int i = 0; i < replicas.size(); i++) {
                        env.put("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_" + route + "_" + i + "_URI",
                                replicas.get(i).url());
                    }
                });
            }
            default -> {
            }
        }
        config.environment(service).forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        return env;
    }

    // ---------------------------------------------------------------- start and stop

    /** Ports this stack needs, and who needs them (checked free before a fixed-port stack starts). */
    public Map<Integer, String> requiredPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        for (Instance i : allInstances()) {
            ports.put(i.port(), i.name());
            if (i.smtpPort() > 0) {
                ports.put(i.smtpPort(), i.name() + " SMTP");
                ports.put(i.imapPort(), i.name() + " IMAP");
            }
        }
        servers.values().forEach(s -> ports.put(s.port(), "PostgreSQL" + (servers.size() > 1 ? " " + s.name() : "")));
        for (Broker b : brokers) {
            String suffix = brokers.size() == 1 ? "" : " " + b.node().nodeId();
            ports.put(b.node().port(), "Kafka" + suffix);
            ports.put(b.node().controllerPort(), "Kafka controller" + suffix);
        }
        return ports;
    }

    /** With fixed ports: fails with a {@link StartupFailure} that names the holders when one is taken. */
    public void checkPorts() {
        if (config.fixedPorts()) {
            List<String> taken = PortCheck.taken(requiredPorts());
            if (!taken.isEmpty()) {
                throw new StartupFailure(String.join(System.lineSeparator() + "     ", taken));
            }
        }
    }

    /**
     * Starts everything and returns once every service answers {@code /actuator/health} UP. The services start
     * once PostgreSQL and Kafka are up, or with them ({@link StackConfig#servicesWithInfrastructure()}, when no
     * class-data sharing archive has to be trained first: a training run needs both).
     */
    public void start() throws Exception {
        startedAt = System.nanoTime();
        checkPorts();
        if (config.fresh()) {
            deleteRecursively(config.kafkaData());
            for (String server : servers.keySet()) {
                deleteRecursively(config.postgresData(server));
            }
        }
        Files.createDirectories(config.logs());
        Files.createDirectories(config.run());
        List<LoaService> untrained;
        boolean servicesStarted = false;
        synchronized (lifecycle) {
            ensureNotStopping();
            // All at once: Kafka's start-up is mostly class loading, and several PostgreSQL servers (one per
            // service) initialise side by side too.
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            partitions.values().forEach(p -> p.all().forEach(LoopbackProxy::start));
            writeClusterId();
            // The nodes of a cluster side by side: none is ready before a majority of the controllers runs.
            for (Broker b : brokers) {
                starting.add(inThread("loa-" + b.process().name() + "-start", () -> {
                    startBroker(b);
                    progress.accept(String.format(Locale.ROOT, "%-21s  up after %s", brokers.size() == 1 ? "Kafka"
                            : "Kafka node " + b.node().nodeId(), elapsed()));
                }));
            }
            servers.values().forEach(server -> starting.add(inThread("loa-" + server.name() + "-start", () -> {
                server.start();
                progress.accept(String.format(Locale.ROOT, "%-21s  up after %s (%s)", server.name(), elapsed(),
                        String.join(", ", server.databases())));
            })));
            untrained = prepareClassDataSharing();
            if (config.servicesWithInfrastructure() && untrained.isEmpty()) {
                startServices();
                servicesStarted = true;
            }
            Exception failed = null;
            for (CompletableFuture<Void> piece : starting) {
                try {
                    piece.join(); // all of them, so that none is still starting once this throws
                } catch (CompletionException e) {
                    failed = failed != null ? failed : e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
        if (!untrained.isEmpty()) {
            train(untrained);
        }
        if (!servicesStarted) {
            synchronized (lifecycle) {
                ensureNotStopping();
                startServices();
            }
        }
        awaitHealthy(allInstances());
        startedIn = Duration.ofNanos(System.nanoTime() - startedAt);
    }

    private void startServices() {
        for (Instance instance : allInstances()) {
            instance.process().start();
            progress.accept(String.format(Locale.ROOT, "%-21s  %-22s  log: %s", instance.name(), instance.url(),
                    relative(instance.process().logFile())));
        }
    }

    // ---------------------------------------------------------------- class-data sharing (./loa up)

    /**
     * Extracts the jars that changed (side by side) and points every service at its extracted jar and, when it
     * has a usable one, its archive. Returns the services without an archive. Nothing here stops a start: a
     * service whose jar cannot be extracted runs from its executable jar.
     */
    private List<LoaService> prepareClassDataSharing() {
        if (cds == null) {
            return List.of();
        }
        Map<LoaService, CompletableFuture<Void>> extracting = new EnumMap<>(LoaService.class);
        for (LoaService service : instances.keySet()) {
            Path jar = config.jars().get(service);
            extracting.put(service, inThread("loa-" + service.moduleName() + "-extract", () -> {
                if (!cds.isExtracted(service, jar)) {
                    progress.accept(String.format(Locale.ROOT, "%-21s  extracting %s (once per build)",
                            service.moduleName(), relative(jar)));
                }
                extractedJars.put(service, cds.extract(service, jar));
            }));
        }
        List<LoaService> untrained = new ArrayList<>();
        extracting.forEach((service, extraction) -> {
            try {
                extraction.join();
            } catch (CompletionException e) {
                progress.accept(service.moduleName() + " runs from its executable jar, without class-data sharing: "
                        + (e.getCause() == null ? e : e.getCause()).getMessage());
                return;
            }
            Optional<Path> archive = cds.usableArchive(service, config.jars().get(service));
            if (archive.isEmpty()) {
                cds.discardArchive(service);
                untrained.add(service);
            }
            useArchive(service, archive);
        });
        return untrained;
    }

    /** Every replica of {@code service} runs from its extracted jar, with {@code archive} when present. */
    private void useArchive(LoaService service, Optional<Path> archive) {
        for (Instance instance : instances.get(service)) {
            instance.process().command(serviceCommand(service, ClassDataSharing.runOptions(archive),
                    extractedJars.get(service)));
            if (archive.isPresent()) {
                withArchive.add(instance);
            } else {
                withArchive.remove(instance);
            }
        }
    }

    /**
     * The training runs (side by side, on the real PostgreSQL and Kafka, with the first replica's environment):
     * each service starts, refreshes its context and exits, and its JVM writes the archive. A run that fails
     * leaves its service without an archive (said, not fatal); the next {@code ./loa up} tries again.
     */
    private void train(List<LoaService> services) {
        progress.accept("Class-data sharing: a training run of " + String.join(", ", services.stream()
                .map(LoaService::moduleName).toList()) + " (once per build; archives in " + relative(cds.directory()) + ")");
        Map<LoaService, ManagedProcess> runs = new EnumMap<>(LoaService.class);
        synchronized (lifecycle) {
            ensureNotStopping();
            for (LoaService service : services) {
                ManagedProcess first = instances.get(service).get(0).process();
                ManagedProcess run = new ManagedProcess(service.moduleName() + "-training",
                        serviceCommand(service, cds.trainingOptions(service), extractedJars.get(service)),
                        first.environment(), config.workingDirectory(),
                        config.logs().resolve(service.moduleName() + "-training.log"),
                        config.run().resolve(service.moduleName() + "-training.pid"));
                training.add(run);
                run.start();
                runs.put(service, run);
            }
        }
        runs.forEach((service, run) -> {
            boolean exited = run.awaitExit(config.readyTimeout());
            ensureNotStopping();
            boolean adopted = false;
            try {
                if (!exited) {
                    run.kill();
                } else if (run.exitValue() == 0) {
                    adopted = cds.adoptTrainedArchive(service, config.jars().get(service));
                }
            } catch (IOException e) {
                adopted = false;
            }
            if (adopted) {
                useArchive(service, cds.usableArchive(service, config.jars().get(service)));
                progress.accept(String.format(Locale.ROOT, "%-21s  archive trained after %s", service.moduleName(), elapsed()));
            } else {
                cds.discardArchive(service);
                progress.accept(String.format(Locale.ROOT, "%-21s  no archive: its training run %s, see %s; it starts "
                                + "without one", service.moduleName(), exited ? "failed (exit " + run.exitValue() + ")"
                                : "did not end in " + config.readyTimeout().toSeconds() + " s", relative(run.logFile())));
            }
            training.remove(run);
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> inThread(String name, Step step) {
        return CompletableFuture.runAsync(() -> {
            try {
                step.run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, command -> new Thread(command, name).start());
    }

    /** A cluster's nodes share one cluster id, written once beside their directories. */
    private void writeClusterId() throws IOException {
        if (brokers.size() > 1) {
            Path file = config.kafkaData().resolve("cluster.id");
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, org.apache.kafka.common.Uuid.randomUuid().toString());
            }
        }
    }

    private void startBroker(Broker b) {
        ManagedProcess broker = b.process();
        broker.start();
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        while (broker.logCount(KafkaBrokerMain.READY) == 0) {
            if (!broker.isAlive()) {
                throw new StartupFailure("Kafka stopped during start-up (exit " + broker.exitValue() + "). The end of "
                        + relative(broker.logFile()) + ":" + System.lineSeparator() + broker.logTail(40));
            }
            if (System.nanoTime() > deadline || stopping.get()) {
                broker.kill();
                throw stopping.get() ? new StackStopping()
                        : new StartupFailure("Kafka not ready after " + config.readyTimeout().toSeconds() + " s, see "
                        + relative(broker.logFile()));
            }
            pause(200);
        }
    }

    private void awaitHealthy(List<Instance> waitingFor) {
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        Map<String, String> lastStatus = new LinkedHashMap<>();
        List<Instance> waiting = new ArrayList<>(waitingFor);
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (!waiting.isEmpty()) {
            for (Instance instance : List.copyOf(waiting)) {
                ensureNotStopping();
                ManagedProcess process = instance.process();
                if (!process.isAlive() && cds != null && withArchive.contains(instance)) {
                    // An archive the JVM cannot map can kill it at once (JDK 17): never let it stop a start.
                    progress.accept(String.format(Locale.ROOT, "%-21s  stopped during start-up (exit code %d) with its "
                                    + "class-data sharing archive: starting it again without (the archive is dropped)",
                            instance.name(), process.exitValue()));
                    cds.discardArchive(instance.service());
                    withArchive.remove(instance);
                    process.command(serviceCommand(instance.service(), List.of(), extractedJars.get(instance.service())));
                    process.start();
                    continue;
                }
                if (!process.isAlive()) {
                    throw new StartupFailure(instance.name() + " stopped during start-up (exit code "
                            + process.exitValue() + "). The end of " + relative(process.logFile()) + ":"
                            + System.lineSeparator() + process.logTail(60));
                }
                String status = health.status(instance.port());
                if (status != null && ListeningSockets.isListeningOn(process.pid(), instance.port())
                        .filter(listening -> !listening).isPresent()) {
                    // Something answers on the port, but not our process: do not take its word for it.
                    status = "answered by another process on port " + instance.port();
                }
                if ("UP".equals(status)) {
                    progress.accept(String.format(Locale.ROOT, "%-21s  UP after %s", instance.name(), elapsed()));
                    waiting.remove(instance);
                } else {
                    lastStatus.put(instance.name(), status == null ? "starting" : status);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > nextProgress) {
                // On a busy machine start-up can take minutes: show that it is still going.
                progress.accept(String.format(Locale.ROOT, "               %s: waiting for %s", elapsed(),
                        String.join(", ", waiting.stream()
                                .map(i -> i.name() + " (" + lastStatus.getOrDefault(i.name(), "starting") + ")").toList())));
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            if (System.nanoTime() > deadline) {
                StringBuilder message = new StringBuilder("Not healthy after " + config.readyTimeout().toSeconds() + " s:");
                for (Instance instance : waiting) {
                    message.append(System.lineSeparator()).append("     ").append(instance.name())
                            .append(": /actuator/health ").append(lastStatus.getOrDefault(instance.name(), "does not answer"))
                            .append(", see ").append(relative(instance.process().logFile()));
                }
                throw new StartupFailure(message.toString());
            }
            pause(500);
        }
    }

    /** Idempotent. Gateway first, then the services, then Kafka, then PostgreSQL. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        synchronized (lifecycle) {
            training.forEach(ManagedProcess::kill); // an archive half-written is never adopted
            allInstances().stream().filter(i -> i.service() == LoaService.GATEWAY).forEach(i -> i.process().stop(STOP_GRACE));
            List<Thread> stoppers = allInstances().stream().filter(i -> i.service() != LoaService.GATEWAY)
                    .map(i -> new Thread(() -> i.process().stop(STOP_GRACE), "loa-stop-" + i.name()))
                    .toList();
            stoppers.forEach(Thread::start);
            for (Thread stopper : stoppers) {
                try {
                    stopper.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // The nodes of a cluster side by side: one by one, the last would wait for a quorum that is gone.
            List<Thread> brokerStoppers = brokers.stream().map(b -> new Thread(() -> {
                try {
                    b.process().stop(STOP_GRACE);
                } catch (RuntimeException e) {
                    progress.accept(b.process().name() + " did not stop cleanly: " + e.getMessage());
                }
            }, "loa-stop-" + b.process().name())).toList();
            brokerStoppers.forEach(Thread::start);
            for (Thread stopper : brokerStoppers) {
                try {
                    stopper.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            partitions.values().forEach(p -> p.all().forEach(LoopbackProxy::close));
            for (PostgresServer server : servers.values()) {
                try {
                    server.stop();
                } catch (RuntimeException e) {
                    progress.accept(server.name() + " did not stop cleanly: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isStopping() {
        return stopping.get();
    }

    private void ensureNotStopping() {
        if (stopping.get()) {
            throw new StackStopping();
        }
    }

    // ---------------------------------------------------------------- addresses

    public StackConfig config() {
        return config;
    }

    /** Every replica of every service, in start order (the gateway last). */
    public List<Instance> allInstances() {
        return instances.values().stream().flatMap(Collection::stream).toList();
    }

    public boolean runs(LoaService service) {
        return instances.containsKey(service);
    }

    public int replicas(LoaService service) {
        return instances.getOrDefault(service, List.of()).size();
    }

    /** Replica {@code replica} (1 for the first) of {@code service}. */
    public Instance instance(LoaService service, int replica) {
        List<Instance> replicas = instances.get(service);
        if (replicas == null) {
            throw new IllegalArgumentException(service.moduleName() + " is not part of this stack");
        }
        if (replica < 1 || replica > replicas.size()) {
            throw new IllegalArgumentException(service.moduleName() + " has " + replicas.size() + " replica(s), not " + replica);
        }
        return replicas.get(replica - 1);
    }

    public String gatewayUrl() {
        return runs(LoaService.GATEWAY) ? instance(LoaService.GATEWAY, 1).url()
                : "http://localhost:" + (LoaService.GATEWAY.defaultPort() + config.portOffset());
    }

    public String jdbcUrl(LoaService service) {
        return postgres(service).jdbcUrl(service.database());
    }

    /** The PostgreSQL server that holds {@code service}'s database. */
    public PostgresServer postgres(LoaService service) {
        PostgresServer server = serverOf.get(service);
        if (server == null) {
            throw new IllegalArgumentException(service.moduleName() + " has no database in this stack");
        }
        return server;
    }

    public Collection<PostgresServer> postgresServers() {
        return servers.values();
    }

    /** Every node's address, comma-separated. */
    public String kafkaBootstrap() {
        return String.join(",", brokers.stream().map(Broker::bootstrap).toList());
    }

    /** How many Kafka nodes run (1, or a cluster). */
    public int kafkaBrokers() {
        return brokers.size();
    }

    /** Kafka node {@code node} (1-based; its {@code node.id} is the same number). */
    public Broker broker(int node) {
        if (node < 1 || node > brokers.size()) {
            throw new IllegalArgumentException("there are " + brokers.size() + " Kafka node(s), not " + node);
        }
        return brokers.get(node - 1);
    }

    public Path logDir() {
        return config.logs();
    }

    /** How long {@link #start()} took until every service was healthy (null before). */
    public Duration startedIn() {
        return startedIn;
    }

    // ---------------------------------------------------------------- one piece at a time (fault tests)

    public boolean isRunning(LoaService service, int replica) {
        return instance(service, replica).process().isAlive();
    }

    public long pid(LoaService service, int replica) {
        return instance(service, replica).process().pid();
    }

    /** SIGTERM (graceful shutdown), SIGKILL after 20 s. */
    public void stop(LoaService service, int replica) {
        instance(service, replica).process().stop(STOP_GRACE);
    }

    /** SIGKILL: no shutdown hook, no graceful close. */
    public void kill(LoaService service, int replica) {
        instance(service, replica).process().kill();
    }

    /** Starts a stopped or killed replica again on its port and waits until it is healthy. */
    public void start(LoaService service, int replica) {
        Instance instance = instance(service, replica);
        if (instance.process().isAlive()) {
            return;
        }
        instance.process().start();
        awaitHealthy(List.of(instance));
    }

    /** Whether every Kafka node runs. */
    public boolean isKafkaRunning() {
        return brokers.stream().allMatch(b -> b.process().isAlive());
    }

    /** SIGTERM to every node: a controlled shutdown. */
    public void stopKafka() {
        brokers.forEach(b -> b.process().stop(STOP_GRACE));
    }

    /** SIGKILL to every node, as a crash would. */
    public void killKafka() {
        brokers.forEach(b -> b.process().kill());
    }

    /** Starts the stopped nodes again (same ports, same data) and waits until they serve. */
    public void startKafka() {
        List<CompletableFuture<Void>> starting = brokers.stream().filter(b -> !b.process().isAlive())
                .map(b -> inThread("loa-" + b.process().name() + "-start", () -> startBroker(b))).toList();
        for (CompletableFuture<Void> node : starting) {
            try {
                node.join();
            } catch (CompletionException e) {
                // as a single broker's start-up reports it: StartupFailure, StackStopping
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    public boolean isKafkaRunning(int node) {
        return broker(node).process().isAlive();
    }

    public long kafkaPid(int node) {
        return broker(node).process().pid();
    }

    /** SIGTERM to one node: a controlled shutdown (its partitions' leadership moves first). */
    public void stopKafka(int node) {
        broker(node).process().stop(STOP_GRACE);
    }

    /** SIGKILL to one node. */
    public void killKafka(int node) {
        broker(node).process().kill();
    }

    /** Starts one node again (same ports, same data) and waits until it serves. */
    public void startKafka(int node) {
        Broker b = broker(node);
        if (!b.process().isAlive()) {
            startBroker(b);
        }
    }

    // ---------------------------------------------------------------- network partitions (fault tests)

    private Partition partition(LoaService service) {
        Partition partition = partitions.get(service);
        if (partition == null) {
            throw new IllegalArgumentException(service.moduleName() + " is not partitionable in this stack "
                    + "(StackConfig.Builder#partitionable)");
        }
        return partition;
    }

    /** Cuts {@code service} (every replica) off from every Kafka node; its sockets hang, nothing is closed. */
    public void partitionFromKafka(LoaService service) {
        partition(service).kafka().forEach(LoopbackProxy::freeze);
    }

    /** Cuts {@code service} (every replica) off from its PostgreSQL; its sockets hang, nothing is closed. */
    public void partitionFromPostgres(LoaService service) {
        partition(service).postgres().freeze();
    }

    /** Heals {@code service}'s partition from Kafka only. */
    public void healFromKafka(LoaService service) {
        partition(service).kafka().forEach(LoopbackProxy::thaw);
    }

    /** Heals {@code service}'s partition from its PostgreSQL only. */
    public void healFromPostgres(LoaService service) {
        partition(service).postgres().thaw();
    }

    /** Heals every partition of {@code service}. */
    public void heal(LoaService service) {
        partition(service).all().forEach(LoopbackProxy::thaw);
    }

    public boolean isPartitioned(LoaService service) {
        return partitions.containsKey(service) && partition(service).all().stream().anyMatch(LoopbackProxy::isFrozen);
    }

    /** {@code pg_ctl stop -m fast} of the server that holds {@code service}'s database. */
    public void stopPostgres(LoaService service) {
        postgres(service).stop();
    }

    /** SIGKILL to the postmaster of {@code service}'s server. */
    public void killPostgres(LoaService service) {
        postgres(service).kill();
    }

    /** Starts {@code service}'s server again on its port and data directory. */
    public void startPostgres(LoaService service) {
        try {
            postgres(service).start();
        } catch (Exception e) {
            throw new IllegalStateException(postgres(service).name() + " did not start again: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- logs

    public Path logFile(LoaService service, int replica) {
        return instance(service, replica).process().logFile();
    }

    /** The last lines of every process's log, to print with a failure. */
    public void printLogTails(PrintStream out, int lines) {
        List<Path> files = new ArrayList<>(allInstances().stream().map(i -> i.process().logFile()).toList());
        brokers.forEach(b -> files.add(b.process().logFile()));
        servers.values().forEach(s -> files.add(s.logFile()));
        for (Path file : files) {
            out.println("===== " + file + " (last " + lines + " lines) =====");
            out.println(ManagedProcess.tail(file, lines));
        }
    }

    // ---------------------------------------------------------------- helpers

    private String elapsed() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedAt) / 1e9);
    }

    private String relative(Path path) {
        Path base = config.workingDirectory();
        return path.startsWith(base) ? base.relativize(path).toString() : path.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStopping();
        }
    }

    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Thrown into start-up when the stack is being stopped (Ctrl-C) before it is ready. */
    public static final class StackStopping extends RuntimeException {
        StackStopping() {
            super("stopping", null, false, false);
        }
    }

    /** A start-up problem the user can act on: printed as is, without a stack trace. */
    public static final class StartupFailure extends RuntimeException {
        StartupFailure(String message) {
            super(message);
        }
    }
}
