package vn.loa.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The one-command local stack ({@code ./loa up}): an embedded PostgreSQL 17, an in-process Kafka broker
 * and the five services as separate processes with demo data. Stops everything on Ctrl-C / SIGTERM.
 */
public final class LocalStack {

    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private final StackSettings settings;
    private final PrintStream out;
    private final HealthProbe health = new HealthProbe();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Start-up phases and stop() take turns, so that nothing started half-way is left running. */
    private final Object lifecycle = new Object();
    private final long startedAt = System.nanoTime();
    private EmbeddedDatabase database;
    private EmbeddedBroker broker;

    LocalStack(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        StackSettings settings;
        try {
            settings = StackSettings.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("loa: " + e.getMessage());
            System.exit(2);
            return;
        }
        configureInfrastructureLogging(settings);
        LocalStack stack = new LocalStack(settings, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "loa-stop"));
        watchParent(settings.parentPid());
        try {
            stack.start();
        } catch (StackStopping e) {
            return; // Ctrl-C during start-up: the shutdown hook is taking everything down
        } catch (StartupFailure e) {
            System.err.println();
            System.err.println("loa: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            if (stack.stopping.get()) {
                return;
            }
            System.err.println();
            System.err.println("loa: the stack could not start: " + e);
            System.err.println("     details in " + settings.logs().resolve("infrastructure.log"));
            System.exit(1);
        }
        stack.watch();
    }

    /** Kafka and zonky log through SLF4J: into a file, so the terminal shows only what the user needs. */
    private static void configureInfrastructureLogging(StackSettings settings) {
        try {
            Files.createDirectories(settings.logs());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + settings.logs() + ": " + e.getMessage(), e);
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", settings.logs().resolve("infrastructure.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
    }

    /** When ./loa itself is killed, take the stack down rather than leave it running unseen. */
    private static void watchParent(long parentPid) {
        if (parentPid <= 0) {
            return;
        }
        ProcessHandle.of(parentPid).ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("loa: the ./loa script (pid " + parentPid + ") is gone; stopping the stack");
            System.exit(0);
        }));
    }

    void start() throws Exception {
        Map<Integer, String> ports = PortCheck.required(settings);
        List<String> taken = PortCheck.taken(ports);
        if (!taken.isEmpty()) {
            throw new StartupFailure(String.join(System.lineSeparator() + "     ", taken));
        }
        Map<ServiceSpec, Path> jars = findJars();
        if (settings.fresh()) {
            out.println("Starting fresh: removing " + settings.postgresData() + " and " + settings.kafkaData());
            deleteRecursively(settings.postgresData());
            deleteRecursively(settings.kafkaData());
        }
        Files.createDirectories(settings.logs());
        Files.createDirectories(settings.run());
        Files.writeString(settings.run().resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));

        out.printf("PostgreSQL 17  jdbc:postgresql://localhost:%d/  (user %s, password %s; data in %s)%n",
                settings.postgresPort(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD, relative(settings.postgresData()));
        out.printf("Kafka          localhost:%d  (KRaft, data in %s)%n", settings.kafkaPort(), relative(settings.kafkaData()));
        synchronized (lifecycle) {
            ensureNotStopping();
            // Both at once: Kafka's start-up is mostly class loading and does not need PostgreSQL.
            CompletableFuture<EmbeddedBroker> kafka = CompletableFuture.supplyAsync(() -> {
                try {
                    EmbeddedBroker started = EmbeddedBroker.start(settings.kafkaData(), settings.kafkaPort(),
                            settings.kafkaControllerPort(), settings.logs().resolve("infrastructure.log"));
                    out.printf("Kafka          up after %s%n", elapsed());
                    return started;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, command -> new Thread(command, "loa-kafka-start").start());
            try {
                database = EmbeddedDatabase.start(settings.postgresData(), settings.postgresPort(),
                        settings.logs().resolve("postgres.log"), ServiceSpec.databases());
                Files.writeString(settings.run().resolve("postgres.pid"), Long.toString(database.pid()));
                out.printf("PostgreSQL 17  up after %s, databases %s%n", elapsed(), String.join(", ", ServiceSpec.databases()));
            } finally {
                try {
                    broker = kafka.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }

        synchronized (lifecycle) {
            ensureNotStopping();
            for (Map.Entry<ServiceSpec, Path> entry : jars.entrySet()) {
                ServiceSpec spec = entry.getKey();
                ServiceProcess process = ServiceProcess.start(spec, entry.getValue(), settings);
                services.add(process);
                out.printf(Locale.ROOT, "%-21s  %-22s  log: %s%n", spec.name(), spec.url(), relative(process.logFile()));
            }
        }
        awaitHealthy();
        printReady();
    }

    private Map<ServiceSpec, Path> findJars() throws IOException {
        Map<ServiceSpec, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.all()) {
            Optional<Path> jar = spec.executableJar(settings.root());
            if (jar.isPresent()) {
                jars.put(spec, jar.get());
            } else {
                missing.add(spec.name() + "/target/loa-" + spec.name() + "-<version>-exec.jar");
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupFailure("No executable jar for: " + String.join(", ", missing)
                    + ". Build with ./mvnw -DskipTests package (./loa up does it for you).");
        }
        return jars;
    }

    private void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        Map<String, String> lastStatus = new LinkedHashMap<>();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                ensureNotStopping();
                if (!service.isAlive()) {
                    throw new StartupFailure(service.spec().name() + " stopped during start-up (exit code "
                            + service.exitValue() + "). The end of " + relative(service.logFile()) + ":"
                            + System.lineSeparator() + service.logTail(40));
                }
                String status = health.status(service.spec().port());
                if (status != null && ListeningSockets.isListeningOn(service.pid(), service.spec().port())
                        .filter(listening -> !listening).isPresent()) {
                    // Something answers on the port, but not our process: do not take its word for it.
                    status = "answered by another process on port " + service.spec().port();
                }
                if ("UP".equals(status)) {
                    out.printf(Locale.ROOT, "%-21s  UP after %s%n", service.spec().name(), elapsed());
                    waiting.remove(service);
                } else {
                    lastStatus.put(service.spec().name(), status == null ? "starting" : status);
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > nextProgress) {
                // On a busy machine start-up can take minutes: show that it is still going.
                out.printf("               %s: waiting for %s%n", elapsed(), String.join(", ", waiting.stream()
                        .map(s -> s.spec().name() + " (" + lastStatus.getOrDefault(s.spec().name(), "starting") + ")")
                        .toList()));
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            if (System.nanoTime() > deadline) {
                StringBuilder message = new StringBuilder("Not healthy after " + settings.readyTimeout().toSeconds()
                        + " s (LOA_READY_TIMEOUT_SECONDS):");
                for (ServiceProcess service : waiting) {
                    String name = service.spec().name();
                    message.append(System.lineSeparator()).append("     ").append(name).append(": /actuator/health ")
                            .append(lastStatus.getOrDefault(name, "does not answer"))
                            .append(", see ").append(relative(service.logFile()));
                }
                throw new StartupFailure(message.toString());
            }
            Thread.sleep(1000);
        }
    }

    private void ensureNotStopping() {
        if (stopping.get()) {
            throw new StackStopping();
        }
    }

    private void printReady() {
        out.println();
        out.printf("Loa is ready at http://localhost:8080  (in %s)%n", elapsed());
        out.println();
        out.println("Demo users (password \"demo\"):");
        out.println("  lienminh.vhtt   COMMUNE_OFFICER   lien-minh (Xã Liên Minh)");
        out.println("  tungchau.vhtt   COMMUNE_OFFICER   tung-chau (Xã Tùng Châu)");
        out.println("  ductho.vhtt     DISTRICT_OFFICER  duc-tho (Huyện Đức Thọ)");
        out.println("  hatinh.viewer   PROVINCE_VIEWER   ha-tinh (Tỉnh Hà Tĩnh)");
        out.println("  operator        OPERATOR          ha-tinh");
        out.println("Token:  curl -s -X POST http://localhost:8080/auth/token -H 'Content-Type: application/json' \\");
        out.println("          -d '{\"username\":\"lienminh.vhtt\",\"password\":\"demo\"}'");
        out.println("Logs in " + relative(settings.logs()) + "/. Press Ctrl-C to stop everything.");
        out.flush();
    }

    /** After start-up: report a service that dies, keep the rest running until Ctrl-C. */
    private void watch() {
        List<ServiceProcess> alive = new ArrayList<>(services);
        while (!stopping.get()) {
            for (ServiceProcess service : List.copyOf(alive)) {
                if (!service.isAlive() && !stopping.get()) {
                    out.printf("loa: %s stopped (exit code %d), see %s%n", service.spec().name(),
                            service.exitValue(), relative(service.logFile()));
                    alive.remove(service);
                }
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Idempotent; runs in the shutdown hook. Gateway first, then the services, then Kafka, then PostgreSQL. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        synchronized (lifecycle) {
            stopAll();
        }
    }

    private void stopAll() {
        if (database == null && broker == null && services.isEmpty()) {
            return; // nothing started (e.g. a port was taken): leave another stack's pid files alone
        }
        out.println();
        out.println("Stopping Loa …");
        services.stream().filter(s -> s.spec().name().equals(ServiceSpec.GATEWAY))
                .forEach(s -> s.stop(SERVICE_STOP_GRACE));
        List<Thread> stoppers = services.stream()
                .filter(s -> !s.spec().name().equals(ServiceSpec.GATEWAY))
                .map(s -> new Thread(() -> s.stop(SERVICE_STOP_GRACE), "loa-stop-" + s.spec().name()))
                .toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (broker != null) {
            try {
                broker.close();
            } catch (RuntimeException e) {
                out.println("loa: Kafka did not stop cleanly: " + e.getMessage());
            }
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException | RuntimeException e) {
                out.println("loa: PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        deleteQuietly(settings.run());
        out.println("Loa stopped.");
        out.flush();
    }

    private String elapsed() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedAt) / 1e9);
    }

    private String relative(Path path) {
        return path.startsWith(settings.root()) ? settings.root().relativize(path).toString() : path.toString();
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

    private static void deleteQuietly(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException e) {
            // pid files only: the next ./loa up checks whether the processes still run
        }
    }

    /** Thrown into start-up when Ctrl-C arrives before the stack is ready. */
    static final class StackStopping extends RuntimeException {
        StackStopping() {
            super("stopping", null, false, false);
        }
    }

    /** A start-up problem the user can act on: printed as is, without a stack trace. */
    static final class StartupFailure extends RuntimeException {
        StartupFailure(String message) {
            super(message);
        }
    }
}
