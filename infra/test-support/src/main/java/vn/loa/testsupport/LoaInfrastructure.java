package vn.loa.testsupport;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * One real PostgreSQL 17 server and one real Kafka broker per test JVM, started lazily on first use
 * and shared by every test (and every Spring application started in-process by a test).
 *
 * <p>Containers (postgres:17-alpine, apache/kafka, or the images {@code ./loa images} builds locally, see
 * {@link ContainerImages}) when a Docker engine is reachable, Podman's Docker API included
 * ({@code DOCKER_HOST=unix:///run/podman/podman.sock}, with {@code TESTCONTAINERS_RYUK_DISABLED=true} where
 * the Ryuk image cannot be pulled); otherwise zonky's embedded PostgreSQL 17 and spring-kafka-test's
 * in-process KRaft broker. Force one way with
 * {@code -Dloa.test.infrastructure=containers|embedded} (or env {@code LOA_TEST_INFRASTRUCTURE}).
 * When no way works every caller gets an {@link IllegalStateException} saying why: a test that
 * needs the infrastructure fails, it never skips.
 */
public final class LoaInfrastructure {

    /** Issuer and audience of {@link TestTokens}, and where services find the key to check them. */
    public static final String TOKEN_ISSUER = "loa-test";
    public static final String TOKEN_AUDIENCE = "loa";
    public static final String TOKEN_PUBLIC_KEY_LOCATION = "classpath:" + TestTokens.PUBLIC_KEY_RESOURCE;

    private static final Logger log = LoggerFactory.getLogger(LoaInfrastructure.class);

    private static Started started;
    private static IllegalStateException failure;
    /** The container engine in use ("Podman 4.3.1 at unix:///run/podman/podman.sock"), null on the embedded path. */
    private static volatile String engine;

    /** Rootful and rootless Podman sockets: a hint when no DOCKER_HOST points at them. */
    private static final java.util.List<String> PODMAN_SOCKETS = java.util.List.of("/run/podman/podman.sock",
            System.getenv().getOrDefault("XDG_RUNTIME_DIR", "/run/user/" + System.getProperty("user.name"))
                    + "/podman/podman.sock");

    private LoaInfrastructure() {
    }

    /** The shared PostgreSQL server (started on first call). */
    public static PostgresServer postgres() {
        return started().postgres();
    }

    /** {@code host:port} of the shared Kafka broker (started on first call). */
    public static String kafkaBootstrapServers() {
        return started().kafka().bootstrapServers();
    }

    /** Which infrastructure is in use, e.g. for a test's own log line. */
    public static String description() {
        Started s = started();
        return s.postgres().description() + " at " + s.postgres().host() + ":" + s.postgres().port()
                + " and " + s.kafka().description() + " at " + s.kafka().bootstrapServers()
                + (engine == null ? "" : " (" + engine + ")");
    }

    /**
     * A Kafka broker of the caller's own, in-process, that can be stopped and started again on the
     * same port (for "while Kafka is down" tests). Never the shared broker: stopping that would break
     * every other test of the JVM. Close it at the end of the test class.
     */
    public static RestartableKafkaBroker startRestartableKafkaBroker() {
        return RestartableKafkaBroker.launch();
    }

    /**
     * Every property a Loa service needs to run on the shared infrastructure with a database of its
     * own: datasource, Kafka bootstrap servers and the test token settings. Use it to start an
     * application in-process ({@code new SpringApplicationBuilder(App.class).properties(...)}); in
     * {@code @SpringBootTest} classes use {@link LoaIntegrationTest} instead.
     */
    public static Map<String, Object> springProperties(String databaseName) {
        PostgresServer.Database database = postgres().createDatabase(databaseName);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        properties.putAll(tokenProperties());
        return properties;
    }

    /**
     * {@link #springProperties(String)} as {@code --name=value} arguments for
     * {@code SpringApplication.run(App.class, args)}: command-line arguments take precedence over the
     * application's own application.yml, which {@code SpringApplicationBuilder.properties(..)} (defaults) do not.
     * {@code moreArguments} are appended, e.g. {@code "--server.port=0"}.
     */
    public static String[] commandLineArguments(String databaseName, String... moreArguments) {
        return java.util.stream.Stream.concat(springProperties(databaseName).entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue()),
                        java.util.Arrays.stream(moreArguments))
                .toArray(String[]::new);
    }

    /** The properties by which service-support validates {@link TestTokens}. */
    public static Map<String, Object> tokenProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKEN_PUBLIC_KEY_LOCATION);
        properties.put("loa.security.issuer", TOKEN_ISSUER);
        properties.put("loa.security.audience", TOKEN_AUDIENCE);
        return properties;
    }

    /**
     * The shared Kafka container, if the broker runs in one. Starts the shared infrastructure, but only
     * where a Docker engine may be reachable: without one the answer is known to be empty at no cost.
     */
    public static java.util.Optional<org.testcontainers.kafka.KafkaContainer> kafkaContainer() {
        if (requestedMode().equals("embedded") || !dockerMayBeThere()) {
            return java.util.Optional.empty();
        }
        return started().kafka().runningContainer();
    }

    private static synchronized Started started() {
        if (started != null) {
            return started;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        try {
            started = start();
            return started;
        }
        catch (RuntimeException e) {
            failure = new IllegalStateException(
                    "No real PostgreSQL and Kafka could be started for the integration tests. " + e.getMessage(), e);
            throw failure;
        }
    }

    private static Started start() {
        long begin = System.nanoTime();
        String mode = requestedMode();
        String containerFailure = null;
        if (!mode.equals("embedded")) {
            String docker = dockerProblem();
            if (docker == null) {
                engine = engine();
                try {
                    Started s = startBoth(ContainerPostgresServer::start, SharedKafka::container,
                            ContainerPostgresServer::close);
                    return announce(s, begin);
                }
                catch (RuntimeException e) {
                    engine = null;
                    containerFailure = "Containers failed: " + describe(e) + ryukHint(e);
                    if (mode.equals("containers")) {
                        throw new IllegalStateException(containerFailure, e);
                    }
                    log.warn("{} Falling back to embedded PostgreSQL and Kafka.", containerFailure);
                }
            }
            else if (mode.equals("containers")) {
                throw new IllegalStateException("loa.test.infrastructure=containers but " + docker);
            }
            else {
                containerFailure = docker;
            }
        }
        try {
            Started s = startBoth(() -> {
                try {
                    return EmbeddedPostgresServer.start();
                }
                catch (java.io.IOException e) {
                    throw new IllegalStateException("embedded PostgreSQL did not start (its output is in "
                            + EmbeddedPostgresServer.LOG_FILE + "): " + e.getMessage(), e);
                }
            }, SharedKafka::embedded, server -> {
                try {
                    server.close();
                }
                catch (java.io.IOException e) {
                    log.debug("closing embedded PostgreSQL", e);
                }
            });
            return announce(s, begin);
        }
        catch (RuntimeException e) {
            throw new IllegalStateException((containerFailure == null ? "" : containerFailure + ". ")
                    + "Embedded PostgreSQL/Kafka failed: " + describe(e), e);
        }
    }

    private static <P extends PostgresServer> Started startBoth(Supplier<P> postgres, Supplier<SharedKafka> kafka,
            java.util.function.Consumer<P> closePostgres) {
        // In parallel: each takes seconds, much of it waiting on initdb and disks. Own threads: the common
        // pool has a single worker on a 2-core machine and would run them one after the other.
        java.util.concurrent.ExecutorService starters = java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "loa-test-infrastructure-start");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<P> pg = CompletableFuture.supplyAsync(timed(postgres, "PostgreSQL"), starters);
        CompletableFuture<SharedKafka> broker = CompletableFuture.supplyAsync(timed(kafka, "Kafka"), starters);
        starters.shutdown();
        P server;
        SharedKafka k;
        try {
            server = pg.join();
        }
        catch (CompletionException e) {
            broker.thenAccept(SharedKafka::close);
            throw unwrap(e);
        }
        try {
            k = broker.join();
        }
        catch (CompletionException e) {
            closePostgres.accept(server);
            throw unwrap(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            k.close();
            closePostgres.accept(server);
        }, "loa-test-infrastructure-shutdown"));
        return new Started(server, k);
    }

    private static final Map<String, Long> startMillis = new java.util.concurrent.ConcurrentHashMap<>();

    private static <T> Supplier<T> timed(Supplier<T> start, String what) {
        return () -> {
            long begin = System.nanoTime();
            T result = start.get();
            startMillis.put(what, (System.nanoTime() - begin) / 1_000_000);
            return result;
        };
    }

    private static Started announce(Started s, long begin) {
        started = s;
        long millis = (System.nanoTime() - begin) / 1_000_000;
        // One line that build logs can be searched for: the ITs ran on real infrastructure.
        log.info("Using {} (started in {} ms, in parallel: PostgreSQL {} ms, Kafka {} ms)", description(), millis,
                startMillis.get("PostgreSQL"), startMillis.get("Kafka"));
        return s;
    }

    private static String requestedMode() {
        String mode = System.getProperty("loa.test.infrastructure", System.getenv("LOA_TEST_INFRASTRUCTURE"));
        mode = mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("containers") && !mode.equals("embedded")) {
            throw new IllegalStateException("loa.test.infrastructure must be auto, containers or embedded, not " + mode);
        }
        return mode;
    }

    /** Why containers cannot be used, or null when a Docker engine answers. */
    private static String dockerProblem() {
        if (!dockerMayBeThere()) {
            // Asking Testcontainers would only log an alarming ERROR with the same conclusion.
            return "No Docker engine is reachable (no DOCKER_HOST, no Testcontainers docker.host, no Docker socket)"
                    + podmanHint();
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null : "No Docker engine is reachable";
        }
        catch (Throwable e) {
            return "No Docker engine is reachable (" + e + ")";
        }
    }

    private static boolean dockerMayBeThere() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home");
        java.nio.file.Path properties = java.nio.file.Path.of(home, ".testcontainers.properties");
        try {
            if (java.nio.file.Files.exists(properties) && java.nio.file.Files.readString(properties).contains("docker.host")) {
                return true;
            }
        }
        catch (java.io.IOException e) {
            return true;
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        java.util.List<java.nio.file.Path> sockets = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of("/var/run/docker.sock"),
                java.nio.file.Path.of(home, ".docker", "run", "docker.sock"),
                java.nio.file.Path.of(home, ".docker", "desktop", "docker.sock"),
                java.nio.file.Path.of(home, ".colima", "default", "docker.sock"),
                java.nio.file.Path.of(home, ".rd", "docker.sock")));
        if (runtime != null) {
            sockets.add(java.nio.file.Path.of(runtime, "docker.sock"));
            sockets.add(java.nio.file.Path.of(runtime, "podman", "podman.sock"));
        }
        return sockets.stream().anyMatch(java.nio.file.Files::exists);
    }

    /** Podman's socket is not looked for by Testcontainers itself: say how to use it when it is there. */
    private static String podmanHint() {
        return PODMAN_SOCKETS.stream().filter(socket -> java.nio.file.Files.exists(java.nio.file.Path.of(socket)))
                .findFirst()
                .map(socket -> "; Podman's Docker API is at " + socket + ": set DOCKER_HOST=unix://" + socket
                        + " and TESTCONTAINERS_RYUK_DISABLED=true to run the containers there (infra/test-support/README.md)")
                .orElse("");
    }

    private static String ryukHint(Throwable e) {
        return describe(e).toLowerCase(Locale.ROOT).contains("ryuk") && System.getenv("TESTCONTAINERS_RYUK_DISABLED") == null
                ? " (the Ryuk image is not available here: set TESTCONTAINERS_RYUK_DISABLED=true; the JVM's shutdown"
                        + " hook stops the containers)"
                : "";
    }

    /** "Podman 4.3.1 at unix:///…" or "Docker 28.2.2 at …", for the log line that says which path was taken. */
    private static String engine() {
        try {
            com.github.dockerjava.api.model.Version version = DockerClientFactory.instance().client().versionCmd().exec();
            boolean podman = version.getComponents() != null && version.getComponents().stream()
                    .anyMatch(component -> String.valueOf(component.getName()).contains("Podman"));
            return (podman ? "Podman " : "Docker ") + version.getVersion() + " at "
                    + DockerClientFactory.instance().getTransportConfig().getDockerHost()
                    + (System.getenv("TESTCONTAINERS_RYUK_DISABLED") != null ? ", Ryuk disabled" : "");
        }
        catch (RuntimeException e) {
            return "container engine " + e.getClass().getSimpleName();
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!message.isEmpty()) {
                message.append(" <- ");
            }
            message.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return message.toString();
    }

    private record Started(PostgresServer postgres, SharedKafka kafka) {
    }
}
