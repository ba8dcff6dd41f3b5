package vn.loa.localstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka 4.1 broker (KRaft, one node that is both broker and controller) in this JVM (the launcher
 * runs it as a JVM of its own through {@link KafkaBrokerMain}), with its log directory kept (under
 * {@code .loa/kafka} for {@code ./loa up}). The storage is formatted once; later starts reuse it, so
 * topics, offsets and consumer groups survive a restart.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final KafkaRaftServer server;

    private EmbeddedBroker(KafkaRaftServer server) {
        this.server = server;
    }

    public static EmbeddedBroker start(Path directory, int port, int controllerPort, Path logFile) throws Exception {
        return start(directory, Node.single(port, controllerPort), directory.resolve("cluster.id"), logFile);
    }

    /**
     * One node of a KRaft cluster (or the single node): {@code clusterIdFile} is shared by every node of the
     * cluster (written by the launcher before the first start).
     */
    public static EmbeddedBroker start(Path directory, Node node, Path clusterIdFile, Path logFile) throws Exception {
        int port = node.port();
        Path logDir = directory.resolve("data");
        Files.createDirectories(logDir);
        Properties properties = properties(logDir, node);
        Path config = directory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "Written by the Loa local stack at each start");
        }
        format(clusterIdFile, config, logFile);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
        server.startup();
        EmbeddedBroker broker = new EmbeddedBroker(server);
        try {
            awaitReady("localhost:" + port, Duration.ofSeconds(60));
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    static Properties properties(Path logDir, int port, int controllerPort) {
        return properties(logDir, Node.single(port, controllerPort));
    }

    /**
     * A node's settings. A cluster (more than one node) has the production settings: every topic replicated
     * to 3 nodes (or as many as there are), {@code min.insync.replicas=2}, unclean leader election off, so
     * that an {@code acks=all} write survives the loss of any one node and no out-of-sync replica ever becomes
     * leader (which would drop acknowledged records). A single node keeps factor 1 (nothing to replicate to).
     */
    static Properties properties(Path logDir, Node node) {
        int factor = Math.min(3, node.clusterSize());
        int minIsr = Math.max(1, Math.min(2, factor));
        StringBuilder listeners = new StringBuilder("PLAINTEXT://localhost:" + node.port()
                + ",CONTROLLER://localhost:" + node.controllerPort());
        StringBuilder advertised = new StringBuilder("PLAINTEXT://localhost:" + node.port());
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        // Extra listeners advertised at another port (a proxy the fault tests can freeze, see LoopbackProxy).
        node.extraListeners().forEach((name, ports) -> {
            listeners.append(',').append(name).append("://localhost:").append(ports[0]);
            advertised.append(',').append(name).append("://localhost:").append(ports[1]);
            protocols.append(',').append(name).append(":PLAINTEXT");
        });
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(node.nodeId())),
                Map.entry("controller.quorum.voters", node.voters()),
                Map.entry("listeners", listeners.toString()),
                Map.entry("advertised.listeners", advertised.toString()),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", protocols.toString()),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("default.replication.factor", Integer.toString(factor)),
                Map.entry("min.insync.replicas", Integer.toString(minIsr)),
                Map.entry("unclean.leader.election.enable", "false"),
                Map.entry("offsets.topic.replication.factor", Integer.toString(factor)),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", Integer.toString(factor)),
                Map.entry("transaction.state.log.min.isr", Integer.toString(minIsr)),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", Integer.toString(factor)),
                Map.entry("share.coordinator.state.topic.min.isr", Integer.toString(minIsr)),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.retention.hours", "168"),
                Map.entry("log.flush.interval.ms", "1000")));
        return p;
    }

    /**
     * One node of the cluster.
     *
     * @param voters         {@code controller.quorum.voters}: {@code 1@localhost:19093,2@localhost:19095,...}
     * @param extraListeners listener name to {port, advertised port}
     */
    public record Node(int nodeId, int port, int controllerPort, String voters, int clusterSize,
                       Map<String, int[]> extraListeners) {

        public static Node single(int port, int controllerPort) {
            return new Node(1, port, controllerPort, "1@localhost:" + controllerPort, 1, Map.of());
        }

        /** {@code dir port controllerPort logFile nodeId voters clusterSize [NAME=port:advertised ...]}. */
        static Node parse(String[] args) {
            int port = Integer.parseInt(args[1]);
            int controllerPort = Integer.parseInt(args[2]);
            if (args.length <= 4) {
                return single(port, controllerPort);
            }
            Map<String, int[]> extra = new java.util.LinkedHashMap<>();
            for (int i = 7; i < args.length; i++) {
                String[] nameAndPorts = args[i].split("=", 2);
                String[] ports = nameAndPorts[1].split(":", 2);
                extra.put(nameAndPorts[0], new int[] {Integer.parseInt(ports[0]), Integer.parseInt(ports[1])});
            }
            return new Node(Integer.parseInt(args[4]), port, controllerPort, args[5], Integer.parseInt(args[6]), extra);
        }
    }

    private static void format(Path clusterIdFile, Path config, Path logFile) throws IOException {
        Path directory = config.getParent();
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(clusterIdFile).trim();
        try (PrintStream out = new PrintStream(Files.newOutputStream(logFile,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
            int exit = StorageTool.execute(new String[] {
                    "format", "--cluster-id", clusterId, "--config", config.toString(), "--ignore-formatted"}, out);
            if (exit != 0) {
                throw new IllegalStateException("Formatting the Kafka storage in " + directory + " failed (exit "
                        + exit + "), see " + logFile + "; ./loa up --fresh starts from scratch");
            }
        }
    }

    private static void awaitReady(String bootstrap, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
