package vn.loa.messaging.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import vn.loa.messaging.autoconfigure.KafkaHealthIndicator;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, item 2: the {@code kafka} health component says when this instance cannot reach the brokers. A cut
 * leaves sockets open and silent, so the peer here is one that accepts connections and never answers.
 */
class KafkaHealthIT extends MessagingIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void theKafkaComponentNamesTheBrokersAndTheListenersWhileTheyAnswer() {
        JsonNode kafka = RestClient.builder().baseUrl("http://localhost:" + port).build().get().uri("/actuator/health")
                .exchange((request, response) -> response.bodyTo(JsonNode.class)).at("/components/kafka");

        assertThat(kafka.path("status").asString()).isEqualTo("UP");
        assertThat(kafka.at("/details/brokers").asInt()).isEqualTo(1);
        assertThat(kafka.at("/details/listeners").size()).isPositive();
        kafka.at("/details/listeners").forEach(listener -> assertThat(listener.path("running").asBoolean()).isTrue());
        // without ids of their own: named by the topics they read, which an operator knows (generated ids say nothing)
        assertThat(kafka.at("/details/listeners").propertyNames()).allMatch(name -> name.startsWith("loa."));
    }

    @Test
    void brokersThatAcceptConnectionsButNeverAnswerAreReportedDownWithinTheTimeout() throws Exception {
        try (ServerSocket silentBroker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silentBroker.isClosed()) {
                        held.add(silentBroker.accept()); // accepted, never read from nor written to
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            }, "silent-broker");
            acceptor.setDaemon(true);
            acceptor.start();
            KafkaHealthIndicator indicator = new KafkaHealthIndicator(() -> Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + silentBroker.getLocalPort())),
                    Duration.ofMillis(1500), null);
            try {
                long started = System.nanoTime();
                Health health = indicator.health();
                long tookMillis = (System.nanoTime() - started) / 1_000_000;

                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsEntry("error", "no broker answered within 1500 ms");
                assertThat(tookMillis).isLessThan(5_000);
                assertThat(held).as("the admin client did reach the silent peer").isNotEmpty();
            } finally {
                indicator.destroy();
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }
}
