package vn.loa.reporting.support;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import vn.loa.testsupport.LoaInfrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * reporting-service as a process of its own, from the module's executable jar ({@code target/*-exec.jar},
 * built by {@code ./mvnw package}: {@code ./loa bench} does), on the benchmark's database and broker, its
 * Kafka listeners and outbox relay off (the in-process service consumes), its dashboard cache off (every
 * request computes its dashboard from the tallies). For the benchmark's dashboard figures.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path jar;
    private final Path log;

    private ServiceProcess(Process process, int port, Path jar, Path log) {
        this.process = process;
        this.port = port;
        this.jar = jar;
        this.log = log;
    }

    public static ServiceProcess start(Environment environment, String javaOpts) throws IOException, InterruptedException {
        return start(environment, javaOpts, null, false, "bench-reporting-service");
    }

    /**
     * {@code jar}: another build of the service (e.g. main's, for a before/after run on the same data), null for this
     * module's; {@code cache}: the dashboard cache on, as in production (off: every request computes its dashboard).
     */
    public static ServiceProcess start(Environment environment, String javaOpts, Path jar, boolean cache, String name)
            throws IOException, InterruptedException {
        if (jar == null) {
            try (Stream<Path> files = Files.list(Path.of("target"))) {
                jar = files.filter(f -> f.getFileName().toString().matches("loa-reporting-service-.*-exec\\.jar"))
                        .findFirst().orElseThrow(() -> new IllegalStateException(
                                "target/loa-reporting-service-*-exec.jar is missing: build it with ./mvnw -DskipTests package"));
            }
        }
        Path key = Files.createTempFile("loa-test-jwt-public", ".pem");
        try (InputStream in = new ClassPathResource("test-only-keys/loa-test-jwt-public.pem").getInputStream()) {
            Files.write(key, in.readAllBytes());
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        command.addAll(List.of("-Dfile.encoding=UTF-8", "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--spring.kafka.bootstrap-servers=" + environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "--spring.kafka.listener.auto-startup=false",
                "--loa.messaging.outbox.relay-enabled=false",
                "--loa.dashboard.cache.enabled=" + cache,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + key,
                "--logging.level.root=WARN"));
        LoaInfrastructure.tokenProperties().forEach((k, v) -> {
            if (!k.endsWith("public-key-location")) {
                command.add("--" + k + "=" + v);
            }
        });
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(process, port, jar, log);
        service.awaitReady(Duration.ofMinutes(5));
        return service;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("reporting-service exited (" + process.exitValue() + "), see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("reporting-service not ready within " + timeout + ", see " + log);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path jar() {
        return jar;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
