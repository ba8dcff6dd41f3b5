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
        Path logDir = directory.resolve("data");
        Files.createDirectories(logDir);
        Properties properties = properties(logDir, port, controllerPort);
        Path config = directory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "Written by the Loa local stack at each start");
        }
        format(directory, config, logFile);
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
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.retention.hours", "168"),
                Map.entry("log.flush.interval.ms", "1000")));
        return p;
    }

    private static void format(Path directory, Path config, Path logFile) throws IOException {
        Path clusterIdFile = directory.resolve("cluster.id");
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
