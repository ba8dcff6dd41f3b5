package vn.loa.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        ConfigurableApplicationContext context = null;
        try {
            if (gateway == null) {
                backend = startBackend();
                direct = "http://127.0.0.1:" + backend.port();
                context = startGateway(direct);
                gateway = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest viaGateway = HttpRequest.newBuilder(URI.create(gateway + path))
                    .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).GET().build();
            HttpRequest toBackend = HttpRequest.newBuilder(URI.create(direct + path))
                    .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).GET().build();

            // Warm-up: JIT, connection pools, the gateway's first-route costs.
            // Warm-up by count (the JIT needs thousands of calls), bounded in time on a slow machine.
            int warmUpRequests = Integer.getInteger("bench.warmup", 3000);
            run(http, toBackend, 60, warmUpRequests);
            run(http, viaGateway, 60, warmUpRequests);

            Result directTotal = new Result();
            Result gatewayTotal = new Result();
            for (int round = 0; round < rounds; round++) {
                directTotal.add(run(http, toBackend, seconds, Long.MAX_VALUE));
                gatewayTotal.add(run(http, viaGateway, seconds, Long.MAX_VALUE));
            }
            print(path, directTotal, gatewayTotal);
            assertThat(directTotal.errors.get()).as("failed direct requests").isZero();
            assertThat(gatewayTotal.errors.get()).as("failed requests through the gateway").isZero();
            assertThat(gatewayTotal.histogram.getTotalCount()).isPositive();
        }
        finally {
            if (context != null) {
                context.close();
            }
            if (backend != null) {
                backend.disposeNow();
            }
        }
    }

    private Result run(HttpClient http, HttpRequest request, int durationSeconds, long maxRequests) throws Exception {
        AtomicLong budget = new AtomicLong(maxRequests);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
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
        pool.shutdown();
        return merged;
    }

    private void print(String path, Result direct, Result gateway) {
        StringBuilder out = new StringBuilder("\n");
        out.append(String.format(Locale.ROOT, "Gateway overhead: GET %s, %d concurrent clients, %d rounds x %d s per target%n",
                path, concurrency, rounds, seconds));
        out.append(String.format(Locale.ROOT, "%-9s %10s %12s %10s %10s %8s%n", "target", "requests", "req/s", "p50 ms",
                "p99 ms", "errors"));
        for (var row : List.of(new Object[] {"direct", direct}, new Object[] {"gateway", gateway})) {
            Result r = (Result) row[1];
            out.append(String.format(Locale.ROOT, "%-9s %10d %12.0f %10.2f %10.2f %8d%n", row[0],
                    r.histogram.getTotalCount(), r.throughput(), r.p50(), r.p99(), r.errors.get()));
        }
        out.append(String.format(Locale.ROOT,
                "ratio gateway/direct: p50 x%.2f, p99 x%.2f, throughput x%.2f (added p50 %.2f ms)%n",
                gateway.p50() / direct.p50(), gateway.p99() / direct.p99(), gateway.throughput() / direct.throughput(),
                gateway.p50() - direct.p50()));
        for (Result r : List.of(direct, gateway)) {
            if (r.lastError != null) {
                out.append("last error: ").append(r.lastError).append('\n');
            }
        }
        System.out.println(out);
    }

    private static DisposableServer startBackend() {
        byte[] body = PLAN_JSON.getBytes(StandardCharsets.UTF_8);
        return HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.header("Content-Type", "application/json")
                        .header("Content-Length", Integer.toString(body.length))
                        .sendByteArray(Mono.just(body)))
                .bindNow();
    }

    private static ConfigurableApplicationContext startGateway(String backend) {
        // Command-line arguments: they outrank application.yml (builder properties would not).
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--loa.services.plan.uri=" + backend,
                "--loa.services.activity.uri=" + backend,
                "--loa.services.reporting.uri=" + backend,
                "--loa.services.notification.uri=" + backend,
                "--loa.auth.signing-key=" + TestKeys.signingKeyPem(),
                "--loa.auth.issuer.uri=" + TestKeys.ISSUER,
                "--loa.limits.per-user.enabled=false",
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "--logging.level.root=WARN"));
        // Extra gateway settings to compare, e.g. -Dbench.args=--management.tracing.enabled=false
        String extra = System.getProperty("bench.args", "");
        for (String arg : extra.split(",")) {
            if (!arg.isBlank()) {
                args.add(arg.trim());
            }
        }
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

    private static final class Result {
        final Histogram histogram = new Histogram(60_000_000L, 3);
        final AtomicLong errors = new AtomicLong();
        long elapsedNanos;
        volatile String lastError;

        void add(Result other) {
            histogram.add(other.histogram);
            errors.addAndGet(other.errors.get());
            if (other.lastError != null) {
                lastError = other.lastError;
            }
            elapsedNanos += other.elapsedNanos;
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
