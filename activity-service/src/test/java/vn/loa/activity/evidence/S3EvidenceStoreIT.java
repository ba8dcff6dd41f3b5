package vn.loa.activity.evidence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The S3 store against a real S3-compatible server: Adobe's S3Mock, the executable jar Maven Central ships
 * ({@code com.adobe.testing:s3mock:<version>:exec}, copied to {@code target/s3mock} by the build), started as a
 * process of its own on a free loopback port (no Docker needed; its Spring Boot stays out of this JVM). Path-style
 * requests, static credentials, the bucket created by the store itself, as with MinIO.
 */
class S3EvidenceStoreIT {

    private static Process server;
    private static int port;

    @TempDir
    static Path root;

    @BeforeAll
    static void startS3Mock() throws IOException {
        String jar = System.getProperty("loa.s3mock.jar", "target/s3mock/s3mock-exec.jar");
        assertThat(Paths.get(jar)).as("S3Mock's jar (the build copies it in pre-integration-test)").exists();
        port = freePort();
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--http.port=" + port, "--server.port=0", "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.store.root=" + root.resolve("s3mock"),
                "--com.adobe.testing.s3mock.store.initial-buckets=existing"));
        Path log = Paths.get("target", "s3mock", "s3mock.log");
        Files.createDirectories(log.getParent());
        server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            assertThat(server.isAlive()).as("S3Mock exited, see " + log).isTrue();
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    @AfterAll
    static void stopS3Mock() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static EvidenceProperties.S3 config(String bucket, boolean create, String prefix) {
        return new EvidenceProperties.S3("http://127.0.0.1:" + port, "us-east-1", bucket, "loa-test", "loa-test-secret",
                true, create, prefix);
    }

    @Test
    void keepsReadsAndDeletesObjectsInABucketItCreated(@TempDir Path temp) throws IOException {
        try (S3EvidenceStore store = new S3EvidenceStore(config("loa-evidence", true, ""))) {
            EvidenceStoreContract.check(store, temp);
            assertThat(store.describe()).isEqualTo("s3 http://127.0.0.1:" + port + "/loa-evidence");
        }
    }

    @Test
    void aPrefixKeepsEnvironmentsApartInOneBucket(@TempDir Path temp) throws IOException {
        try (S3EvidenceStore staging = new S3EvidenceStore(config("existing", false, "staging"));
             S3EvidenceStore production = new S3EvidenceStore(config("existing", true, "production/"))) {
            staging.put("activities/a/e", new byte[]{1, 2, 3}, "application/pdf");
            assertThat(staging.exists("activities/a/e")).isTrue();
            assertThat(production.exists("activities/a/e")).isFalse();
            EvidenceStoreContract.check(production, temp);
        }
    }
}
