package vn.loa.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import vn.loa.testsupport.Figures;
import vn.loa.testsupport.TestTokens;

/**
 * The gateway's overhead: the same GET through the gateway and directly to the backend, measured
 * side by side in one run (rounds alternate between the two so that a busy machine hurts both
 * alike), printed as p50 / p99 latency and throughput with their ratios.
 *
 * <pre>
 * ./mvnw -pl gateway -am verify -Dloa.skipInfraTests=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dit.test=GatewayOverheadBenchmark [-Dbench.concurrency=8 -Dbench.seconds=5 -Dbench.rounds=3 -Dbench.warmup=3000]
 * </pre>
 *
 * By default it starts its own backend (a Reactor Netty server answering a 1 KB plan JSON) and a
 * gateway in-process. To measure a running stack instead: {@code -Dbench.gateway=http://localhost:8080
 * -Dbench.direct=http://localhost:8081 -Dbench.path=/api/plans/<id> -Dbench.token=<access token>}.
 * Not an IT (it does not match *IT): it runs only when asked for.
 */
class GatewayOverheadBenchmark {

    private static final String PLAN_JSON = planJson();

    private final int concurrency = Integer.getInteger("bench.concurrency", 8);
    private final int seconds = Integer.getInteger("bench.seconds", 5);
    private final int rounds = Integer.getInteger("bench.rounds", 3);

    @Test
    void measuresTheGatewayAgainstTheDirectPath() throws Exception {
        String gateway = System.getProperty("bench.gateway");
        String direct = System.getProperty("bench.direct");
        String path = System.getProperty("bench.path", "/api/plans/3f1c2a9e-6b1d-4c55-9a0e-2f6d1e7b8c90");
        String bearer = System.getProperty("bench.token") == null
                ? TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh")
                : "Bearer " + System.getProperty("bench.token");
        DisposableServer backend = null;
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        // name -> gateway base URL, in the order of the table
        Map<String, String> gateways = new LinkedHashMap<>();
        try {
            if (gateway == null) {
                backend = startBackend();
                direct = "http://127.0.0.1:" + backend.port();
                for (Map.Entry<String, List<String>> variant : variants().entrySet()) {
                    ConfigurableApplicationContext context = startGateway(direct, variant.getValue());
                    contexts.add(context);
                    gateways.put(variant.getKey(),
                            "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
                }
            }
            else {
                gateways.put("gateway", gateway);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest toBackend = HttpRequest.newBuilder(URI.create(direct + path))
                    .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).GET().build();
            Map<String, HttpRequest> viaGateway = new LinkedHashMap<>();
            Map<String, List<String>> variants = variants();
            gateways.forEach((name, url) -> {
                // "@path=/x" measures another path through this gateway; "@anonymous" sends no token.
                List<String> options = variants.getOrDefault(name, List.of());
                String variantPath = options.stream().filter(o -> o.startsWith("@path=")).map(o -> o.substring(6))
                        .findFirst().orElse(path);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + variantPath))
                        .timeout(Duration.ofSeconds(10)).GET();
                if (!options.contains("@anonymous")) {
                    request.header("Authorization", bearer);
                }
                viaGateway.put(name, request.build());
            });

            // Warm-up by count (the JIT needs thousands of calls), bounded in time on a slow machine.
            int warmUpRequests = Integer.getInteger("bench.warmup", 3000);
            run(http, toBackend, 60, warmUpRequests);
            for (HttpRequest request : viaGateway.values()) {
                run(http, request, 60, warmUpRequests);
            }

            // Rounds alternate between the targets so that a busy machine hurts all of them alike.
            Result directTotal = new Result();
            Map<String, Result> totals = new LinkedHashMap<>();
            viaGateway.keySet().forEach(name -> totals.put(name, new Result()));
            for (int round = 0; round < rounds; round++) {
                directTotal.add(run(http, toBackend, seconds, Long.MAX_VALUE));
                for (Map.Entry<String, HttpRequest> target : viaGateway.entrySet()) {
                    totals.get(target.getKey()).add(run(http, target.getValue(), seconds, Long.MAX_VALUE));
                }
            }
            print(path, directTotal, totals);
            record(directTotal, totals);
            assertThat(directTotal.errors.get()).as("failed direct requests").isZero();
            totals.forEach((name, total) -> {
                assertThat(total.errors.get()).as("failed requests through " + name).isZero();
                assertThat(total.histogram.getTotalCount()).isPositive();
            });
        }
        finally {
            for (ConfigurableApplicationContext context : contexts) {
                context.close();
            }
            if (backend != null) {
                backend.disposeNow();
            }
        }
    }

    /**
     * The gateways to compare, from {@code -Dbench.variants=name=--arg|--arg;name2=...} (each a
     * gateway of its own with these extra arguments, measured in the same rounds), or one gateway
     * named {@code gateway} with {@code -Dbench.args=--arg,--arg}.
     */
    private static Map<String, List<String>> variants() {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        String spec = System.getProperty("bench.variants", "");
        if (spec.isBlank()) {
            List<String> args = new ArrayList<>();
            for (String arg : System.getProperty("bench.args", "").split(",")) {
                if (!arg.isBlank()) {
                    args.add(arg.trim());
                }
            }
            variants.put("gateway", args);
            return variants;
        }
        for (String variant : spec.split(";")) {
            if (variant.isBlank()) {
                continue;
            }
            int equals = variant.indexOf('=');
            String name = (equals < 0 ? variant : variant.substring(0, equals)).trim();
            List<String> args = new ArrayList<>();
            if (equals >= 0) {
                for (String arg : variant.substring(equals + 1).split("\\|")) {
                    if (!arg.isBlank()) {
                        args.add(arg.trim());
                    }
                }
            }
            variants.put(name, args);
        }
        return variants;
    }

    /** Figures for ./loa bench (infra/bench), when it asks for them with -Dbench.out (test-support's Figures). */
    private static void record(Result direct, Map<String, Result> gateways) {
        Figures.record("gateway.direct.p50_ms", direct.p50());
        Figures.record("gateway.direct.p99_ms", direct.p99());
        Figures.record("gateway.direct.rps", direct.throughput());
        Figures.record("gateway.direct.cpu_us_per_request", direct.cpuMicros());
        Figures.distribution("gateway.direct", direct.histogram, 1e3);
        gateways.forEach((name, r) -> {
            Figures.record("gateway." + name + ".p50_ms", r.p50());
            Figures.record("gateway." + name + ".p99_ms", r.p99());
            Figures.record("gateway." + name + ".rps", r.throughput());
            Figures.record("gateway." + name + ".ratio_p50", r.p50() / direct.p50());
            Figures.record("gateway." + name + ".ratio_p99", r.p99() / direct.p99());
            Figures.record("gateway." + name + ".ratio_rps", r.throughput() / direct.throughput());
            Figures.record("gateway." + name + ".cpu_us_per_request", r.cpuMicros());
            Figures.record("gateway." + name + ".own_cpu_us_per_request", r.cpuMicros() - direct.cpuMicros());
            Figures.distribution("gateway." + name, r.histogram, 1e3);
        });
    }

    private Result run(HttpClient http, HttpRequest request, int durationSeconds, long maxRequests) throws Exception {
        AtomicLong budget = new AtomicLong(maxRequests);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(durationSeconds).toNanos();
        List<Future<Result>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                Result result = new Result();
                while (System.nanoTime() < end && budget.getAndDecrement() > 0) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            result.errors.incrementAndGet();
                            result.lastError = response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
                        }
                    }
                    catch (IOException e) {
                        result.errors.incrementAndGet();
                        result.lastError = e.toString();
                    }
                    result.histogram.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
                }
                return result;
            }));
        }
        Result merged = new Result();
        for (Future<Result> worker : workers) {
            merged.add(worker.get());
        }
        merged.elapsedNanos = System.nanoTime() - start;
        merged.cpuNanos = processCpuNanos() - cpuBefore;
        pool.shutdown();
        return merged;
    }

    private void print(String path, Result direct, Map<String, Result> gateways) {
        StringBuilder out = new StringBuilder("\n");
        out.append(String.format(Locale.ROOT, "Gateway overhead: GET %s, %d concurrent clients, %d rounds x %d s per target%n",
                path, concurrency, rounds, seconds));
        out.append(String.format(Locale.ROOT, "%-12s %10s %10s %9s %9s %7s %11s %s%n", "target", "requests", "req/s", "p50 ms",
                "p99 ms", "errors", "CPU us/req", "ratio to direct (p50, p99, throughput); gateway's own CPU per request"));
        out.append(String.format(Locale.ROOT, "%-12s %10d %10.0f %9.2f %9.2f %7d %11.0f%n", "direct",
                direct.histogram.getTotalCount(), direct.throughput(), direct.p50(), direct.p99(), direct.errors.get(),
                direct.cpuMicros()));
        gateways.forEach((name, r) -> out.append(String.format(Locale.ROOT,
                "%-12s %10d %10.0f %9.2f %9.2f %7d %11.0f x%.2f, x%.2f, x%.2f; +%.0f us%n", name,
                r.histogram.getTotalCount(), r.throughput(), r.p50(), r.p99(), r.errors.get(), r.cpuMicros(),
                r.p50() / direct.p50(), r.p99() / direct.p99(), r.throughput() / direct.throughput(),
                r.cpuMicros() - direct.cpuMicros())));
        if (direct.lastError != null) {
            out.append("last error direct: ").append(direct.lastError).append('\n');
        }
        gateways.forEach((name, r) -> {
            if (r.lastError != null) {
                out.append("last error ").append(name).append(": ").append(r.lastError).append('\n');
            }
        });
        out.toString().lines().filter(line -> !line.isBlank()).forEach(line -> System.out.println("[benchmark] " + line));
    }

    private static DisposableServer startBackend() {
        byte[] body = PLAN_JSON.getBytes(StandardCharsets.UTF_8);
        return HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.header("Content-Type", "application/json")
                        .header("Content-Length", Integer.toString(body.length))
                        .sendByteArray(Mono.just(body)))
                .bindNow();
    }

    private static ConfigurableApplicationContext startGateway(String backend, List<String> extra) {
        // Command-line arguments: they outrank application.yml (builder properties would not).
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--loa.services.plan.uri=" + backend,
                "--loa.services.activity.uri=" + backend,
                "--loa.services.reporting.uri=" + backend,
                "--loa.services.notification.uri=" + backend,
                "--loa.auth.signing-key=" + TestKeys.signingKeyPem(),
                "--loa.auth.issuer.uri=" + TestKeys.ISSUER,
                // Some users, or the gateway does not start; the benchmark's requests carry TestTokens.
                "--loa.demo-data.enabled=true",
                "--loa.limits.per-user.enabled=false",
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "--logging.level.root=WARN"));
        // Extra gateway settings to compare (bench.variants / bench.args); "@..." are options of the benchmark.
        extra.stream().filter(arg -> !arg.startsWith("@")).forEach(args::add);
        return new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
    }

    private static String planJson() {
        return """
                {"id":"3f1c2a9e-6b1d-4c55-9a0e-2f6d1e7b8c90","orgUnit":"lien-minh","year":2022,"status":"ISSUED",
                 "documentNumber":"05/KH-UBND","title":"Kế hoạch tuyên truyền cải cách hành chính năm 2022",
                 "purposes":["Nâng cao nhận thức của cán bộ, công chức và Nhân dân về cải cách hành chính"],
                 "targets":[{"code":"T1","description":"Phát thanh về CCHC trên hệ thống truyền thanh cơ sở",
                 "indicator":"COUNT","yearlyValue":12,"channel":"RADIO","unit":"van-hoa-thong-tin"},
                 {"code":"T2","description":"Pano, áp phích tuyên truyền","indicator":"COUNT","yearlyValue":2,
                 "channel":"PANEL_POSTER","unit":"van-hoa-thong-tin"}],
                 "channels":["RADIO","WEBSITE","PANEL_POSTER","MEETING","LAW_DAY","POSTAL_SERVICE"],
                 "budget":[{"source":"COMMUNE","amountVnd":5000000}],
                 "assignments":[{"unit":"van-hoa-thong-tin","role":"LEAD","duties":"Tham mưu, tổng hợp, báo cáo"}]}
                """;
    }

    /**
     * CPU time of this JVM (client, gateway and backend all run in it): per request, it does not
     * depend on what else the machine runs, unlike latency and throughput.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static final class Result {
        final Histogram histogram = new Histogram(60_000_000L, 3);
        final AtomicLong errors = new AtomicLong();
        long elapsedNanos;
        long cpuNanos;
        volatile String lastError;

        void add(Result other) {
            histogram.add(other.histogram);
            errors.addAndGet(other.errors.get());
            if (other.lastError != null) {
                lastError = other.lastError;
            }
            elapsedNanos += other.elapsedNanos;
            cpuNanos += other.cpuNanos;
        }

        /** CPU microseconds of the whole JVM per request. */
        double cpuMicros() {
            return histogram.getTotalCount() == 0 ? 0 : cpuNanos / 1000.0 / histogram.getTotalCount();
        }

        double throughput() {
            return elapsedNanos == 0 ? 0 : histogram.getTotalCount() / (elapsedNanos / 1e9);
        }

        double p50() {
            return histogram.getValueAtPercentile(50) / 1000.0;
        }

        double p99() {
            return histogram.getValueAtPercentile(99) / 1000.0;
        }
    }
}
