package vn.loa.messaging.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.messaging.outbox.MessagingProducer;
import vn.loa.messaging.outbox.OutboxEventPublisher;
import vn.loa.messaging.outbox.OutboxRelay;
import vn.loa.messaging.tracing.TraceContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, item 8: the producer's PostgreSQL restarts between Kafka's acknowledgement of a batch and the
 * relay's commit of "published". The batch's rows are still pending after the restart, so the relay sends
 * them again: Kafka holds duplicates, and the consumer's inbox absorbs them (each event applied once).
 * <p>
 * The producer side runs on a PostgreSQL server of this test's own (zonky, same binaries as the shared one),
 * stopped and started again on the same port and data directory; the shared server cannot be restarted
 * under the other tests. The consumer is the test application's listener, with its inbox on the shared server.
 */
class PostgresRestartIT extends MessagingIntegrationTest {

    static final int EVENTS = 200;
    static final int BATCH = 50;

    static Path dataDirectory;
    static int port;
    static volatile EmbeddedPostgres postgres;
    static HikariDataSource pool;

    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    EnvelopeCodec codec;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startOwnPostgres() throws IOException {
        dataDirectory = Files.createTempDirectory("loa-restart-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(10_000);
        pool = new HikariDataSource(config);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration/messaging").load().migrate();
    }

    private static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "off")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Stops the server (fast shutdown: open transactions are rolled back, connections cut) and starts it again. */
    private static synchronized void restart() {
        try {
            postgres.close();
            postgres = start();
        } catch (IOException e) {
            throw new IllegalStateException("could not restart the test's PostgreSQL", e);
        }
    }

    @AfterAll
    static void stopOwnPostgres() throws IOException {
        if (pool != null) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dataDirectory != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(dataDirectory);
        }
    }

    @Test
    void aRestartBetweenKafkasAcknowledgementAndTheRelaysCommitDeliversDuplicatesThatTheInboxAbsorbs() {
        // Write the events first, in this database's outbox, 10 keys.
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
        OutboxEventPublisher publisher = new OutboxEventPublisher(pool, codec, new TraceContext(null, null));
        List<UUID> ids = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < EVENTS; i++) {
                String key = "restart-" + (i % 10);
                ids.add(publisher.publish(key, key, ThingHappened.ok(key, "Khởi động lại PostgreSQL " + i)));
            }
        });
        double duplicatesBefore = inboxDuplicates();

        // The relay's connections restart the server once: after the batch's "published" update, at its commit.
        AtomicInteger restarts = new AtomicInteger();
        DataSource restarting = restartBeforeFirstCommitOfPublished(pool, restarts);
        MessagingProducer producer = new MessagingProducer(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getProducer().getBootstrapServers()), Duration.ofSeconds(10));
        OutboxRelay relay = new OutboxRelay(restarting, producer.template(), "/messaging-it",
                new OutboxRelay.Settings(BATCH, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMillis(500),
                        true, Duration.ofDays(7), Duration.ofHours(1)), new SimpleMeterRegistry(), "restart-relay");
        relay.start();
        try {
            await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> restarts.get() == 1 && published(ids) == EVENTS);
        } finally {
            relay.stop();
            producer.destroy();
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> effectCount(ids) == EVENTS);

        Map<String, Long> copies = observer.records.stream().map(r -> TopicObserver.header(r, "ce_id"))
                .filter(id -> id != null && ids.contains(UUID.fromString(id)))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long delivered = copies.values().stream().mapToLong(Long::longValue).sum();
        long duplicates = delivered - copies.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxDuplicates() - duplicatesBefore >= duplicates);
        long absorbed = Math.round(inboxDuplicates() - duplicatesBefore);
        System.out.printf("POSTGRES RESTART: events=%d restarts=%d delivered=%d distinct=%d duplicates=%d"
                        + " absorbed by the inbox=%d applied=%d (exactly once each: %s)%n",
                EVENTS, restarts.get(), delivered, copies.size(), duplicates, absorbed, effectCount(ids),
                effectsPerEvent(ids).values().stream().allMatch(n -> n == 1));

        assertThat(copies).hasSize(EVENTS);
        // The batch acknowledged before the restart was sent again: the duplicates exist, and were absorbed.
        assertThat(duplicates).isGreaterThanOrEqualTo(1);
        assertThat(absorbed).isEqualTo(duplicates);
        assertThat(effectsPerEvent(ids).values()).hasSize(EVENTS).allMatch(n -> n == 1);
        // One key's events arrived in order (first copies).
        for (int k = 0; k < 10; k++) {
            String key = "restart-" + k;
            List<String> firstArrivals = observer.records.stream().filter(r -> key.equals(r.key()))
                    .map(r -> TopicObserver.header(r, "ce_id")).distinct().toList();
            List<String> written = ids.stream().map(UUID::toString).filter(id -> firstArrivals.contains(id)).toList();
            assertThat(firstArrivals).containsExactlyElementsOf(written);
        }
    }

    private double inboxDuplicates() {
        var counter = meters.find("loa.inbox.duplicates").tag("consumer", ThingListener.CONSUMER).counter();
        return counter == null ? 0 : counter.count();
    }

    private int published(List<UUID> ids) {
        return new JdbcTemplate(pool).queryForObject("select count(*) from outbox_event where published_at is not null and id = any(?)",
                Integer.class, (Object) ids.toArray(UUID[]::new));
    }

    private int effectCount(List<UUID> ids) {
        return jdbc.queryForObject("select count(*) from effect where event_id = any(?)", Integer.class,
                (Object) ids.toArray(UUID[]::new));
    }

    private Map<UUID, Long> effectsPerEvent(List<UUID> ids) {
        return jdbc.queryForList("select event_id from effect where event_id = any(?)", UUID.class,
                        (Object) ids.toArray(UUID[]::new)).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /**
     * Wraps the pool: the first connection that prepares the relay's "published_at = now()" update restarts
     * the server when it commits, so the commit fails after Kafka acknowledged the batch.
     */
    private static DataSource restartBeforeFirstCommitOfPublished(DataSource target, AtomicInteger restarts) {
        AtomicBoolean armed = new AtomicBoolean(true);
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Connection connection) {
                        return connection(connection, armed, restarts);
                    }
                    return result;
                });
    }

    private static Connection connection(Connection target, AtomicBoolean armed, AtomicInteger restarts) {
        AtomicBoolean markedPublished = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args.length > 0
                    && String.valueOf(args[0]).contains("set published_at")) {
                markedPublished.set(true);
            }
            if (method.getName().equals("commit") && markedPublished.get() && armed.compareAndSet(true, false)) {
                restart();
                restarts.incrementAndGet();
            }
            return invoke(target, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
