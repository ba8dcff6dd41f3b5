package vn.loa.messaging.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.loa.testsupport.LoaInfrastructure;
import vn.loa.testsupport.PostgresServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: what this machine does without Loa, on the same PostgreSQL and Kafka as
 * {@link OutboxLatencyBenchmark} (run them in one JVM, as {@code ./loa bench} does), so that the
 * outbox, completion and ingest figures read as fractions of it:
 * <ul>
 * <li>a plain {@code KafkaProducer} (acks=all, idempotent, 1 KB values like an event envelope),
 * asynchronous (the client batches) and one at a time ({@code send().get()});</li>
 * <li>plain JDBC inserts of 1 KB rows into a table shaped like {@code outbox_event}: batches of 1,000
 * per transaction, and one row per transaction (commit per row, as an outbox write does).</li>
 * </ul>
 * Sizes: {@code bench.ref.messages} (50,000), {@code bench.ref.sync-messages} (2,000),
 * {@code bench.ref.rows} (50,000), {@code bench.ref.single-rows} (2,000), {@code bench.ref.bytes} (1,024).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PhysicalReferenceBenchmark {

    private final int bytes = Integer.getInteger("bench.ref.bytes", 1024);
    private final String payload = "x".repeat(bytes);

    @Test
    void kafkaProducerAndJdbcInsertRates() throws Exception {
        double async = kafkaAsync(Integer.getInteger("bench.ref.messages", 50_000));
        double sync = kafkaSync(Integer.getInteger("bench.ref.sync-messages", 2_000));
        PostgresServer.Database db = LoaInfrastructure.postgres().createDatabase("bench_reference");
        double batched;
        double single;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute("""
                    create table if not exists reference_row (id uuid primary key, topic text not null, record_key text,
                        payload text not null, created_at timestamptz not null default clock_timestamp())""");
            c.createStatement().execute("truncate reference_row");
            batched = jdbcBatched(c, Integer.getInteger("bench.ref.rows", 50_000));
            single = jdbcSingle(c, Integer.getInteger("bench.ref.single-rows", 2_000));
        }
        System.out.printf(Locale.ROOT, "%n[benchmark] physical reference (%d-byte messages/rows): Kafka acks=all async %.0f msg/s,"
                + " one at a time %.0f msg/s; JDBC batched %.0f rows/s, one row per commit %.0f rows/s%n",
                bytes, async, sync, batched, single);
        record("ref.kafka.async.msgs_per_s", async);
        record("ref.kafka.sync.msgs_per_s", sync);
        record("ref.jdbc.batch.rows_per_s", batched);
        record("ref.jdbc.single.rows_per_s", single);
        record("ref.message_bytes", bytes);
        assertThat(async).isPositive();
        assertThat(single).isPositive();
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LoaInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private double kafkaAsync(int n) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            String topic = "bench-reference-async";
            producer.send(new ProducerRecord<>(topic, "warm-up", payload)).get(); // metadata, topic creation
            for (int i = 0; i < Math.min(n, 2_000); i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i % 64), payload));
            }
            producer.flush();
            long t0 = System.nanoTime();
            List<Future<?>> acks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, Integer.toString(i % 64), payload)));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get();
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private double kafkaSync(int n) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            String topic = "bench-reference-sync";
            for (int i = 0; i < Math.min(n, 200); i++) {
                producer.send(new ProducerRecord<>(topic, "k", payload)).get();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i % 64), payload)).get();
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private double jdbcBatched(Connection c, int n) throws SQLException {
        c.setAutoCommit(false);
        insertBatched(c, Math.min(n, 5_000)); // warm-up
        long t0 = System.nanoTime();
        insertBatched(c, n);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private void insertBatched(Connection c, int n) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into reference_row (id, topic, record_key, payload) values (?, ?, ?, ?)")) {
            for (int i = 1; i <= n; i++) {
                bind(insert, i);
                insert.addBatch();
                if (i % 1_000 == 0 || i == n) {
                    insert.executeBatch();
                    c.commit();
                }
            }
        }
    }

    private double jdbcSingle(Connection c, int n) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(
                "insert into reference_row (id, topic, record_key, payload) values (?, ?, ?, ?)")) {
            for (int i = 0; i < Math.min(n, 200); i++) { // warm-up
                bind(insert, i);
                insert.executeUpdate();
                c.commit();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                bind(insert, i);
                insert.executeUpdate();
                c.commit();
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private void bind(PreparedStatement insert, int i) throws SQLException {
        insert.setObject(1, UUID.randomUUID());
        insert.setString(2, "bench-reference");
        insert.setString(3, Integer.toString(i % 64));
        insert.setString(4, payload);
    }

    /** A figure for ./loa bench (infra/bench), when it asks for them with -Dbench.out. */
    static void record(String id, double value) throws IOException {
        String out = System.getProperty("bench.out");
        if (out == null) {
            return;
        }
        Path file = Path.of(out, "figures.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, id + "=" + String.format(Locale.ROOT, "%.4f", value) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
