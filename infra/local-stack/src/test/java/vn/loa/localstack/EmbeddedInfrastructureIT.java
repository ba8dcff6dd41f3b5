package vn.loa.localstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stack's PostgreSQL and Kafka keep their data in a fixed directory across restarts (and kills). */
class EmbeddedInfrastructureIT {

    @TempDir
    Path home;

    @Test
    void postgresKeepsItsDatabasesAndRowsAcrossRestartsAndKills() throws Exception {
        int port = freePort();
        Path data = home.resolve("postgres");
        Path log = Files.createFile(home.resolve("postgres.log"));
        PostgresServer server = new PostgresServer("postgres", data, port, log, List.of("loa_plan"), true, null);
        server.start();
        try (Connection c = connect(port); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE org_unit (code text PRIMARY KEY, name text)");
            s.execute("INSERT INTO org_unit VALUES ('lien-minh', 'Xã Liên Minh')");
        }
        server.stop();
        server.start();
        try (Connection c = connect(port); Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_unit VALUES ('tung-chau', 'Xã Tùng Châu')");
        }
        // killed (SIGKILL to the postmaster): what was committed comes back from the WAL
        server.kill();
        server.start();
        try (Connection c = connect(port); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT string_agg(name, ', ' ORDER BY code) FROM org_unit")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("Xã Liên Minh, Xã Tùng Châu");
        } finally {
            server.stop();
        }
    }

    @Test
    void kafkaKeepsItsTopicsAndRecordsAcrossRestarts() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Path dir = home.resolve("kafka");
        Path log = home.resolve("kafka.log");
        try (EmbeddedBroker ignored = EmbeddedBroker.start(dir, port, controllerPort, log);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("loa.plan.events", "plan-1", "{\"type\":\"plan-issued\"}")).get();
        }
        try (EmbeddedBroker ignored = EmbeddedBroker.start(dir, port, controllerPort, log);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                     ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("loa.plan.events"));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertThat(received).extracting(ConsumerRecord::key).containsExactly("plan-1");
        }
    }

    private static Connection connect(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/loa_plan",
                PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
