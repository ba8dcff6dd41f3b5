package vn.loa.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** One Loa service run from its executable jar ({@code <module>/target/loa-<module>-*-exec.jar}). */
final class ServiceProcess {

    static final List<String> JVM_OPTIONS = List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final OsProcess process;
    private int kills;

    ServiceProcess(Path root, String name, int port, Map<String, String> environment, List<String> arguments,
                   Path logFile) {
        this.name = name;
        this.port = port;
        List<String> command = new ArrayList<>();
        command.add(OsProcess.java());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(executableJar(root, name).toString());
        command.addAll(arguments);
        this.process = new OsProcess(name, command, environment, logFile);
    }

    static Path executableJar(Path root, String module) {
        // Set by Failsafe (maven-dependency-plugin:properties) to the jar this reactor built.
        String fromBuild = System.getProperty("loa.e2e.jar." + module);
        if (fromBuild != null && !fromBuild.isBlank() && !fromBuild.startsWith("${") && Files.isRegularFile(Path.of(fromBuild))) {
            return Path.of(fromBuild);
        }
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().startsWith("loa-" + module + "-"))
                    .filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar in " + target
                            + ": build with ./mvnw -pl infra/e2e -am verify (or package the services first)"));
        } catch (IOException e) {
            throw new IllegalStateException("no " + target + ": build the services first", e);
        }
    }

    String name() {
        return name;
    }

    String url() {
        return "http://localhost:" + port;
    }

    void start() {
        process.start();
    }

    void awaitReady(Duration timeout) {
        await(name + " ready").atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up:\n" + process.logTail(60));
            }
            return ready();
        });
    }

    boolean ready() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, as an OOM killer or a node failure would. */
    void kill() {
        process.kill();
        kills++;
    }

    int kills() {
        return kills;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    String logTail(int lines) {
        return process.logTail(lines);
    }

    Path logFile() {
        return process.logFile();
    }
}
