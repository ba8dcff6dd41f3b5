package vn.loa.activity.bench;

import tools.jackson.databind.JsonNode;
import vn.loa.activity.Http;
import vn.loa.activity.Upstream;
import vn.loa.testsupport.LoaInfrastructure;
import vn.loa.testsupport.PostgresServer;
import vn.loa.testsupport.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * activity-service alone under {@code wrk} (issue 17.3): the service as its own process, started from its
 * executable jar with the JVM options of the local stack ({@code LOA_SERVICE_JAVA_OPTS}'s default), on PostgreSQL
 * and Kafka of this JVM (test-support's embedded ones); the load from {@code wrk} as another process. Not a test:
 * run it with {@code java} on the test class path (README, "Benchmarks"). Steps: a plan of its own commune, then
 * {@code bench.activities} activities scheduled by CSV imports of 5,000 rows (each timed), a warm-up, then
 * {@code wrk -t2 -c<connections> -d<duration>} of completions (POST …/complete with If-Match and a token), then
 * how long until the outbox was empty (every activity-completed on Kafka). Prints one line of figures per run.
 *
 * <p>System properties: {@code bench.jar} (the service's exec jar), {@code bench.label}, {@code bench.activities}
 * (20000), {@code bench.connections} (comma-separated, "8"), {@code bench.duration} ("30s"), {@code bench.warmup}
 * ("10s"), {@code bench.javaOpts} (the local stack's), {@code bench.out} (target/bench).
 */
public final class WrkBench {

    static final String LOCAL_STACK_JAVA_OPTS = "-Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar"));
        String label = System.getProperty("bench.label", "run");
        int activities = Integer.getInteger("bench.activities", 20_000);
        String duration = System.getProperty("bench.duration", "30s");
        String warmup = System.getProperty("bench.warmup", "10s");
        String javaOpts = System.getProperty("bench.javaOpts", LOCAL_STACK_JAVA_OPTS);
        Path out = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
        Files.createDirectories(out);

        String database = "loa_activity_bench_" + label.replaceAll("[^a-z0-9]", "_") + "_" + System.currentTimeMillis() % 100000;
        PostgresServer.Database db = LoaInfrastructure.postgres().createDatabase(database);
        Path key = out.resolve("loa-test-jwt-public.pem");
        try (InputStream in = WrkBench.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.write(key, in.readAllBytes());
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + LoaInfrastructure.kafkaBootstrapServers(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + key,
                "--loa.security.issuer=" + LoaInfrastructure.TOKEN_ISSUER,
                "--loa.security.audience=" + LoaInfrastructure.TOKEN_AUDIENCE,
                "--loa.overdue.enabled=false",
                "--loa.demo-data.enabled=false",
                "--logging.level.root=WARN"));
        Path log = out.resolve("activity-service-" + label + ".log");
        Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroy));
        try {
            Http http = new Http(port);
            long t0 = System.nanoTime();
            waitUntil(Duration.ofMinutes(5), () -> {
                try {
                    return http.get("/actuator/health/readiness", null).status() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            }, service);
            System.out.printf(Locale.ROOT, "[bench %s] service ready after %.1f s (%s)%n", label, (System.nanoTime() - t0) / 1e9, javaOpts);

            String commune = "xa-do-tai";
            String bearer = TestTokens.bearer("xadotai.vhtt", "COMMUNE_OFFICER", commune);
            UUID plan = UUID.randomUUID();
            Upstream.sendPlan("plan-issued", Upstream.planIssued(plan, 1, commune, List.of("CT-RADIO")));
            Map<String, Object> probe = Map.of("planId", plan.toString(), "title", "Thăm dò", "channel", "RADIO",
                    "topics", List.of("a"), "targetCodes", List.of("CT-RADIO"), "unit", "van-hoa-thong-tin",
                    "coordinatingUnits", List.of(), "dueDate", "2022-06-30");
            waitUntil(Duration.ofMinutes(2), () -> http.post("/api/activities", bearer, probe).status() == 201, service);

            // Schedule by imports of 5,000 rows (every column, so that a service before issue 19 reads them too).
            List<String> ids = new ArrayList<>();
            List<Double> importSeconds = new ArrayList<>();
            for (int done = 0; done < activities; done += 5_000) {
                StringBuilder csv = new StringBuilder("planId,title,channel,topics,targetCodes,unit,coordinatingUnits,dueDate,plannedQuantity\n");
                for (int i = 0; i < Math.min(5_000, activities - done); i++) {
                    csv.append(plan).append(",Chuyên mục CCHC trên truyền thanh cơ sở số ").append(done + i)
                            .append(",RADIO,a,CT-RADIO,van-hoa-thong-tin,noi-vu,2022-06-30,4\n");
                }
                long start = System.nanoTime();
                Http.Response r = http.post("/api/activities/import", bearer, csv.toString().getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "text/csv"));
                importSeconds.add((System.nanoTime() - start) / 1e9);
                if (r.status() != 200) {
                    throw new IllegalStateException("import failed: " + r);
                }
                for (JsonNode id : r.json().get("activityIds")) {
                    ids.add(id.asString());
                }
            }
            System.out.printf(Locale.ROOT, "[bench %s] imports of 5,000 rows: %s s%n", label, importSeconds.stream()
                    .map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
            Path idFile = out.resolve("ids-" + label + ".txt");
            Files.write(idFile, ids);
            Path script = out.resolve("complete.lua");
            try (InputStream in = WrkBench.class.getClassLoader().getResourceAsStream("bench/complete.lua")) {
                Files.write(script, in.readAllBytes());
            }
            awaitOutboxEmpty(db, Duration.ofMinutes(10));

            int offset = 0;
            String warm = wrk(port, script, idFile, bearer, 8, warmup, offset);
            offset += requests(warm) + 64;
            System.out.printf(Locale.ROOT, "[bench %s] warm-up: %s%n", label, summary(warm));
            awaitOutboxEmpty(db, Duration.ofMinutes(10));
            for (String c : System.getProperty("bench.connections", "8").split(",")) {
                int connections = Integer.parseInt(c.trim());
                double[] load = loadAverage();
                long start = System.nanoTime();
                String result = wrk(port, script, idFile, bearer, connections, duration, offset);
                double drained = awaitOutboxEmpty(db, Duration.ofMinutes(10));
                double sinceStart = (System.nanoTime() - start) / 1e9;
                offset += requests(result) + 64;
                Files.writeString(out.resolve("wrk-" + label + "-c" + connections + ".txt"), result);
                System.out.printf(Locale.ROOT, "[bench %s] c=%d %s; outbox empty %.1f s after the load ended (%.1f s after it began);"
                        + " load average before %.2f %.2f %.2f%n", label, connections, summary(result), drained, sinceStart,
                        load[0], load[1], load[2]);
            }
        } finally {
            service.destroy();
            service.waitFor();
        }
        System.exit(0);
    }

    static String wrk(int port, Path script, Path ids, String bearer, int connections, String duration, int offset)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration, "--latency",
                "-s", script.toString(), "http://127.0.0.1:" + port);
        pb.environment().put("IDS", ids.toString());
        pb.environment().put("TOKEN", bearer);
        pb.environment().put("WRK_THREADS", "2");
        pb.environment().put("OFFSET", Integer.toString(offset));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return output;
    }

    static int requests(String wrk) {
        Matcher m = Pattern.compile("(\\d+) requests in").matcher(wrk);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static String summary(String wrk) {
        return "completions/s " + find(wrk, "Requests/sec:\\s+([\\d.]+)") + ", p50 " + find(wrk, "\\s50%\\s+(\\S+)")
                + ", p90 " + find(wrk, "\\s90%\\s+(\\S+)") + ", p99 " + find(wrk, "\\s99%\\s+(\\S+)")
                + ", requests " + requests(wrk) + ", " + find(wrk, "(non-200: \\d+)")
                + find(wrk, "(Non-2xx or 3xx responses: \\d+)");
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "";
    }

    static double[] loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
    }

    /** Seconds until no outbox row waits for Kafka. */
    static double awaitOutboxEmpty(PostgresServer.Database db, Duration max) throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            while (Duration.ofNanos(System.nanoTime() - start).compareTo(max) < 0) {
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from outbox_event where published_at is null")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("outbox not empty after " + max);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitUntil(Duration max, Check check, Process service) throws Exception {
        Instant end = Instant.now().plus(max);
        while (Instant.now().isBefore(end)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue());
            }
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not ready after " + max);
    }

    private WrkBench() {
    }
}
