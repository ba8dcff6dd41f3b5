package vn.loa.messaging.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Watches the outbox from outside the relay: it reads the table itself (rows waiting, held behind a parked
 * row, parked, age of the oldest waiting row) and looks at the relay thread (alive, time of its last
 * successful pass), so that a relay that died, hangs or cannot reach Kafka is seen even though it reports
 * nothing. Feeds the {@code outbox} health component and the {@code loa.outbox.*} gauges.
 * <p>
 * The counts are read at most once per {@code refresh}, so scrapes and health checks cost one query.
 */
public class OutboxMonitor implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(OutboxMonitor.class);

    /** How long a caller waits for another caller's read of the counts (as the health components' bound). */
    static final Duration READER_WAIT = Duration.ofSeconds(2);

    /** One pass over the rows not published; "held" = behind a parked row of the same key. */
    private static final String STATS = """
            select count(*) filter (where o.parked_at is null and not h.held) as pending,
                   count(*) filter (where o.parked_at is null and h.held) as held,
                   count(*) filter (where o.parked_at is not null) as parked,
                   greatest(0, extract(epoch from clock_timestamp()
                       - min(o.created_at) filter (where o.parked_at is null and not h.held))) as oldest
            from outbox_event o
            cross join lateral (select exists (select 1 from outbox_event p
                                               where p.parked_at is not null and p.published_at is null
                                                 and p.record_key = o.record_key and p.seq < o.seq) as held) h
            where o.published_at is null""";

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final Thresholds thresholds;
    private final Duration refresh;
    private final Clock clock;

    /** One reader at a time; the others wait at most {@link #READER_WAIT} (a database that does not answer holds it). */
    private final ReentrantLock reading = new ReentrantLock();
    /** The last counts with the time they were read, one reference: a reader never pairs new counts with an old time. */
    private volatile Reading last;

    private record Reading(Stats stats, Instant at) {
    }

    /**
     * @param relay      this instance's relay, or null when it does not relay ({@code relay-enabled=false}):
     *                   then only the table is judged (another instance should be relaying)
     * @param thresholds when the outbox counts as stuck
     * @param refresh    how long counts read from the table are reused
     */
    public OutboxMonitor(DataSource dataSource, OutboxRelay relay, Thresholds thresholds, Duration refresh, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.relay = relay;
        this.thresholds = thresholds;
        this.refresh = refresh;
        this.clock = clock;
    }

    /**
     * The table's counts, at most {@code refresh} old. Throws if the database cannot answer, and, without waiting
     * longer than {@link #READER_WAIT}, while another caller's read has not come back: a query on a connection whose
     * database went silent (a partition) hangs until the socket gives up, and every scrape and health check queued
     * behind it would hold a request thread as long, until the service has none left.
     */
    public Stats stats() {
        Reading held = last;
        if (held != null && held.at().plus(refresh).isAfter(clock.instant())) {
            return held.stats();
        }
        try {
            if (!reading.tryLock(READER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the outbox counts have been read for more than " + READER_WAIT.toMillis()
                        + " ms by another caller: the database does not answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the outbox counts", e);
        }
        try {
            Instant now = clock.instant();
            Reading meanwhile = last;
            if (meanwhile != null && meanwhile.at().plus(refresh).isAfter(now)) {
                return meanwhile.stats(); // read by the caller this one waited for
            }
            Stats read = jdbc.queryForObject(STATS, (rs, i) -> {
                double oldest = rs.getDouble("oldest");
                Duration age = rs.wasNull() ? Duration.ZERO : Duration.ofMillis(Math.round(oldest * 1000));
                return new Stats(rs.getLong("pending"), rs.getLong("held"), rs.getLong("parked"), age);
            });
            last = new Reading(read, now);
            return read;
        } finally {
            reading.unlock();
        }
    }

    /** Forgets the cached counts (tests, and right after an operator's replay). */
    public void refresh() {
        last = null;
    }

    /**
     * Judges the outbox: stuck (with the reasons) when this instance's relay thread is dead or stopped, when
     * its last successful pass is older than {@code maxPassAge}, or when the oldest row waiting to be sent is
     * older than {@code maxPendingAge}. Parked rows do not make it stuck (they hold only their own key);
     * they are shown, counted in {@code loa.outbox.parked} and alerted on.
     */
    public Verdict verdict() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Instant now = clock.instant();
        if (relay == null) {
            details.put("relay", "not in this instance (loa.messaging.outbox.relay-enabled=false)");
        } else {
            boolean running = relay.isRunning();
            boolean alive = relay.isThreadAlive();
            details.put("relay", alive ? "running" : running ? "thread dead" : "stopped");
            if (running && !alive) {
                problems.add("the relay thread of this instance is dead: restart the instance");
            } else if (!running) {
                problems.add("the relay of this instance is stopped");
            }
            Instant last = relay.lastSuccessfulPass();
            if (last != null) {
                Duration since = Duration.between(last, now);
                details.put("lastSuccessfulPass", last.toString());
                details.put("sinceLastSuccessfulPass", since.toString());
                if (alive && since.compareTo(thresholds.maxPassAge()) > 0) {
                    problems.add("no successful relay pass for " + since.toSeconds() + " s (more than "
                            + thresholds.maxPassAge().toSeconds() + " s): Kafka unreachable or refusing, or the relay hangs");
                }
            }
        }
        try {
            Stats s = stats();
            details.put("pending", s.pending());
            details.put("oldestPendingAge", s.oldestPendingAge().toString());
            details.put("held", s.held());
            details.put("parked", s.parked());
            if (s.oldestPendingAge().compareTo(thresholds.maxPendingAge()) > 0) {
                problems.add("the oldest row waiting to be sent is " + s.oldestPendingAge().toSeconds()
                        + " s old (more than " + thresholds.maxPendingAge().toSeconds() + " s)");
            }
            if (s.parked() > 0) {
                details.put("parkedRows", "GET /api/ops/outbox/parked; replay once the cause is fixed");
            }
        } catch (RuntimeException e) {
            log.debug("Outbox health: cannot read the outbox: {}", e.toString());
            problems.add("cannot read the outbox: " + e.getClass().getSimpleName());
        }
        details.put("maxPendingAge", thresholds.maxPendingAge().toString());
        details.put("maxPassAge", thresholds.maxPassAge().toString());
        if (!problems.isEmpty()) {
            details.put("problems", problems);
        }
        return new Verdict(problems.isEmpty(), details);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("loa.outbox.pending", this, m -> m.read(Stats::pending))
                .description("Outbox rows waiting to be sent to Kafka (not parked, not held behind a parked row)")
                .register(registry);
        Gauge.builder("loa.outbox.held", this, m -> m.read(Stats::held))
                .description("Outbox rows held behind a parked row of their key (sent after it is replayed)")
                .register(registry);
        Gauge.builder("loa.outbox.parked", this, m -> m.read(Stats::parked))
                .description("Outbox rows Kafka can never take as they are (too large, not authorized, ...): replay once fixed")
                .register(registry);
        Gauge.builder("loa.outbox.oldest.pending.age", this, m -> m.read(s -> s.oldestPendingAge().toMillis() / 1000.0))
                .description("Age of the oldest outbox row waiting to be sent")
                .baseUnit("seconds")
                .register(registry);
        if (relay != null) {
            Gauge.builder("loa.outbox.relay.alive", relay, r -> r.isThreadAlive() ? 1 : 0)
                    .description("1 while this instance's outbox relay thread is alive")
                    .register(registry);
        }
    }

    private double read(java.util.function.ToDoubleFunction<Stats> value) {
        try {
            return value.applyAsDouble(stats());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * @param pending          rows waiting to be sent
     * @param held             rows waiting behind a parked row of their key
     * @param parked           rows parked
     * @param oldestPendingAge age of the oldest waiting row (zero when none)
     */
    public record Stats(long pending, long held, long parked, Duration oldestPendingAge) {
    }

    /** @param healthy false when the outbox is stuck; details for the health endpoint */
    public record Verdict(boolean healthy, Map<String, Object> details) {
    }

    /**
     * @param maxPendingAge the oldest row waiting to be sent may be this old
     * @param maxPassAge    the relay's last successful pass may be this old
     */
    public record Thresholds(Duration maxPendingAge, Duration maxPassAge) {
    }
}
