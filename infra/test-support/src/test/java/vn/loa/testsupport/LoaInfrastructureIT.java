package vn.loa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The plain API on the real shared PostgreSQL and Kafka, and the restartable broker. */
class LoaInfrastructureIT {

    private static final String VIETNAMESE = "Kế hoạch tuyên truyền cải cách hành chính xã Liên Minh năm 2022";

    @Test
    void postgresIsARealPostgres17WithADatabasePerApplication() throws Exception {
        PostgresServer postgres = LoaInfrastructure.postgres();
        PostgresServer.Database plan = postgres.createDatabase("loa_plan");
        PostgresServer.Database activity = postgres.createDatabase("activity-service");

        assertThat(activity.name()).isEqualTo("activity_service");
        assertThat(postgres.createDatabase("loa_plan")).isEqualTo(plan);
        try (Connection connection = DriverManager.getConnection(plan.jdbcUrl(), plan.username(), plan.password());
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select current_database(), current_setting('server_version_num')::int")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("loa_plan");
                assertThat(rows.getInt(2)).isBetween(170000, 179999);
            }
            statement.execute("create table if not exists note (id uuid primary key, text text not null)");
            UUID id = UUID.randomUUID();
            try (PreparedStatement insert = connection.prepareStatement("insert into note values (?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, VIETNAMESE);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("select text from note where id = ?")) {
                select.setObject(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    assertThat(rows.getString(1)).isEqualTo(VIETNAMESE);
                }
            }
        }
        // The other application's database does not see the table.
        try (Connection connection = DriverManager.getConnection(activity.jdbcUrl(), activity.username(), activity.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from information_schema.tables where table_name = 'note'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void kafkaIsARealBroker() {
        String topic = "loa-test-" + UUID.randomUUID();
        String bootstrap = LoaInfrastructure.kafkaBootstrapServers();
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, "lien-minh", VIETNAMESE)).get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(consume(bootstrap, topic, 1)).containsExactly(VIETNAMESE);
    }

    @Test
    void aRestartableBrokerKeepsItsPortAndDataAcrossAnOutage() throws Exception {
        String topic = "loa-outage-" + UUID.randomUUID();
        try (RestartableKafkaBroker kafka = LoaInfrastructure.startRestartableKafkaBroker();
             KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            assertThat(kafka.bootstrapServers()).isNotEqualTo(LoaInfrastructure.kafkaBootstrapServers());
            producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            String host = kafka.bootstrapServers().substring(0, kafka.bootstrapServers().lastIndexOf(':'));
            int port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
            assertThatThrownBy(() -> new java.net.Socket(host, port).close()).isInstanceOf(java.io.IOException.class);
            // Sent while the broker is down: send() itself blocks (metadata), so from another thread.
            CompletableFuture<Object> during = CompletableFuture.supplyAsync(() -> {
                try {
                    return producer.send(new ProducerRecord<>(topic, "k", "during")).get(90, TimeUnit.SECONDS);
                }
                catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(during).isNotDone();

            kafka.start();
            assertThat(kafka.isRunning()).isTrue();
            during.get(90, TimeUnit.SECONDS);
            assertThat(consume(kafka.bootstrapServers(), topic, 2)).containsExactly("before", "during");
        }
    }

    @Test
    void anApplicationStartedInProcessGetsItsOwnDatabase() {
        // How the gateway's end-to-end tests start several services in one JVM.
        try (var context = new org.springframework.boot.builder.SpringApplicationBuilder(TestApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .run(LoaInfrastructure.commandLineArguments("loa_e2e_plan", "--spring.application.name=e2e-plan"))) {
            var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo("loa_e2e_plan");
            assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo(LoaInfrastructure.kafkaBootstrapServers());
            assertThat(context.getEnvironment().getProperty("loa.security.issuer")).isEqualTo("loa-test");
        }
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000),
                new StringSerializer(), new StringSerializer());
    }

    static List<String> consume(String bootstrap, String topic, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "loa-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
