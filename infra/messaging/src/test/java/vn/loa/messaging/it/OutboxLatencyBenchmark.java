package vn.loa.messaging.it;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.loa.testsupport.LoaIntegrationTest;
import vn.loa.testsupport.Figures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: measures the outbox's commit-to-consume latency (the transaction that wrote the event
 * has committed → a Kafka consumer of the topic receives it) on the real PostgreSQL and Kafka of
 * test-support, and the relay's throughput. Run (see README):
 * <pre>
 * ./mvnw -pl infra/messaging -am verify -Dbenchmark=true -Dit.test=OutboxLatencyBenchmark \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 * Knobs: {@code -Dbenchmark.events=1000 -Dbenchmark.rate=100 -Dbenchmark.burst=2000 -Dbenchmark.warmup=200}.
 * {@code ./loa bench} runs it after {@link PhysicalReferenceBenchmark} in one JVM.
 * <p>
 * The broker runs in a JVM of its own ({@link KafkaBrokerProcess}, options {@code -Dbenchmark.broker-java-opts},
 * default {@code -Xmx512m -XX:+UseSerialGC}), as in production: issue 17.3's goal is stated for that.
 * {@code -Dbenchmark.broker=shared} uses the test JVM's shared in-process broker instead (the figures before
 * 2026-12-06).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@LoaIntegrationTest(classes = TestMessagingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"loa.test.database=messaging_benchmark", "logging.level.vn.loa.messaging=INFO",
                "logging.level.vn.loa.messaging.it=WARN"})
class OutboxLatencyBenchmark {

    /** The broker process of this class's run, if any (one Spring context, so one broker). */
    private static KafkaBrokerProcess broker;

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) throws Exception {
        if ("shared".equals(System.getProperty("benchmark.broker"))) {
            return;
        }
        if (broker == null) {
            broker = KafkaBrokerProcess.start(System.getProperty("benchmark.broker-java-opts", "-Xmx512m -XX:+UseSerialGC"));
            System.out.printf("%nOUTBOX BENCHMARK broker in its own process (pid %d) at %s%n", broker.pid(),
                    broker.bootstrapServers());
        }
        String servers = broker.bootstrapServers();
        registry.add("spring.kafka.bootstrap-servers", () -> servers);
    }

    @Autowired
    ThingService things;
    @Autowired
    TopicObserver observer;
    @Autowired
    JdbcTemplate jdbc;

    /** Event ids of the current phase. */
    private final List<UUID> phase = Collections.synchronizedList(new ArrayList<>());

    /**
     * Per event id, whichever came first: the commit returning to the writer, or the record arriving
     * (under load the consumer can get it before the writer's thread runs again: latency 0).
     */
    private final Map<String, Seen> firstSeen = new ConcurrentHashMap<>();

    private record Seen(boolean arrival, long nanos) {
    }
    private volatile Histogram histogram;
    private volatile CountDownLatch arrivals;
    private final AtomicLong lastArrival = new AtomicLong();

    @Test
    void commitToConsumeLatency() throws Exception {
        int events = Integer.getInteger("benchmark.events", 1000);
        int rate = Integer.getInteger("benchmark.rate", 100);
        int burst = Integer.getInteger("benchmark.burst", 2000);
        observer.onArrival = (eventId, now) -> meet(eventId, new Seen(true, now));
        try {
            paced("warm-up", Integer.getInteger("benchmark.warmup", 200), rate);
            Histogram paced = paced("paced", events, rate);
            Histogram burstLatency = burst("burst", burst);
            assertThat(paced.getTotalCount()).isEqualTo(events);
            assertThat(burstLatency.getTotalCount()).isEqualTo(burst);
        } finally {
            observer.onArrival = null;
        }
    }

    /** One event per transaction, one writer, at {@code rate} per second. */
    private Histogram paced(String name, int count, int rate) throws InterruptedException, java.io.IOException {
        start(count);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = begin + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            commitOne("paced " + i);
        }
        return finish(name, count, begin);
    }

    /** {@code count} events as fast as 4 writers can commit them (one event per transaction). */
    private Histogram burst(String name, int count) throws InterruptedException, java.io.IOException {
        start(count);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        long begin = System.nanoTime();
        for (int w = 0; w < 4; w++) {
            int share = count / 4 + (w < count % 4 ? 1 : 0);
            writers.submit(() -> {
                for (int i = 0; i < share; i++) {
                    commitOne("burst " + i);
                }
            });
        }
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.MINUTES);
        return finish(name, count, begin);
    }

    private void commitOne(String name) {
        UUID eventId = things.create(UUID.randomUUID().toString(), name);
        phase.add(eventId);
        meet(eventId.toString(), new Seen(false, System.nanoTime()));
    }

    /** Records the latency once both the commit and the arrival of the event are known. */
    private void meet(String eventId, Seen seen) {
        firstSeen.compute(eventId, (id, other) -> {
            if (other == null || other.arrival() == seen.arrival()) {
                return seen;
            }
            long committed = seen.arrival() ? other.nanos() : seen.nanos();
            long arrived = seen.arrival() ? seen.nanos() : other.nanos();
            histogram.recordValue(Math.max(0, (arrived - committed) / 1000));
            lastArrival.accumulateAndGet(arrived, Math::max);
            arrivals.countDown();
            return null;
        });
    }

    private void start(int count) {
        phase.clear();
        lastArrival.set(Long.MIN_VALUE);
        histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
        arrivals = new CountDownLatch(count);
    }

    private static String loadAverage() {
        try {
            return String.join(" ", java.util.Arrays.copyOf(
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split("\\s+"), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private Histogram finish(String name, int count, long begin) throws InterruptedException, java.io.IOException {
        if (!arrivals.await(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(name + ": only " + (count - arrivals.getCount()) + " of " + count + " arrived");
        }
        Histogram h = histogram;
        double seconds = (lastArrival.get() - begin) / 1e9;
        System.out.printf("%nOUTBOX BENCHMARK %-8s events=%d  commit-to-consume latency: p50=%.1f ms  p90=%.1f ms"
                        + "  p99=%.1f ms  max=%.1f ms  mean=%.1f ms  throughput=%.0f events/s (first commit to last arrival %.1f s)%n",
                name, count, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getMean() / 1000.0,
                count / seconds, seconds);
        // The relay's share: row inserted (in the transaction) → marked published after Kafka's ack.
        List<Double> relay = jdbc.queryForObject("""
                select array[percentile_cont(0.5) within group (order by d), percentile_cont(0.99) within group (order by d)]
                from (select extract(epoch from published_at - created_at) * 1000 as d
                      from outbox_event where id = any(?)) t""",
                (rs, i) -> List.of((Double[]) rs.getArray(1).getArray()), (Object) phase.toArray(UUID[]::new));
        System.out.printf("OUTBOX BENCHMARK %-8s relay only (row written → published after ack): p50=%.1f ms  p99=%.1f ms"
                        + "  (load average %s)%n", name, relay.get(0), relay.get(1), loadAverage());
        if (!name.equals("warm-up")) {
            // Figures for ./loa bench (infra/bench) when it runs this with -Dbench.out.
            PhysicalReferenceBenchmark.record("outbox." + name + ".p50_ms", h.getValueAtPercentile(50) / 1000.0);
            PhysicalReferenceBenchmark.record("outbox." + name + ".p99_ms", h.getValueAtPercentile(99) / 1000.0);
            PhysicalReferenceBenchmark.record("outbox." + name + ".events_per_s", count / seconds);
            Figures.distribution("outbox." + name, h, 1e3);
            PhysicalReferenceBenchmark.record("outbox." + name + ".relay_p50_ms", relay.get(0));
            Double size = jdbc.queryForObject("select avg(octet_length(payload)) from outbox_event where id = any(?)",
                    Double.class, (Object) phase.toArray(UUID[]::new));
            PhysicalReferenceBenchmark.record("outbox.message_bytes", size == null ? 0 : size);
        }
        return h;
    }
}
