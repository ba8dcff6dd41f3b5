package vn.loa.e2e.faults;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.testsupport.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the fault tests break, each a process of its own: a Kafka broker ({@link vn.loa.e2e.KafkaBrokerMain}),
 * two PostgreSQL servers (one only for activity-service, the producer whose database is stopped; one for
 * plan-, reporting- and notification-service) and the four domain services from their executable jars.
 * Ports are free ports chosen once, so that whatever restarts comes back on the same address; data lives
 * under {@code infra/e2e/target/faults/<time>/}.
 */
final class FaultStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultStack.class);
    static final Duration READY_TIMEOUT = Duration.ofMinutes(6);

    final Path root;
    final Path home;
    final Database sharedDb;
    final Database activityDb;
    final BrokerProcess broker;
    final ServiceProcess plan;
    final ServiceProcess activity;
    final ServiceProcess reporting;
    final ServiceProcess notification;
    final int webhookPort;

    FaultStack(Map<String, List<String>> extraArguments) throws IOException {
        // Failsafe runs in infra/e2e: the repository is two levels up (for the jars when not given by the build).
        root = Path.of(System.getProperty("user.dir"), "..", "..").toAbsolutePath().normalize();
        home = Path.of(System.getProperty("user.dir"), "target", "faults")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(home.resolve("logs"));
        Path publicKey = home.resolve("loa-test-jwt-public.pem");
        try (InputStream key = TestTokens.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.copy(key, publicKey);
        }
        sharedDb = new Database(home.resolve("postgres-shared"), freePort(), home.resolve("logs/postgres-shared.log"));
        activityDb = new Database(home.resolve("postgres-activity"), freePort(), home.resolve("logs/postgres-activity.log"));
        broker = new BrokerProcess(home.resolve("kafka"), freePort(), freePort(), home.resolve("logs/kafka.log"));
        webhookPort = freePort();

        Map<String, String> common = new LinkedHashMap<>();
        common.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        common.put("SPRING_DATASOURCE_USERNAME", Database.USER);
        common.put("SPRING_DATASOURCE_PASSWORD", Database.PASSWORD);
        common.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey);
        common.put("LOA_SECURITY_ISSUER", "loa-test");
        common.put("LOA_SECURITY_AUDIENCE", "loa");
        common.put("LOA_DEMODATA_ENABLED", "false");
        plan = service("plan-service", sharedDb.jdbcUrl("loa_plan"), common, Map.of("LOA_DEMODATA_ENABLED", "true"),
                extraArguments);
        activity = service("activity-service", activityDb.jdbcUrl("loa_activity"), common, Map.of(), extraArguments);
        reporting = service("reporting-service", sharedDb.jdbcUrl("loa_reporting"), common, Map.of(), extraArguments);
        notification = service("notification-service", sharedDb.jdbcUrl("loa_notification"), common, Map.of(),
                extraArguments);
    }

    private ServiceProcess service(String name, String jdbcUrl, Map<String, String> common, Map<String, String> own,
                                   Map<String, List<String>> extraArguments) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("SERVER_PORT", Integer.toString(freePort()));
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.putAll(own);
        List<String> arguments = new ArrayList<>(extraArguments.getOrDefault(name, List.of()));
        return new ServiceProcess(root, name, Integer.parseInt(env.get("SERVER_PORT")), env, arguments,
                home.resolve("logs/" + name + ".log"));
    }

    List<ServiceProcess> services() {
        return List.of(plan, activity, reporting, notification);
    }

    void start() throws Exception {
        long begin = System.nanoTime();
        CompletableFuture<Void> kafka = CompletableFuture.runAsync(() -> broker.start(Duration.ofMinutes(3)));
        sharedDb.start();
        sharedDb.createDatabases(List.of("loa_plan", "loa_reporting", "loa_notification"));
        activityDb.start();
        activityDb.createDatabases(List.of("loa_activity"));
        kafka.join();
        log.info("PostgreSQL x2 and Kafka up after {} s; starting the services (logs in {})",
                (System.nanoTime() - begin) / 1_000_000_000, home.resolve("logs"));
        services().forEach(ServiceProcess::start);
        for (ServiceProcess service : services()) {
            service.awaitReady(READY_TIMEOUT);
        }
        log.info("Fault stack ready after {} s", (System.nanoTime() - begin) / 1_000_000_000);
    }

    @Override
    public void close() {
        for (ServiceProcess service : services()) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                log.warn("stopping {}: {}", service.name(), e.toString());
            }
        }
        try {
            broker.stop();
        } catch (RuntimeException e) {
            log.warn("stopping Kafka: {}", e.toString());
        }
        for (Database db : List.of(activityDb, sharedDb)) {
            try {
                db.stop();
            } catch (IOException | RuntimeException e) {
                log.warn("stopping PostgreSQL: {}", e.toString());
            }
        }
    }

    private static final java.util.Set<Integer> handedOut = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free port below Linux's ephemeral range (32768–60999). What restarts must find its port free again
     * minutes later; a port from the ephemeral range ({@code new ServerSocket(0)}) can meanwhile become the
     * local end of some outgoing connection (a Kafka client's, a JDBC pool's), and the restart fails.
     */
    static int freePort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            if (!handedOut.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("localhost", port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port in 20000-31999");
    }
}
