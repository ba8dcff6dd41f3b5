package vn.loa.activity.bench;

import org.junit.jupiter.api.Test;
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
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * activity-service alone under {@code wrk} (issue 17.3): the service as its own process, started from its
 * executable jar with production-like JVM flags (C2, {@code -Xmx384m}), on the embedded PostgreSQL (its own process)
 * and Kafka of this JVM (test-support); the load from {@code wrk} (Debian package) as another process. Not a test
 * (no {@code *IT} name, so no build runs it):
 *
 * <pre>
 * ./mvnw -o -B -ntp -pl activity-service -am verify -Dloa.skipInfraTests=true -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=WrkCompletionBenchmark
 * </pre>
 *
 * Steps: references measured on the same PostgreSQL in the same run (plain JDBC, one row per commit; 5,000 rows in
 * one batched transaction); a plan of its own commune; {@code bench.activities} activities scheduled by CSV imports
 * of 5,000 rows, each timed end to end (HTTP request to answer); a warm-up; then {@code wrk -t2 -c<connections>
 * -d<duration>} of completions (POST …/complete with If-Match and a token) per connection count; after each, how long
 * until the outbox was empty (every activity-completed on Kafka). Every figure is printed with the load average and
 * as a ratio to its reference; all of it goes to {@code target/bench/activity-<label>.md} (and to {@code bench.out}'s
 * figures when {@code ./loa bench} asks).
 *
 * <p>System properties: {@code bench.activities} (20000, a multiple of 5,000 is best), {@code bench.connections}
 * ("8,16"), {@code bench.duration} ("20s"), {@code bench.warmup} ("10s"), {@code bench.javaOpts} ("-Xmx384m
 * -XX:+UseSerialGC"; the local stack's C1-only flags halve the throughput), {@code bench.hikari} (the pool size
 * of the service, default: the service's own setting), {@code bench.jar} (the executable jar to start, default the one
 * in {@code target/}: another build, e.g. main's, measured by the same harness), {@code bench.label} ("wrk": names
 * the files under {@code target/bench}).
 */
class WrkCompletionBenchmark {

    static final String JAVA_OPTS = "-Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";

    private final List<String> report = new ArrayList<>();

    @Test
    void completionsAndImportsUnderWrk() throws Exception {
        Path jar;
        if (System.getProperty("bench.jar") != null) {
            jar = Path.of(System.getProperty("bench.jar")); // another build of the service, e.g. main's, side by side
        } else {
            try (Stream<Path> files = Files.list(Path.of("target"))) {
                jar = files.filter(f -> f.getFileName().toString().matches("loa-activity-service-.*-exec\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no executable jar in target/: run the package phase first"));
            }
        }
        int activities = Integer.getInteger("bench.activities", 20_000);
        String duration = System.getProperty("bench.duration", "20s");
        String warmup = System.getProperty("bench.warmup", "10s");
        String javaOpts = System.getProperty("bench.javaOpts", JAVA_OPTS);
        Path out = Path.of("target/bench").toAbsolutePath();
        Files.createDirectories(out);
        String label = System.getProperty("bench.label", "wrk");

        String database = "loa_activity_wrk_" + System.currentTimeMillis() % 100000;
        PostgresServer.Database db = LoaInfrastructure.postgres().createDatabase(database);

        // References, same machine, same run, same PostgreSQL: what one commit and one batch cost here.
        double singleRowsPerSecond = oneRowCommits(db, 3);
        double batch5000Seconds = batchOf5000(db);
        line("reference: plain JDBC insert, one row per commit: %.0f rows/s; 5,000 rows in one batched transaction: %.3f s",
                singleRowsPerSecond, batch5000Seconds);

        Path key = out.resolve("loa-test-jwt-public.pem");
        try (InputStream in = WrkCompletionBenchmark.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.write(key, in.readAllBytes());
        }
        int port;
        int managementPort; // actuator on its own port (service-support's ManagementPort): readiness is asked there
        try (ServerSocket s = new ServerSocket(0); ServerSocket m = new ServerSocket(0)) {
            port = s.getLocalPort();
            managementPort = m.getLocalPort();
        }
        List<String> command = serviceCommand(javaOpts, jar, port, managementPort, db, key, out);
        if (System.getProperty("bench.hikari") != null) {
            command.add("--spring.datasource.hikari.maximum-pool-size=" + System.getProperty("bench.hikari"));
        }
        Path log = out.resolve("activity-service-" + label + ".log");
        Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Http http = new Http(port);
            long t0 = System.nanoTime();
            waitUntil(Duration.ofMinutes(10), () -> { // a loaded 2-core machine needs minutes
                try {
                    return new Http(managementPort).get("/actuator/health/readiness", null).status() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            }, service, log);
            line("service ready after %.1f s (%s, pid %d)", (System.nanoTime() - t0) / 1e9, javaOpts, service.pid());

            String commune = "xa-do-tai";
            String bearer = TestTokens.bearer("xadotai.vhtt", "COMMUNE_OFFICER", commune);
            UUID plan = UUID.randomUUID();
            Upstream.sendPlan("plan-issued", Upstream.planIssued(plan, 1, commune, List.of("CT-RADIO")));
            Map<String, Object> probe = Map.of("planId", plan.toString(), "title", "Thăm dò", "channel", "RADIO",
                    "topics", List.of("a"), "targetCodes", List.of("CT-RADIO"), "unit", "van-hoa-thong-tin",
                    "coordinatingUnits", List.of(), "dueDate", "2022-06-30");
            waitUntil(Duration.ofMinutes(2), () -> http.post("/api/activities", bearer, probe).status() == 201, service, log);

            // Schedule by imports of 5,000 rows, each timed from request to answer.
            List<String> ids = new ArrayList<>();
            List<Double> importSeconds = new ArrayList<>();
            List<Double> importCpu = new ArrayList<>(); // service + PostgreSQL backends, s
            double[] importLoad = loadAverage();
            for (int done = 0; done < activities; done += 5_000) {
                String csv = ColdImportBenchmark.csv(plan, done, Math.min(5_000, activities - done));
                long cpuBefore = cpuMicros(service.pid());
                Map<Long, Long> databaseBefore = backendCpuMicros(db);
                long start = System.nanoTime();
                Http.Response r = http.post("/api/activities/import", bearer, csv.getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "text/csv"));
                importSeconds.add((System.nanoTime() - start) / 1e9);
                importCpu.add((cpuMicros(service.pid()) - cpuBefore + cpuDelta(databaseBefore, backendCpuMicros(db))) / 1e6);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                assertThat(r.json().get("accepted").asInt()).isEqualTo(Math.min(5_000, activities - done));
                for (JsonNode id : r.json().get("activityIds")) {
                    ids.add(id.asString());
                }
                awaitOutboxEmpty(db, Duration.ofMinutes(10));
            }
            List<Double> sorted = importSeconds.stream().sorted().toList();
            double importMedian = sorted.get(sorted.size() / 2);
            line("CSV import of 5,000 rows, end to end: %s s (median %.2f s, goal < 3 s); %.1f × the batched JDBC insert of"
                            + " 5,000 rows; load average %s",
                    importSeconds.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList(), importMedian,
                    importMedian / batch5000Seconds, load(importLoad));
            figure("completion.wrk.import5000_s", importMedian);
            line("CPU per CSV import of 5,000 rows (service + PostgreSQL backends, the relay's share until the answer): %s s",
                    importCpu.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());

            Path idFile = out.resolve("ids-" + label + ".txt");
            Files.write(idFile, ids);
            Path script = out.resolve("complete.lua");
            try (InputStream in = WrkCompletionBenchmark.class.getClassLoader().getResourceAsStream("bench/complete.lua")) {
                Files.write(script, in.readAllBytes());
            }

            int offset = 0;
            List<String> failures = new ArrayList<>();
            String warm = wrk(port, script, idFile, bearer, 8, warmup, offset);
            offset = nextId(warm);
            line("warm-up (8 connections, %s): %s", warmup, summary(warm));
            awaitOutboxEmpty(db, Duration.ofMinutes(10));
            for (String c : System.getProperty("bench.connections", "8,16").split(",")) {
                int connections = Integer.parseInt(c.trim());
                if (offset + 2_000 > ids.size()) {
                    line("c=%d skipped: not enough scheduled activities left (bench.activities)", connections);
                    continue;
                }
                double[] before = loadAverage();
                Map<String, long[]> statsBefore = tableStats(db);
                long serviceCpuBefore = cpuMicros(service.pid());
                Map<Long, Long> databaseCpuBefore = backendCpuMicros(db);
                long start = System.nanoTime();
                String result = wrk(port, script, idFile, bearer, connections, duration, offset);
                double drained = awaitOutboxEmpty(db, Duration.ofMinutes(10));
                // CPU per completion (the relay's share included): what a completion costs whatever else runs on the
                // machine, so comparable across runs of different load; 2 cores ÷ it = the rate a quiet machine allows.
                double serviceCpu = (cpuMicros(service.pid()) - serviceCpuBefore) / (double) requests(result);
                double databaseCpu = cpuDelta(databaseCpuBefore, backendCpuMicros(db)) / (double) requests(result);
                line("CPU per completion, c=%d: service %.0f µs + PostgreSQL backends %.0f µs = %.0f µs (2 cores ÷ it:"
                                + " %.0f completions/s if nothing else ran; wrk and Kafka not counted)", connections,
                        serviceCpu, databaseCpu, serviceCpu + databaseCpu, 2e6 / (serviceCpu + databaseCpu));
                figure("completion.wrk.c" + connections + ".cpu_us", serviceCpu + databaseCpu);
                Thread.sleep(1_500); // PostgreSQL publishes its table statistics about once a second
                line("statements per completion, c=%d (pg_stat_user_tables, relay included): %s", connections,
                        perCompletion(statsBefore, tableStats(db), requests(result)));
                double[] after = loadAverage();
                offset = nextId(result);
                Files.writeString(out.resolve("wrk-" + label + "-c" + connections + ".txt"), result);
                double perSecond = Double.parseDouble(find(result, "Requests/sec:\\s+([\\d.]+)"));
                line("completions, %d connections, %s: %s; %.3f × the one-row commit rate; outbox empty %.1f s after the"
                                + " load ended (%.1f s after it began); load average before %s, after %s",
                        connections, duration, summary(result), perSecond / singleRowsPerSecond, drained,
                        (System.nanoTime() - start) / 1e9, load(before), load(after));
                figure("completion.wrk.c" + connections + ".per_s", perSecond);
                if (!"0".equals(find(result, "non-200: (\\d+)"))) {
                    failures.add("c=" + connections + ": " + find(result, "(non-200: .*)"));
                }
            }
            // Checked after every connection count ran: one glitch does not lose the others' figures.
            assertThat(failures).as("completions not answered 200").isEmpty();
        } finally {
            service.destroy();
            service.waitFor();
            Files.write(out.resolve("activity-" + label + ".md"), report);
        }
    }

    /** The service as its own process: {@code java <javaOpts> -jar <jar>} on the benchmark's PostgreSQL and Kafka. */
    static List<String> serviceCommand(String javaOpts, Path jar, int port, int managementPort,
                                       PostgresServer.Database db, Path key, Path out) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + LoaInfrastructure.kafkaBootstrapServers(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + key,
                "--loa.security.issuer=" + LoaInfrastructure.TOKEN_ISSUER,
                "--loa.security.audience=" + LoaInfrastructure.TOKEN_AUDIENCE,
                "--loa.overdue.enabled=false",
                "--loa.demo-data.enabled=false",
                "--loa.evidence.filesystem.directory=" + out.resolve("evidence"),
                "--logging.level.root=WARN"));
        return command;
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add("- " + text);
        System.out.println("[bench activity-wrk] " + text);
    }

    /** A figure for ./loa bench (infra/bench), when it asks for them with -Dbench.out. */
    private static void figure(String id, double value) throws IOException {
        String out = System.getProperty("bench.out");
        if (out == null) {
            return;
        }
        Path file = Path.of(out, "figures.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, id + "=" + value + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String load(double[] l) {
        return String.format(Locale.ROOT, "%.2f %.2f %.2f", l[0], l[1], l[2]);
    }

    /** Per table: index and sequential scans, rows inserted, rows updated (cumulative since the database started). */
    static Map<String, long[]> tableStats(PostgresServer.Database db) throws Exception {
        Map<String, long[]> stats = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT relname, coalesce(idx_scan, 0) + coalesce(seq_scan, 0),"
                     + " n_tup_ins, n_tup_upd FROM pg_stat_user_tables")) {
            while (rs.next()) {
                stats.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        return stats;
    }

    /** User + system CPU time of a process, in µs ({@code /proc/<pid>/stat}, clock ticks of 10 ms). */
    static long cpuMicros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000L;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended
        }
    }

    /** CPU (µs) of each backend of the benchmark's database but this one (the service's pool, relay, listener). */
    static Map<Long, Long> backendCpuMicros(PostgresServer.Database db) throws Exception {
        Map<Long, Long> cpu = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                cpu.put(rs.getLong(1), cpuMicros(rs.getLong(1)));
            }
        }
        return cpu;
    }

    /** CPU the backends used between two readings (a backend started meanwhile counts whole). */
    static long cpuDelta(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /** "table scans/inserts/updates" per completion, for the tables the completions touched. */
    static String perCompletion(Map<String, long[]> before, Map<String, long[]> after, int completions) {
        List<String> parts = new ArrayList<>();
        after.forEach((table, a) -> {
            long[] b = before.getOrDefault(table, new long[3]);
            long scans = a[0] - b[0];
            long inserts = a[1] - b[1];
            long updates = a[2] - b[2];
            if (scans + inserts + updates > completions / 10) {
                parts.add(String.format(Locale.ROOT, "%s %.2f scans, %.2f inserts, %.2f updates", table,
                        scans / (double) completions, inserts / (double) completions, updates / (double) completions));
            }
        });
        return String.join("; ", parts);
    }

    /** Plain JDBC: one row per transaction for {@code seconds}, as an outbox write would commit; rows/s (own schema: Flyway wants {@code public} to itself). */
    static double oneRowCommits(PostgresServer.Database db, int seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute("CREATE SCHEMA IF NOT EXISTS bench; CREATE TABLE IF NOT EXISTS bench.bench_ref (id bigserial PRIMARY KEY, body text)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench.bench_ref (body) VALUES (?)")) {
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                long start = System.nanoTime();
                int rows = 0;
                while (System.nanoTime() < end) {
                    insert.setString(1, "Chuyên mục CCHC " + rows);
                    insert.executeUpdate();
                    c.commit();
                    rows++;
                }
                return rows / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** Plain JDBC: 5,000 rows of about an activity's width in one batched transaction; seconds. */
    static double batchOf5000(PostgresServer.Database db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true", db.username(), db.password())) {
            c.createStatement().execute("CREATE SCHEMA IF NOT EXISTS bench; CREATE TABLE IF NOT EXISTS bench.bench_ref (id bigserial PRIMARY KEY, body text)");
            c.setAutoCommit(false);
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench.bench_ref (body) VALUES (?)")) {
                    for (int i = 0; i < 5_000; i++) {
                        insert.setString(1, "Chuyên mục CCHC trên truyền thanh cơ sở số " + i + " ".repeat(400));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                c.commit();
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            return best;
        }
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

    /**
     * Where the next run starts: after the furthest id any of wrk's threads asked for (complete.lua prints it). Their
     * counts differ, so the total of requests is no bound: starting there completed some activities twice (412).
     */
    static int nextId(String wrk) {
        Matcher m = Pattern.compile("next id: (\\d+)").matcher(wrk);
        if (!m.find()) {
            throw new AssertionError("complete.lua printed no next id:\n" + wrk);
        }
        return Integer.parseInt(m.group(1));
    }

    static int requests(String wrk) {
        Matcher m = Pattern.compile("(\\d+) requests in").matcher(wrk);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static String summary(String wrk) {
        return "completions/s " + find(wrk, "Requests/sec:\\s+([\\d.]+)") + ", p50 " + find(wrk, "\\s50%\\s+(\\S+)")
                + ", p90 " + find(wrk, "\\s90%\\s+(\\S+)") + ", p99 " + find(wrk, "\\s99%\\s+(\\S+)")
                + ", requests " + requests(wrk) + ", " + find(wrk, "(non-200: .*)")
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

    static void waitUntil(Duration max, Check check, Process service, Path log) throws Exception {
        Instant end = Instant.now().plus(max);
        while (Instant.now().isBefore(end)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + ": " + Files.readString(log));
            }
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not ready after " + max);
    }

}
