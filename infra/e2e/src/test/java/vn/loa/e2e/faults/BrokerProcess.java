package vn.loa.e2e.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import vn.loa.e2e.KafkaBrokerMain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The stack's {@link KafkaBrokerMain} in its own JVM, on fixed ports and a fixed log directory. */
final class BrokerProcess {

    private final OsProcess process;
    private final int port;
    private int kills;

    BrokerProcess(Path directory, int port, int controllerPort, Path logFile) {
        this.port = port;
        this.process = new OsProcess("kafka", List.of(OsProcess.java(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(), directory.toString(), Integer.toString(port),
                Integer.toString(controllerPort), directory.resolve("storage-format.log").toString()), Map.of(), logFile);
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the process and returns once it answers a metadata request. */
    void start(Duration timeout) {
        int readyBefore = process.logCount(KafkaBrokerMain.READY);
        process.start();
        await("Kafka broker ready").atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited:\n" + process.logTail(40));
            }
            return process.logCount(KafkaBrokerMain.READY) > readyBefore && answers();
        });
    }

    void kill() {
        process.kill();
        kills++;
    }

    int kills() {
        return kills;
    }

    void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    private boolean answers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
