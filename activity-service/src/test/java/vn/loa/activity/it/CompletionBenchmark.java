package vn.loa.activity.it;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.activity.lifecycle.ActivityService;
import vn.loa.activity.lifecycle.NewActivity;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;
import vn.loa.testsupport.Figures;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throughput of completions through the service: HTTP → security → lock check → update → outbox row, with
 * the relay publishing to Kafka alongside. Not a test (no *IT/*Tests name, so no build runs it); run it with
 * {@code -Dit.test=CompletionBenchmark} (see the README). Settings: {@code loa.benchmark.activities} (2000),
 * {@code loa.benchmark.concurrency} (8), {@code loa.benchmark.warmup} (200).
 */
class CompletionBenchmark extends IntegrationTestSupport {

    @Autowired
    ActivityService activities;

    @Test
    void completions() throws Exception {
        int n = Integer.getInteger("loa.benchmark.activities", 2000);
        int concurrency = Integer.getInteger("loa.benchmark.concurrency", 8);
        int warmup = Integer.getInteger("loa.benchmark.warmup", 200);
        String commune = "an-dung";
        String officer = officerOf(commune);
        UUID plan = issuedPlan(commune);
        CurrentUser caller = new CurrentUser("andung.vhtt", java.util.Set.of(Roles.COMMUNE_OFFICER), commune);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n + warmup; i++) {
            ids.add(activities.create(caller, new NewActivity(plan, "Chuyên mục CCHC số " + i, "RADIO", List.of("a"),
                    List.of("CT-RADIO"), "van-hoa-thong-tin", List.of("noi-vu"), LocalDate.of(2022, 6, 30),
                    BigDecimal.ONE)).id());
        }
        String body = Http.json(completion(LocalDate.of(2022, 6, 15), 4));

        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            run(pool, ids.subList(0, warmup), officer, body, new Histogram(3));
            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
            List<UUID> measured = ids.subList(warmup, ids.size());
            long start = System.nanoTime();
            int failures = run(pool, measured, officer, body, latency);
            double seconds = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                    measured.stream().allMatch(id -> !ActivityTopic.ofType("activity-completed", id).isEmpty()));
            double toKafka = (System.nanoTime() - start) / 1e9;

            String report = String.format("""
                    activity-service completion benchmark
                      completions: %d (after %d warm-up), concurrency: %d HTTP clients, failures: %d
                      throughput: %.1f completions/s
                      latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms
                      all %d activity-completed events on Kafka after %.1f s (%.1f events/s end to end)
                      machine: %d cores available to the JVM (shared); PostgreSQL and Kafka embedded in the same JVM
                    """, measured.size(), warmup, concurrency, failures, measured.size() / seconds,
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0,
                    measured.size(), toKafka, measured.size() / toKafka, Runtime.getRuntime().availableProcessors());
            report.lines().forEach(line -> System.out.println("[benchmark] " + line));
            write(report);
            figure("completion.per_s", measured.size() / seconds);
            figure("completion.p50_ms", latency.getValueAtPercentile(50) / 1000.0);
            figure("completion.p99_ms", latency.getValueAtPercentile(99) / 1000.0);
            Figures.distribution("completion", latency, 1e3);
            figure("completion.to_kafka_events_per_s", measured.size() / toKafka);
            assertThat(failures).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private int run(ExecutorService pool, List<UUID> ids, String officer, String body, Histogram latency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < ids.size()) {
                    long t0 = System.nanoTime();
                    // scheduled just before: version 1
                    Http.Response r = http.post("/api/activities/" + ids.get(i) + "/complete", officer, body,
                            java.util.Map.of("If-Match", "\"1\""));
                    long micros = (System.nanoTime() - t0) / 1000;
                    synchronized (latency) {
                        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                    }
                    if (r.status() != 200) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        return failures.get();
    }

    /** A figure for ./loa bench (infra/bench), when it asks for them with -Dbench.out. */
    private static void figure(String id, double value) throws IOException {
        String out = System.getProperty("bench.out");
        if (out == null) {
            return;
        }
        Path file = Path.of(out, "figures.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, id + "=" + String.format(java.util.Locale.ROOT, "%.4f", value) + "\n",
                java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static void write(String report) throws IOException {
        Path out = Path.of("target", "completion-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }
}
