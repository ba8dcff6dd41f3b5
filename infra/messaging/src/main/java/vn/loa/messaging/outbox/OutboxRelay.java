package vn.loa.messaging.outbox;

import io.micrometer.core.instrument.Counter;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>
 * A row Kafka can never take as it is ({@link SendFailures#isPermanent}: too large, unserializable, not
 * authorized, invalid topic) is <em>parked</em> instead: it and the later rows of its key stay where they
 * are (a key's events keep their order), every other key keeps flowing. Operators list and replay parked
 * rows ({@link OutboxParking}); {@link OutboxMonitor} counts them and judges the relay's health from the
 * outside.
 */
public class OutboxRelay implements SmartLifecycle {

    public static final String CHANNEL = "loa_outbox";
    /** Key of the advisory lock held while relaying (one database per service, so a constant is enough). */
    static final long LOCK_KEY = 0x4C4F415F4F424F58L; // "LOA_OBOX"

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Longest the relay waits before it looks at the stop flag again. */
    private static final Duration WAKE_CHECK = Duration.ofMillis(500);

    /**
     * The next rows to send: not published, not parked, and not behind a parked row of their key (a key's
     * events keep their order; rows without a key are never held).
     */
    private static final String SELECT_BATCH = """
            select o.id, o.topic, o.record_key, o.event_type, o.payload, o.traceparent, o.created_at
            from outbox_event o
            where o.published_at is null and o.parked_at is null
              and not exists (select 1 from outbox_event p
                              where p.parked_at is not null and p.published_at is null
                                and p.record_key = o.record_key and p.seq < o.seq)
            order by o.seq
            limit ?
            for update of o skip locked""";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, Object> kafka;
    private final String source;
    private final Settings settings;
    private final String name;

    private final Map<String, Counter> publishedCounters = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Timer sendLatency;
    private final Timer commitToAck;

    private volatile boolean running;
    private volatile Thread thread;
    private Connection listenConnection;
    private Instant nextCleanup = Instant.EPOCH;
    /** Written by the relay thread, judged by {@link OutboxMonitor}: when a pass last ended without failure. */
    private volatile Instant lastSuccessfulPass;
    private volatile Instant startedAt;
    /** Closes the producer so that the next send makes a new one (null: no such recovery). */
    private volatile Runnable producerReset;
    /** The last transient send failure of this pass, and since when passes have been failing (relay thread only). */
    private Throwable lastSendFailure;
    private Instant failingSince;
    private Counter producerResets;

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
        this.sendLatency = Timer.builder("loa.outbox.send.latency")
                .description("Time from handing an outbox row to the producer to Kafka's acknowledgement")
                .publishPercentileHistogram()
                .register(meters);
        this.commitToAck = Timer.builder("loa.outbox.delay")
                .description("Time from writing an outbox row to Kafka's acknowledgement")
                .publishPercentileHistogram()
                .register(meters);
    }

    /**
     * How to recreate the producer. The relay calls it when a send failed with an error the Kafka client
     * calls fatal ({@link SendFailures#requiresNewProducer}), and when sends have failed for longer than three
     * send timeouts in a row (an indefinite failure, e.g. a broker gone for longer than {@code delivery.timeout.ms}):
     * a producer that is wedged then gets a fresh start, one that is not loses nothing (the rows stay pending
     * and are sent again; consumers absorb the copies by event id).
     */
    public void setProducerReset(Runnable producerReset) {
        this.producerReset = producerReset;
    }

    // --- lifecycle -------------------------------------------------------------------------------

    /** Starts the relay thread; also starts a new one if the previous thread died (see {@link #isThreadAlive()}). */
    @Override
    public synchronized void start() {
        Thread previous = thread;
        if (running && previous != null && previous.isAlive()) {
            return;
        }
        if (running && previous != null) {
            log.warn("Outbox relay thread {} had died; starting a new one", previous.getName());
        }
        running = true;
        startedAt = Instant.now();
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((dead, e) ->
                log.error("Outbox relay thread {} died: nothing is relayed by this instance until it is restarted", dead.getName(), e));
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

    /**
     * Whether the relay thread is alive, seen from outside it. False after {@link #stop()}, and when the
     * thread died (killed, interrupted, or an {@link Error}) while the relay was meant to be running.
     */
    public boolean isThreadAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** When a pass last ended without an exception or a failed send (rows sent, nothing to send, or another
     * instance relaying); the start time until the first pass; null before {@link #start()}. */
    public Instant lastSuccessfulPass() {
        Instant last = lastSuccessfulPass;
        return last != null ? last : startedAt;
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
                if (result != BatchResult.FAILED) {
                    lastSuccessfulPass = Instant.now();
                    failingSince = null;
                } else {
                    recoverProducerIfNeeded();
                }
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

    private void recoverProducerIfNeeded() {
        Instant now = Instant.now();
        if (failingSince == null) {
            failingSince = now;
        }
        Throwable failure = lastSendFailure;
        lastSendFailure = null;
        boolean fatal = failure != null && SendFailures.requiresNewProducer(failure);
        boolean indefinite = Duration.between(failingSince, now).compareTo(settings.sendTimeout().multipliedBy(3)) > 0;
        Runnable reset = producerReset;
        if (reset == null || !(fatal || indefinite)) {
            return;
        }
        log.warn("Outbox relay: recreating the Kafka producer ({}); pending rows are sent again by the new one",
                fatal ? "fatal error: " + failure : "sends failing since " + failingSince);
        try {
            reset.run();
            if (producerResets == null) {
                producerResets = Counter.builder("loa.outbox.producer.recreated")
                        .description("Kafka producers the outbox relay closed and replaced after a fatal or lasting failure")
                        .register(meters);
            }
            producerResets.increment();
        } catch (RuntimeException e) {
            log.warn("Outbox relay: closing the Kafka producer failed: {}", e.toString());
        }
        failingSince = now; // the next reset, if it must come, after another three send timeouts
    }

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
            Outcome outcome = send(rows);
            if (!outcome.published().isEmpty()) {
                // One statement for the batch (issue 17.3), not one per row.
                jdbc.update("update outbox_event set published_at = now() where id = any(?)",
                        (Object) outcome.published().stream().map(Row::id).toArray(UUID[]::new));
            }
            for (Parked p : outcome.parked()) {
                park(p);
            }
            if (outcome.transientFailure()) {
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

    /**
     * Sends the rows in order, pipelined, and waits for Kafka. Published: the rows Kafka acknowledged before
     * the first transient failure. Parked: the rows Kafka can never take, whether the producer refused them
     * at once (too large, unserializable: then the later rows of the key are not even sent) or the broker
     * did (then later rows of the key may already be out; they count as published).
     */
    private Outcome send(List<Row> rows) {
        List<Attempt> attempts = new ArrayList<>(rows.size());
        List<Parked> parked = new ArrayList<>();
        Set<String> parkedKeys = new HashSet<>();
        for (Row row : rows) {
            if (row.key() != null && parkedKeys.contains(row.key())) {
                continue; // held behind a row of its key parked just now
            }
            long started = System.nanoTime();
            CompletableFuture<SendResult<String, Object>> future;
            try {
                future = kafka.send(record(row));
            } catch (RuntimeException e) {
                // e.g. no metadata within max.block.ms, or a serializer that threw
                future = CompletableFuture.failedFuture(e);
            }
            // The producer refuses some records on the spot (too large, unserializable): known before the next send.
            if (future.isCompletedExceptionally()) {
                Throwable failure = failureOf(future);
                if (SendFailures.isPermanent(failure)) {
                    parked.add(new Parked(row, failure));
                    if (row.key() != null) {
                        parkedKeys.add(row.key());
                    }
                    continue;
                }
                // Transient: nothing after this row may be sent before it.
                attempts.add(new Attempt(row, future, started));
                break;
            }
            attempts.add(new Attempt(row, future, started));
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        List<Row> published = new ArrayList<>(attempts.size());
        boolean transientFailure = false;
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            Row row = attempt.row();
            try {
                attempt.future().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                transientFailure = true;
                break;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (SendFailures.isPermanent(cause)) {
                    if (row.key() != null && parkedKeys.add(row.key()) && laterRowOfKey(attempts, i)) {
                        log.warn("Outbox relay: the broker refused event {} of key {} after later events of that key "
                                + "were sent: they arrive before it (keep the producer's max.request.size at most the "
                                + "topics' max.message.bytes)", row.id(), row.key());
                    }
                    parked.add(new Parked(row, cause));
                    continue;
                }
                log.warn("Outbox relay: sending event {} ({}) to {} failed, {} row(s) stay pending and are retried: {}",
                        row.id(), row.eventType(), row.topic(), attempts.size() - i, cause.toString());
                lastSendFailure = cause;
                transientFailure = true;
                break;
            }
            sendLatency.record(System.nanoTime() - attempt.started(), TimeUnit.NANOSECONDS);
            commitToAck.record(Duration.between(row.createdAt(), Instant.now()));
            publishedCounter(row.topic()).increment();
            published.add(row);
        }
        return new Outcome(published, parked, transientFailure);
    }

    private static boolean laterRowOfKey(List<Attempt> attempts, int index) {
        String key = attempts.get(index).row().key();
        for (int j = index + 1; j < attempts.size(); j++) {
            if (key.equals(attempts.get(j).row().key())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.getNow(null);
            return null;
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** Parks the row in the batch's transaction: the relay skips it, and the later rows of its key, until replayed. */
    private void park(Parked p) {
        Row row = p.row();
        String reason = SendFailures.describe(p.failure());
        jdbc.update("update outbox_event set parked_at = now(), park_reason = ? where id = ?", reason, row.id());
        log.error("Outbox relay: event {} ({}, key {}) to {} can never be sent as it is; it is parked, and the later "
                        + "events of its key wait behind it. Every other key keeps flowing. Fix the cause, then replay it "
                        + "(POST /api/ops/outbox/parked/{}/replay): {}",
                row.id(), row.eventType(), row.key(), row.topic(), row.id(), reason);
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

    private record Attempt(Row row, CompletableFuture<SendResult<String, Object>> future, long started) {
    }

    private record Parked(Row row, Throwable failure) {
    }

    private record Outcome(List<Row> published, List<Parked> parked, boolean transientFailure) {
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
