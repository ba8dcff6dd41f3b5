package vn.loa.messaging.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.EventEnvelope;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays committed outbox rows to Kafka, in creation order, keyed by {@code record_key}.
 * <p>
 * One thread per instance. It waits on a dedicated PostgreSQL connection that {@code LISTEN}s to
 * {@value #CHANNEL} (the insert trigger notifies at commit), at most {@code poll-interval}, then
 * relays until the outbox is empty. Each batch runs in one transaction that first takes a
 * transaction-level advisory lock, so that only one instance relays at a time (no row published
 * twice, and one key's events stay in order across instances), and selects its rows
 * {@code FOR UPDATE SKIP LOCKED}. Rows are marked published once Kafka acknowledged them
 * ({@code acks=all}, idempotent producer); at the first failed send the batch stops, the rows from
 * there on stay pending and are retried after a back-off, so that a key's events are never
 * reordered (a retried row may then be sent twice, which consumers absorb by event id).
 */
public class OutboxRelay implements SmartLifecycle {

    public static final String CHANNEL = "loa_outbox";
    /** Key of the advisory lock held while relaying (one database per service, so a constant is enough). */
    static final long LOCK_KEY = 0x4C4F415F4F424F58L; // "LOA_OBOX"

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Longest the relay waits before it looks at the stop flag again. */
    private static final Duration WAKE_CHECK = Duration.ofMillis(500);

    private static final String SELECT_BATCH = """
            select id, topic, record_key, event_type, payload, traceparent, created_at
            from outbox_event
            where published_at is null
            order by seq
            limit ?
            for update skip locked""";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, Object> kafka;
    private final String source;
    private final Settings settings;
    private final String name;

    private final AtomicLong pending = new AtomicLong();
    private final Map<String, Counter> publishedCounters = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Timer sendLatency;
    private final Timer commitToAck;

    private volatile boolean running;
    private volatile Thread thread;
    private Connection listenConnection;
    private Instant nextCleanup = Instant.EPOCH;
    private Instant nextPendingCount = Instant.EPOCH;

    /**
     * @param settings   batch size, intervals, retention
     * @param name       names the thread (several relays may run in one JVM in tests)
     */
    public OutboxRelay(DataSource dataSource, KafkaTemplate<String, Object> kafka, String source, Settings settings,
                       MeterRegistry meters, String name) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        // The relay's own transactions, on the service's DataSource, whatever its transaction manager.
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setTimeout((int) Math.max(10, settings.sendTimeout().toSeconds() * 2 + 10));
        this.kafka = kafka;
        this.source = source;
        this.settings = settings;
        this.name = name;
        this.meters = meters;
        Gauge.builder("loa.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet published to Kafka")
                .register(meters);
        this.sendLatency = Timer.builder("loa.outbox.send.latency")
                .description("Time from handing an outbox row to the producer to Kafka's acknowledgement")
                .publishPercentileHistogram()
                .register(meters);
        this.commitToAck = Timer.builder("loa.outbox.delay")
                .description("Time from writing an outbox row to Kafka's acknowledgement")
                .publishPercentileHistogram()
                .register(meters);
    }

    // --- lifecycle -------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                // The loop sees the flag within WAKE_CHECK; let a batch in flight finish, but briefly: shutdown
                // must not hang (e.g. on a database or broker that is gone) ...
                t.join(WAKE_CHECK.plus(min(settings.sendTimeout(), Duration.ofSeconds(5))).toMillis());
                if (t.isAlive()) {
                    // ... else interrupt it: its transaction rolls back, rows sent meanwhile are sent again later.
                    log.warn("Outbox relay did not stop in time, interrupting it");
                    t.interrupt();
                    t.join(2000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop before the Kafka and web infrastructure, start after it.
        return Integer.MAX_VALUE - 2048;
    }

    // --- the loop --------------------------------------------------------------------------------

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                BatchResult result;
                do {
                    result = relayBatch();
                } while (running && result == BatchResult.MORE);
                backoff = result == BatchResult.FAILED
                        ? min(backoff.isZero() ? settings.pollInterval() : backoff.multipliedBy(2), settings.maxBackoff())
                        : Duration.ZERO;
                housekeeping();
            } catch (RuntimeException e) {
                log.warn("Outbox relay pass failed, retrying: {}", e.toString());
                backoff = min(backoff.isZero() ? settings.pollInterval() : backoff.multipliedBy(2), settings.maxBackoff());
            }
            if (!backoff.isZero()) {
                sleep(backoff);
            } else {
                awaitWakeUp();
            }
        }
        closeListenConnection();
    }

    private enum BatchResult { EMPTY, DONE, MORE, FAILED, LOCKED }

    private BatchResult relayBatch() {
        BatchResult result = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY);
            if (!Boolean.TRUE.equals(locked)) {
                return BatchResult.LOCKED;
            }
            List<Row> rows = jdbc.query(SELECT_BATCH, (rs, i) -> new Row(rs.getObject("id", UUID.class),
                    rs.getString("topic"), rs.getString("record_key"), rs.getString("event_type"),
                    rs.getString("payload"), rs.getString("traceparent"), rs.getTimestamp("created_at").toInstant()),
                    settings.batchSize());
            if (rows.isEmpty()) {
                return BatchResult.EMPTY;
            }
            int sent = send(rows);
            if (sent > 0) {
                jdbc.batchUpdate("update outbox_event set published_at = now() where id = ?",
                        rows.subList(0, sent).stream().map(r -> new Object[]{r.id()}).toList());
            }
            if (sent < rows.size()) {
                return BatchResult.FAILED;
            }
            return rows.size() == settings.batchSize() ? BatchResult.MORE : BatchResult.DONE;
        });
        if (result == BatchResult.DONE) {
            // Rows committed while this batch ran may have notified before we looked: look once more.
            return BatchResult.MORE;
        }
        return result;
    }

    /** Sends the rows in order, pipelined; returns how many, from the first, Kafka acknowledged. */
    private int send(List<Row> rows) {
        List<CompletableFuture<SendResult<String, Object>>> futures = new ArrayList<>(rows.size());
        List<Long> started = new ArrayList<>(rows.size());
        for (Row row : rows) {
            try {
                started.add(System.nanoTime());
                futures.add(kafka.send(record(row)));
            } catch (RuntimeException e) {
                // e.g. no metadata within max.block.ms: nothing after this row may be sent before it.
                futures.add(CompletableFuture.failedFuture(e));
                break;
            }
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        int acknowledged = 0;
        for (int i = 0; i < futures.size(); i++) {
            Row row = rows.get(i);
            try {
                futures.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                log.warn("Outbox relay: sending event {} ({}) to {} failed, {} row(s) stay pending and are retried: {}",
                        row.id(), row.eventType(), row.topic(), rows.size() - i, cause.toString());
                break;
            }
            long now = System.nanoTime();
            sendLatency.record(now - started.get(i), TimeUnit.NANOSECONDS);
            commitToAck.record(Duration.between(row.createdAt(), Instant.now()));
            publishedCounter(row.topic()).increment();
            acknowledged++;
        }
        return acknowledged;
    }

    private ProducerRecord<String, Object> record(Row row) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add(new RecordHeader("ce_id", bytes(row.id().toString())));
        record.headers().add(new RecordHeader("ce_type", bytes(row.eventType())));
        record.headers().add(new RecordHeader("ce_source", bytes(source)));
        record.headers().add(new RecordHeader("ce_specversion", bytes(EventEnvelope.SPEC_VERSION)));
        if (row.traceparent() != null) {
            record.headers().add(new RecordHeader("traceparent", bytes(row.traceparent())));
        }
        return record;
    }

    private Counter publishedCounter(String topic) {
        return publishedCounters.computeIfAbsent(topic, t -> Counter.builder("loa.outbox.published")
                .description("Outbox rows published to Kafka")
                .tag("topic", t)
                .register(meters));
    }

    private void housekeeping() {
        Instant now = Instant.now();
        if (now.isAfter(nextPendingCount)) {
            Long count = jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class);
            pending.set(count == null ? 0 : count);
            nextPendingCount = now.plusSeconds(1);
        }
        if (now.isAfter(nextCleanup)) {
            nextCleanup = now.plus(settings.cleanupInterval());
            cleanup();
        }
    }

    /** Deletes rows published longer than the retention ago. Returns how many. */
    public int cleanup() {
        int deleted = jdbc.update("delete from outbox_event where published_at < now() - (? * interval '1 second')",
                settings.retention().toSeconds());
        if (deleted > 0) {
            log.info("Outbox cleanup: deleted {} row(s) published more than {} ago", deleted, settings.retention());
        }
        return deleted;
    }

    // --- waiting ---------------------------------------------------------------------------------

    private void awaitWakeUp() {
        if (!settings.listenNotify()) {
            sleep(settings.pollInterval());
            return;
        }
        long deadline = System.nanoTime() + settings.pollInterval().toNanos();
        try {
            PGConnection pg = listenConnection();
            // Short waits, so that stop() is seen soon whatever the poll interval (a socket read is not interruptible).
            while (running) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                PGNotification[] notifications = pg.getNotifications(
                        (int) Math.max(1, Math.min(WAKE_CHECK.toMillis(), remaining / 1_000_000)));
                if (notifications != null && notifications.length > 0) {
                    log.trace("Outbox relay woken by {} notification(s)", notifications.length);
                    return;
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (running) {
                log.warn("Outbox relay: LISTEN connection failed, polling every {} until it is back: {}",
                        settings.pollInterval(), e.toString());
            }
            closeListenConnection();
            sleep(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    private PGConnection listenConnection() throws SQLException {
        if (listenConnection == null || listenConnection.isClosed()) {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            listenConnection = connection;
        }
        return listenConnection.unwrap(PGConnection.class);
    }

    private void closeListenConnection() {
        if (listenConnection != null) {
            try {
                try (Statement statement = listenConnection.createStatement()) {
                    statement.execute("unlisten *");
                } catch (SQLException ignored) {
                    // the connection may be broken already
                }
                listenConnection.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
            listenConnection = null;
        }
    }

    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        // Short naps so that stop() is not kept waiting by a long back-off.
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private record Row(UUID id, String topic, String key, String eventType, String payload, String traceparent,
                       Instant createdAt) {
    }

    /**
     * @param batchSize       rows per transaction
     * @param pollInterval    longest wait without a notification (the fallback when NOTIFY is lost)
     * @param sendTimeout     how long a batch waits for Kafka's acknowledgements
     * @param maxBackoff      longest wait after failed sends
     * @param listenNotify    wake on PostgreSQL notifications (else poll only)
     * @param retention       how long published rows are kept
     * @param cleanupInterval how often published rows past the retention are deleted
     */
    public record Settings(int batchSize, Duration pollInterval, Duration sendTimeout, Duration maxBackoff,
                           boolean listenNotify, Duration retention, Duration cleanupInterval) {
    }
}
