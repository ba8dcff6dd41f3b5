package vn.loa.e2e;

import vn.loa.localstack.EmbeddedDatabase;
import vn.loa.localstack.HealthProbe;
import vn.loa.localstack.ServiceProcess;
import vn.loa.localstack.ServiceSpec;
import vn.loa.localstack.StackSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole Loa stack for end-to-end tests, once per test JVM: a real PostgreSQL 17 (zonky binaries), a
 * real Kafka broker (KRaft, in a JVM of its own) and the five services as separate {@code java -jar}
 * processes, every one on a free random port so that a running {@code ./loa up} is not disturbed.
 * Started by the first {@link #get()}, stopped when the test JVM exits. Logs are in {@link #logDir()}.
 *
 * <p>Only plan-service seeds its demo data (the org tree ha-tinh → duc-tho → seven communes, and the
 * 2022 demo plans); every other service starts empty, and tests build their world through the API.
 */
public final class LoaStack {

    public static final String DB_USER = EmbeddedDatabase.USER;
    public static final String DB_PASSWORD = EmbeddedDatabase.PASSWORD;
    /** The password of every demo user (lienminh.vhtt, tungchau.vhtt, ductho.vhtt, hatinh.viewer, operator). */
    public static final String DEMO_PASSWORD = "demo";

    private static final List<String> SERVICE_JAVA_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    private static final List<String> KAFKA_JAVA_OPTIONS =
            List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static LoaStack instance;
    /** A failed start is not retried by the next test class: it would fail the same way, minutes later. */
    private static IllegalStateException startFailure;

    private final Path work;
    private final Path logs;
    private final Duration readyTimeout;
    private final int postgresPort;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final int smtpPort;
    private final int imapPort;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Path> jars = new EnumMap<>(Service.class);
    private final Map<Service, ServiceSpec> specs = new EnumMap<>(Service.class);
    private final Map<Service, ServiceProcess> processes = new ConcurrentHashMap<>();
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private final HealthProbe health = new HealthProbe();
    private final StackSettings settings;
    private volatile EmbeddedDatabase database;
    private volatile Process kafka;
    private Duration startedIn;

    private LoaStack() {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        this.work = Path.of(System.getProperty("loa.e2e.work", target.resolve("e2e").toString())).toAbsolutePath();
        this.logs = Path.of(System.getProperty("loa.e2e.logs", target.resolve("e2e-logs").toString())).toAbsolutePath();
        this.readyTimeout = Duration.ofSeconds(Long.getLong("loa.e2e.ready-timeout-seconds", 600));
        int[] free = freePorts(Service.values().length + 5);
        int next = 0;
        for (Service service : Service.values()) {
            ports.put(service, free[next++]);
        }
        this.postgresPort = free[next++];
        this.kafkaPort = free[next++];
        this.kafkaControllerPort = free[next++];
        this.smtpPort = free[next++];
        this.imapPort = free[next];
        // StackSettings gives ServiceSpec.environment the infrastructure's ports; root is the services' working directory.
        this.settings = new StackSettings(work, postgresPort, kafkaPort, kafkaControllerPort, SERVICE_JAVA_OPTIONS,
                readyTimeout, true, 0);
    }

    /** The stack of this JVM, started (and waited for) on the first call. */
    public static synchronized LoaStack get() {
        if (startFailure != null) {
            throw new IllegalStateException("The end-to-end stack could not start (see the first failure)", startFailure);
        }
        if (instance == null) {
            LoaStack stack = new LoaStack();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stopAll, "loa-e2e-stop"));
            try {
                stack.startAll();
            } catch (Exception e) {
                stack.stopAll();
                startFailure = new IllegalStateException("The end-to-end stack did not start: " + e.getMessage()
                        + System.lineSeparator() + "Logs: " + stack.logs, e);
                throw startFailure;
            }
            instance = stack;
        }
        return instance;
    }

    /** The stack if {@link #get()} has started it, else null (nothing is started). */
    static synchronized LoaStack startedOrNull() {
        return instance;
    }

    // ---------------------------------------------------------------- addresses

    /** {@code http://localhost:<port>} of the gateway, the front door every test should use. */
    public String gatewayUrl() {
        return url(Service.GATEWAY);
    }

    /** {@code http://localhost:<port>} of a service, for reaching it directly (defence in depth, faults). */
    public String url(Service service) {
        return "http://localhost:" + ports.get(service);
    }

    public int port(Service service) {
        return ports.get(service);
    }

    /** A client for the gateway. */
    public Api gateway() {
        return new Api(gatewayUrl());
    }

    /** A client for one service, bypassing the gateway. */
    public Api direct(Service service) {
        return new Api(url(service));
    }

    /** JDBC URL of a service's own database (user {@link #DB_USER}, password {@link #DB_PASSWORD}). */
    public String jdbcUrl(Service service) {
        if (service.database() == null) {
            throw new IllegalArgumentException(service + " has no database");
        }
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + service.database();
    }

    public int postgresPort() {
        return postgresPort;
    }

    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    /** notification-service's embedded GreenMail: SMTP port (IMAP is {@link #imapPort()}, user = password = address). */
    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public Path logDir() {
        return logs;
    }

    /** How long the first {@link #get()} took to have everything healthy. */
    public Duration startedIn() {
        return startedIn;
    }

    // ---------------------------------------------------------------- identity

    /** An access token of a demo user from the gateway's {@code POST /auth/token}, cached until near its expiry. */
    public String token(String username) {
        CachedToken cached = tokens.get(username);
        if (cached != null && System.nanoTime() < cached.refreshAfterNanos()) {
            return cached.token();
        }
        Api.Response response = gateway().post("/auth/token", null,
                Map.of("username", username, "password", DEMO_PASSWORD));
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
        ServiceProcess process = processes.get(service);
        return process != null && process.isAlive();
    }

    /** The service's process id, e.g. to send it a signal. */
    public long pid(Service service) {
        return processes.get(service).pid();
    }

    /** Stops a service gracefully (SIGTERM, then SIGKILL after 20 s). */
    public void stop(Service service) {
        ServiceProcess process = processes.remove(service);
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    /** Kills a service at once (SIGKILL): no shutdown hook, no graceful close. */
    public void kill(Service service) {
        ServiceProcess process = processes.remove(service);
        if (process != null) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            awaitExit(process.pid(), Duration.ofSeconds(30));
        }
    }

    /** Starts a stopped service again on the same port and waits until it is healthy. */
    public void start(Service service) {
        if (isRunning(service)) {
            return;
        }
        try {
            processes.put(service, ServiceProcess.start(specs.get(service), jars.get(service), settings,
                    logs.resolve(service.moduleName() + ".log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(List.of(service), System.nanoTime());
    }

    /** Stops the broker gracefully (SIGTERM: controlled shutdown). */
    public void stopKafka() {
        Process process = kafka;
        kafka = null;
        if (process != null) {
            process.destroy();
            waitFor(process, STOP_GRACE);
        }
    }

    /** Kills the broker (SIGKILL), as a crash would. */
    public void killKafka() {
        Process process = kafka;
        kafka = null;
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, STOP_GRACE);
        }
    }

    /** Starts the broker again (same port, same data) and waits until it serves. */
    public void startKafka() {
        if (kafka != null && kafka.isAlive()) {
            return;
        }
        try {
            kafka = startBroker();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isKafkaRunning() {
        Process process = kafka;
        return process != null && process.isAlive();
    }

    /** Stops PostgreSQL (pg_ctl stop: every service loses its database). */
    public void stopPostgres() {
        EmbeddedDatabase db = database;
        database = null;
        if (db != null) {
            try {
                db.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Kills the postmaster (SIGKILL); {@link #startPostgres()} recovers from its WAL. */
    public void killPostgres() {
        EmbeddedDatabase db = database;
        database = null;
        if (db != null) {
            try {
                long pid = db.pid();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                awaitExit(pid, Duration.ofSeconds(30));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts PostgreSQL again on the same port and data directory. */
    public void startPostgres() {
        if (database != null) {
            return;
        }
        try {
            database = startDatabase();
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not start again: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- logs

    public Path logFile(Service service) {
        return logs.resolve(service.moduleName() + ".log");
    }

    /** The last lines of every service's log, the broker's and PostgreSQL's, to print with a failure. */
    public void printLogTails(PrintStream out, int lines) {
        List<Path> files = new ArrayList<>();
        for (Service service : Service.values()) {
            files.add(logFile(service));
        }
        files.add(logs.resolve("kafka.log"));
        files.add(logs.resolve("postgres.log"));
        for (Path file : files) {
            out.println("===== " + file + " (last " + lines + " lines) =====");
            out.println(tail(file, lines));
        }
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- start and stop

    private void startAll() throws Exception {
        long began = System.nanoTime();
        deleteRecursively(work);
        deleteRecursively(logs); // this JVM's logs only: a <service>.log.1 is then an earlier start of this run
        Files.createDirectories(work);
        Files.createDirectories(work.resolve(".loa").resolve("run")); // ServiceProcess writes pid files there
        Files.createDirectories(logs);
        for (Service service : Service.values()) {
            jars.put(service, findJar(service));
            specs.put(service, spec(service));
        }
        // PostgreSQL and the broker in parallel: both are mostly waiting on the disk and class loading.
        CompletableFuture<Process> broker = CompletableFuture.supplyAsync(() -> {
            try {
                return startBroker();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            database = startDatabase();
        } finally {
            kafka = broker.join();
        }
        log("PostgreSQL on %d and Kafka on %d up after %s", postgresPort, kafkaPort, since(began));
        for (Service service : Service.values()) {
            processes.put(service, ServiceProcess.start(specs.get(service), jars.get(service), settings,
                    logFile(service)));
        }
        awaitHealthy(List.of(Service.values()), began);
        startedIn = Duration.ofNanos(System.nanoTime() - began);
        log("stack ready in %s: gateway %s, plan %s, activity %s, reporting %s, notification %s; logs in %s",
                since(began), gatewayUrl(), url(Service.PLAN), url(Service.ACTIVITY), url(Service.REPORTING),
                url(Service.NOTIFICATION), logs);
    }

    private ServiceSpec spec(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        // plan-service's demo data (the org tree, the 2022 plans) and the gateway's demo users (demo mode
        // is the only way they exist); every other service starts empty.
        env.put("LOA_DEMODATA_ENABLED", Boolean.toString(service == Service.PLAN || service == Service.GATEWAY));
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", gatewayUrl() + "/auth/jwks");
        env.put("LOA_SECURITY_ISSUER", gatewayUrl());
        switch (service) {
            case ACTIVITY -> env.put("LOA_OVERDUE_INTERVAL", "PT2S");
            case NOTIFICATION -> {
                env.put("LOA_MAIL_EMBEDDED_ENABLED", "true");
                env.put("LOA_MAIL_EMBEDDED_SMTPPORT", Integer.toString(smtpPort));
                env.put("LOA_MAIL_EMBEDDED_IMAPPORT", Integer.toString(imapPort));
                env.put("SPRING_MAIL_PORT", Integer.toString(smtpPort));
            }
            case GATEWAY -> {
                env.put("LOA_PLAN_URI", url(Service.PLAN));
                env.put("LOA_ACTIVITY_URI", url(Service.ACTIVITY));
                env.put("LOA_REPORTING_URI", url(Service.REPORTING));
                env.put("LOA_NOTIFICATION_URI", url(Service.NOTIFICATION));
                env.put("LOA_AUTH_ISSUER_URI", gatewayUrl());
                env.put("LOA_AUTH_KEY_FILE", work.resolve("jwt-signing-key.pem").toString());
                // Tests and load runs are one client: the per-user and password-guessing limits are the
                // gateway module's tests' business, not this suite's.
                env.put("LOA_LIMITS_PERUSER_CAPACITY", "5000");
                env.put("LOA_LIMITS_PERUSER_REFILLPERSECOND", "2000");
                env.put("LOA_AUTH_LOGIN_ADDRESSATTEMPTS", "5000");
            }
            default -> {
            }
        }
        // -Dloa.e2e.env.<module>.<NAME>=value adds or overrides one variable, e.g.
        // -Dloa.e2e.env.notification-service.LOA_DELIVERY_INITIALBACKOFF=1s
        String prefix = "loa.e2e.env." + service.moduleName() + ".";
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith(prefix))
                .forEach(n -> env.put(n.substring(prefix.length()), System.getProperty(n)));
        return new ServiceSpec(service.moduleName(), ports.get(service), service.database(), env);
    }

    private EmbeddedDatabase startDatabase() throws Exception {
        List<String> databases = Stream.of(Service.values()).map(Service::database).filter(d -> d != null).toList();
        return EmbeddedDatabase.start(work.resolve("postgres"), postgresPort, logs.resolve("postgres.log"), databases);
    }

    private Process startBroker() throws IOException {
        Path console = logs.resolve("kafka.log");
        long readyBefore = countReady(console);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(KAFKA_JAVA_OPTIONS);
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KafkaBrokerMain.class.getName());
        command.add(work.resolve("kafka").toString());
        command.add(Integer.toString(kafkaPort));
        command.add(Integer.toString(kafkaControllerPort));
        command.add(logs.resolve("kafka-storage.log").toString());
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(console.toFile()))
                .redirectInput(Redirect.from(new java.io.File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (countReady(console) <= readyBefore) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka stopped during start-up (exit " + process.exitValue()
                        + "):" + System.lineSeparator() + tail(console, 40));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Kafka not ready after " + readyTimeout.toSeconds() + " s, see " + console);
            }
            pause(200);
        }
        return process;
    }

    private static long countReady(Path console) throws IOException {
        if (!Files.exists(console)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(console, StandardCharsets.ISO_8859_1)) {
            return lines.filter(KafkaBrokerMain.READY::equals).count();
        }
    }

    private void awaitHealthy(List<Service> services, long began) {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        List<Service> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (Service service : List.copyOf(waiting)) {
                ServiceProcess process = processes.get(service);
                if (process == null || !process.isAlive()) {
                    throw new IllegalStateException(service.moduleName() + " stopped during start-up"
                            + (process == null ? "" : " (exit " + process.exitValue() + ")") + ". The end of "
                            + logFile(service) + ":" + System.lineSeparator() + tail(logFile(service), 60));
                }
                if ("UP".equals(health.status(ports.get(service)))) {
                    log("%-21s UP after %s", service.moduleName(), since(began));
                    waiting.remove(service);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not healthy after " + readyTimeout.toSeconds() + " s: " + waiting
                        + " (-Dloa.e2e.ready-timeout-seconds); logs in " + logs);
            }
            pause(500);
        }
    }

    private void stopAll() {
        ServiceProcess gateway = processes.remove(Service.GATEWAY);
        if (gateway != null) {
            gateway.stop(STOP_GRACE);
        }
        List<Thread> stoppers = new ArrayList<>();
        for (Service service : List.copyOf(processes.keySet())) {
            Thread stopper = new Thread(() -> stop(service), "loa-e2e-stop-" + service.moduleName());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            stopKafka();
        } catch (RuntimeException e) {
            log("Kafka did not stop cleanly: %s", e);
        }
        try {
            stopPostgres();
        } catch (RuntimeException e) {
            log("PostgreSQL did not stop cleanly: %s", e);
        }
    }

    private Path findJar(Service service) throws IOException {
        String configured = System.getProperty("loa.e2e.jar." + service.moduleName());
        if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
            Path jar = Path.of(configured);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        // Run from an IDE: the jar the last build left in <module>/target.
        Path root = repositoryRoot();
        return specFor(service).executableJar(root).orElseThrow(() -> new IllegalStateException(
                "No executable jar for " + service.moduleName() + " (" + configured + ", nor in " + root.resolve(
                        service.moduleName()).resolve("target") + "). Build it: ./mvnw -q -pl infra/e2e -am verify "
                        + "-Dloa.skipInfraTests=true -DskipTests"));
    }

    private ServiceSpec specFor(Service service) {
        return new ServiceSpec(service.moduleName(), 0, service.database(), Map.of());
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

    private static int[] freePorts(int count) {
        // All sockets open at once so that no port is handed out twice.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] result = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                socket.setReuseAddress(true);
                sockets.add(socket);
                result[i] = socket.getLocalPort();
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    private static void awaitExit(long pid, Duration timeout) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            try {
                handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("pid " + pid + " still running after " + timeout, e);
            }
        });
    }

    private static void waitFor(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String since(long began) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - began) / 1e9);
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[loa-e2e] " + format + "%n", args);
    }
}
