package vn.loa.e2e;

import vn.loa.localstack.LoaService;
import vn.loa.localstack.PostgresServer;
import vn.loa.localstack.Stack;
import vn.loa.localstack.StackConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The whole Loa stack for end-to-end and fault tests, once per test JVM, started by the launcher of
 * {@code ./loa up} ({@link Stack}, infra/local-stack) on free random ports so that a running {@code ./loa up}
 * is not disturbed: one PostgreSQL 17 server per service (a fault can stop one service's database), a Kafka
 * broker in a JVM of its own (a fault can SIGKILL it) and the five services as {@code java -jar} processes,
 * reporting-service as two replicas behind the gateway by default ({@code -Dloa.e2e.replicas}). Started by the
 * first {@link #get()}, stopped when the test JVM exits. Logs are in {@link #logDir()}.
 *
 * <p>Only plan-service seeds its demo data (the org tree ha-tinh → duc-tho → seven communes, and the 2022 demo
 * plans) and the gateway has its demo users; every other service starts empty, and tests build their world
 * through the API. Methods without a replica number act on the first replica.
 */
public final class LoaStack {

    public static final String DB_USER = PostgresServer.USER;
    public static final String DB_PASSWORD = PostgresServer.PASSWORD;
    /** The password of every demo user (lienminh.vhtt, tungchau.vhtt, ductho.vhtt, hatinh.viewer, operator). */
    public static final String DEMO_PASSWORD = "demo";
    /**
     * An officer of a second district, Nghi Xuân (the access tests register it through the org-unit API: the demo
     * tree has one district), from a users file as an operator supplies one (BCrypt; the demo password's hash is
     * refused outside the demo users' own file, so it has a password of its own). The demo users stay as they are.
     */
    public static final String OTHER_DISTRICT_OFFICER = "nghixuan.vhtt";
    static final String OTHER_DISTRICT_PASSWORD = "Nghi-Xuân-ma-trận-2022!";
    /** The users file: {@code printf '%s\n' "$password" | java -jar loa-gateway.jar hash-password --username … --cost 10}. */
    private static final String USERS_FILE = """
            users:
              - username: nghixuan.vhtt
                password-hash: "$2b$10$COszA8Mz0UIqLZ9.bFuTQeZWY9JAGhkIhZO6JvFRvL5Lo/bEOyt.a"
                roles: [DISTRICT_OFFICER]
                org-unit: nghi-xuan
            """;

    private static final List<String> SERVICE_JAVA_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    private static LoaStack instance;
    /** A failed start is not retried by the next test class: it would fail the same way, minutes later. */
    private static IllegalStateException startFailure;

    private final Stack stack;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    private LoaStack(Stack stack) {
        this.stack = stack;
    }

    /** The stack of this JVM, started (and waited for) on the first call. */
    public static synchronized LoaStack get() {
        if (startFailure != null) {
            throw new IllegalStateException("The end-to-end stack could not start (see the first failure)", startFailure);
        }
        if (instance == null) {
            Path target = Path.of(System.getProperty("user.dir"), "target");
            Path work = Path.of(System.getProperty("loa.e2e.work", target.resolve("e2e").toString())).toAbsolutePath();
            Path logs = Path.of(System.getProperty("loa.e2e.logs", target.resolve("e2e-logs").toString())).toAbsolutePath();
            Stack stack;
            try {
                // This JVM's data and logs only: a <service>.log.1 is then an earlier start of this run.
                Stack.deleteRecursively(work);
                Stack.deleteRecursively(logs);
                stack = new Stack(config(work, logs), line -> log("%s", line));
            } catch (IOException | RuntimeException e) {
                startFailure = new IllegalStateException("The end-to-end stack could not be set up: " + e.getMessage(), e);
                throw startFailure;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "loa-e2e-stop"));
            try {
                stack.start();
            } catch (Exception e) {
                stack.stop();
                startFailure = new IllegalStateException("The end-to-end stack did not start: " + e.getMessage()
                        + System.lineSeparator() + "Logs: " + logs, e);
                throw startFailure;
            }
            LoaStack started = new LoaStack(stack);
            long warming = System.nanoTime();
            started.warmUp();
            instance = started;
            log("stack ready in %.1f s (first answers through the gateway after %.1f s more): gateway %s, logs in %s",
                    stack.startedIn().toMillis() / 1000.0, (System.nanoTime() - warming) / 1e9, stack.gatewayUrl(), logs);
        }
        return instance;
    }

    private static StackConfig config(Path work, Path logs) throws IOException {
        Path users = Files.createDirectories(work).resolve("users.yml");
        Files.writeString(users, USERS_FILE, StandardCharsets.UTF_8);
        StackConfig.Builder config = StackConfig.builder(work)
                .logs(logs)
                .fixedPorts(false)
                .databasePerService(true)
                .durable(false)
                .demoData(EnumSet.of(LoaService.PLAN, LoaService.GATEWAY))
                .serviceJavaOptions(SERVICE_JAVA_OPTIONS)
                .readyTimeout(Duration.ofSeconds(Long.getLong("loa.e2e.ready-timeout-seconds", 600)))
                .replicas(replicas(System.getProperty("loa.e2e.replicas", "")))
                // the long fault run (./loa faults): a three-node Kafka cluster, services that can be cut off
                .kafkaBrokers(Integer.getInteger("loa.e2e.kafka-brokers", 1))
                // reporting commits its consumer offsets every 3 s instead of after every batch: a SIGKILL after a batch's
                // database commit then finds offsets not yet committed, the redelivery the inbox must absorb (the fault
                // test counts it); at-least-once with the inbox either way
                .env(LoaService.REPORTING, "SPRING_KAFKA_LISTENER_ACKMODE", "TIME")
                .env(LoaService.REPORTING, "SPRING_KAFKA_LISTENER_ACKTIME", "3s")
                // the overdue job often enough to be seen within a test
                .env(LoaService.ACTIVITY, "LOA_OVERDUE_INTERVAL", "PT2S")
                // answer 503 within 2 s rather than hold requests 30 s while its database is stopped (faults)
                .env(LoaService.ACTIVITY, "SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "2000")
                // retry deliveries quickly and often enough that a receiver's outage never exhausts the attempts
                .env(LoaService.NOTIFICATION, "LOA_DELIVERY_INITIALBACKOFF", "2s")
                .env(LoaService.NOTIFICATION, "LOA_DELIVERY_MAXBACKOFF", "10s")
                .env(LoaService.NOTIFICATION, "LOA_DELIVERY_MAXATTEMPTS", "60")
                // A delivery whose outcome could not be written (its database stopped between the send and the record:
                // NothingLostFaultIT) comes back when its claim's lease ends: 5 min in production, which the fault test
                // then waited out in its last step (4 min of a 13 min build); 60 s here, still far above a send's 7 s.
                .env(LoaService.NOTIFICATION, "LOA_DELIVERY_LEASE", "60s")
                .env(LoaService.NOTIFICATION, "LOA_DELIVERY_WAITINOPENSTATE", "5s")
                .env(LoaService.NOTIFICATION, "LOA_REMINDERS_INITIALDELAY", "1h")
                .env(LoaService.GATEWAY, "LOA_AUTH_KEY_FILE", work.resolve("jwt-signing-key.pem").toString())
                .env(LoaService.GATEWAY, "LOA_AUTH_USERS_FILE", users.toString())
                // Tests and load runs are one client: the per-user and password-guessing limits are the
                // gateway module's tests' business, not this suite's.
                .env(LoaService.GATEWAY, "LOA_LIMITS_PERUSER_CAPACITY", "5000")
                .env(LoaService.GATEWAY, "LOA_LIMITS_PERUSER_REFILLPERSECOND", "2000")
                .env(LoaService.GATEWAY, "LOA_AUTH_LOGIN_ADDRESSATTEMPTS", "5000");
        for (String name : System.getProperty("loa.e2e.partitionable", "").split(",")) {
            if (!name.isBlank()) {
                config.partitionable(LoaService.byName(name.trim()));
            }
        }
        for (Service service : Service.values()) {
            config.service(service.launcher(), findJar(service));
            // -Dloa.e2e.env.<module>.<NAME>=value adds or overrides one variable, e.g.
            // -Dloa.e2e.env.notification-service.LOA_DELIVERY_INITIALBACKOFF=1s
            String prefix = "loa.e2e.env." + service.moduleName() + ".";
            System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith(prefix))
                    .forEach(n -> config.env(service.launcher(), n.substring(prefix.length()), System.getProperty(n)));
        }
        return config.build();
    }

    /**
     * Healthy is not yet fast: the first request of each route is slow in a JVM that has just started (more so on
     * a busy machine), and the gateway gives a service 3 s. One answer below 500 from each service (every
     * replica: the gateway takes them in turn) before the first test, so that no test pays for that.
     */
    private void warmUp() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String token = null;
        while (token == null) {
            try {
                token = token("ductho.vhtt");
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The gateway issues no token: " + e.getMessage(), e);
                }
                pause();
            }
        }
        Map<String, Service> routes = Map.of("/api/org-units/duc-tho", Service.PLAN, "/api/activities?size=1",
                Service.ACTIVITY, "/api/periods/duc-tho/2022-Q1", Service.REPORTING, "/api/notifications?size=1",
                Service.NOTIFICATION);
        for (Map.Entry<String, Service> route : routes.entrySet()) {
            String path = route.getKey();
            int answered = 0;
            Api.Response last = null;
            while (answered < 2 * replicas(route.getValue())) {
                try {
                    last = gateway().get(path, token);
                    answered = last.status() < 500 ? answered + 1 : answered;
                } catch (RuntimeException e) {
                    last = null;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("No answer below 500 through the gateway for " + path + ": " + last);
                }
                if (last == null || last.status() >= 500) {
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code reporting=2,activity=2}: replicas per service (1 where not named). */
    static Map<LoaService, Integer> replicas(String spec) {
        Map<LoaService, Integer> replicas = new java.util.EnumMap<>(LoaService.class);
        for (String pair : spec.split(",")) {
            if (!pair.isBlank()) {
                String[] parts = pair.split("=", 2);
                replicas.put(LoaService.byName(parts[0]), Integer.parseInt(parts[1].trim()));
            }
        }
        return replicas;
    }

    /** The stack if {@link #get()} has started it, else null (nothing is started). */
    static synchronized LoaStack startedOrNull() {
        return instance;
    }

    /** The launcher itself, for what this facade does not offer. */
    public Stack launcher() {
        return stack;
    }

    // ---------------------------------------------------------------- addresses

    /** {@code http://localhost:<port>} of the gateway, the front door every test should use. */
    public String gatewayUrl() {
        return stack.gatewayUrl();
    }

    /** {@code http://localhost:<port>} of a service's first replica, for reaching it directly (defence in depth, faults). */
    public String url(Service service) {
        return url(service, 1);
    }

    public String url(Service service, int replica) {
        return stack.instance(service.launcher(), replica).url();
    }

    public int port(Service service) {
        return stack.instance(service.launcher(), 1).port();
    }

    /** How many replicas of {@code service} run (the gateway spreads requests over them). */
    public int replicas(Service service) {
        return stack.replicas(service.launcher());
    }

    /** A client for the gateway. */
    public Api gateway() {
        return new Api(gatewayUrl());
    }

    /** A client for one service's first replica, bypassing the gateway. */
    public Api direct(Service service) {
        return new Api(url(service));
    }

    public Api direct(Service service, int replica) {
        return new Api(url(service, replica));
    }

    /** JDBC URL of a service's own database (user {@link #DB_USER}, password {@link #DB_PASSWORD}). */
    public String jdbcUrl(Service service) {
        if (service.database() == null) {
            throw new IllegalArgumentException(service + " has no database");
        }
        return stack.jdbcUrl(service.launcher());
    }

    /** The port of the PostgreSQL server of plan-service (each service has a server of its own). */
    public int postgresPort() {
        return postgresPort(Service.PLAN);
    }

    public int postgresPort(Service service) {
        return stack.postgres(service.launcher()).port();
    }

    public String kafkaBootstrap() {
        return stack.kafkaBootstrap();
    }

    /** notification-service's embedded GreenMail: SMTP port (IMAP is {@link #imapPort()}, user = password = address). */
    public int smtpPort() {
        return stack.instance(LoaService.NOTIFICATION, 1).smtpPort();
    }

    public int imapPort() {
        return stack.instance(LoaService.NOTIFICATION, 1).imapPort();
    }

    public Path logDir() {
        return stack.logDir();
    }

    /** How long the first {@link #get()} took to have everything healthy. */
    public Duration startedIn() {
        return stack.startedIn();
    }

    // ---------------------------------------------------------------- identity

    /**
     * An access token of a demo user (or {@link #OTHER_DISTRICT_OFFICER}) from the gateway's {@code POST /auth/token},
     * cached until near its expiry.
     */
    public String token(String username) {
        CachedToken cached = tokens.get(username);
        if (cached != null && System.nanoTime() < cached.refreshAfterNanos()) {
            return cached.token();
        }
        Api.Response response = gateway().post("/auth/token", null,
                Map.of("username", username, "password",
                        OTHER_DISTRICT_OFFICER.equals(username) ? OTHER_DISTRICT_PASSWORD : DEMO_PASSWORD));
        if (response.status() != 200) {
            throw new IllegalStateException("No token for " + username + ": " + response);
        }
        String token = response.json().get("access_token").asString();
        long ttlSeconds = response.json().path("expires_in").asLong(600);
        tokens.put(username, new CachedToken(token, System.nanoTime() + TimeUnit.SECONDS.toNanos(ttlSeconds / 2)));
        return token;
    }

    private record CachedToken(String token, long refreshAfterNanos) {
    }

    // ---------------------------------------------------------------- process control (fault tests)

    public boolean isRunning(Service service) {
        return isRunning(service, 1);
    }

    public boolean isRunning(Service service, int replica) {
        return stack.isRunning(service.launcher(), replica);
    }

    /** The process id of the service's first replica, e.g. to send it a signal. */
    public long pid(Service service) {
        return pid(service, 1);
    }

    public long pid(Service service, int replica) {
        return stack.pid(service.launcher(), replica);
    }

    /** Stops a service gracefully (SIGTERM, then SIGKILL after 20 s). */
    public void stop(Service service) {
        stop(service, 1);
    }

    public void stop(Service service, int replica) {
        stack.stop(service.launcher(), replica);
    }

    /** Kills a service at once (SIGKILL): no shutdown hook, no graceful close. */
    public void kill(Service service) {
        kill(service, 1);
    }

    public void kill(Service service, int replica) {
        stack.kill(service.launcher(), replica);
    }

    /** Starts a stopped service again on the same port and waits until it is healthy. */
    public void start(Service service) {
        start(service, 1);
    }

    public void start(Service service, int replica) {
        stack.start(service.launcher(), replica);
    }

    /** Stops the broker gracefully (SIGTERM: controlled shutdown). */
    public void stopKafka() {
        stack.stopKafka();
    }

    /** Kills the broker (SIGKILL), as a crash would. */
    public void killKafka() {
        stack.killKafka();
    }

    /** Starts the broker again (same port, same data) and waits until it serves. */
    public void startKafka() {
        stack.startKafka();
    }

    public boolean isKafkaRunning() {
        return stack.isKafkaRunning();
    }

    /** Stops every PostgreSQL server (pg_ctl stop: every service loses its database). */
    public void stopPostgres() {
        stack.postgresServers().forEach(PostgresServer::stop);
    }

    /** Stops the PostgreSQL server of one service only (its database alone goes away). */
    public void stopPostgres(Service service) {
        stack.stopPostgres(service.launcher());
    }

    /** Kills every postmaster (SIGKILL); {@link #startPostgres()} recovers from the WAL. */
    public void killPostgres() {
        stack.postgresServers().forEach(PostgresServer::kill);
    }

    public void killPostgres(Service service) {
        stack.killPostgres(service.launcher());
    }

    /** Starts every PostgreSQL server again on the same port and data directory. */
    public void startPostgres() {
        for (Service service : Service.values()) {
            if (service.database() != null) {
                startPostgres(service);
            }
        }
    }

    public void startPostgres(Service service) {
        stack.startPostgres(service.launcher());
    }

    // ---------------------------------------------------------------- logs

    public Path logFile(Service service) {
        return logFile(service, 1);
    }

    public Path logFile(Service service, int replica) {
        return stack.logFile(service.launcher(), replica);
    }

    /** The last lines of every service's log, the broker's and PostgreSQL's, to print with a failure. */
    public void printLogTails(PrintStream out, int lines) {
        stack.printLogTails(out, lines);
    }

    // ---------------------------------------------------------------- jars

    private static Path findJar(Service service) throws IOException {
        String configured = System.getProperty("loa.e2e.jar." + service.moduleName());
        if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
            Path jar = Path.of(configured);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        // Run from an IDE: the jar the last build left in <module>/target.
        Path root = repositoryRoot();
        return service.launcher().executableJar(root).orElseThrow(() -> new IllegalStateException(
                "No executable jar for " + service.moduleName() + " (" + configured + ", nor in " + root.resolve(
                        service.moduleName()).resolve("target") + "). Build it: ./mvnw -q -pl infra/e2e -am verify "
                        + "-Dloa.skipInfraTests=true -DskipTests"));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("plan-service"))) {
                return p;
            }
        }
        return dir;
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[loa-e2e] " + format + "%n", args);
    }
}
