package vn.loa.activity.bench;

import org.junit.jupiter.api.Test;
import vn.loa.activity.Http;
import vn.loa.activity.Upstream;
import vn.loa.testsupport.LoaInfrastructure;
import vn.loa.testsupport.PostgresServer;
import vn.loa.testsupport.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first CSV import after a start (issue 17.3: 5,000 rows in &lt; 3 s end to end, for the first import too).
 * Starts each build of the service given ({@code bench.jars}, e.g. main's and the branch's) as its own process with
 * production flags, {@code bench.rounds} times, alternating, each start on a fresh database: waits for readiness,
 * sends a plan and waits until the service has its copy (read in the database, so that no request but the
 * imports reaches the service), then posts {@code bench.imports} imports of 5,000 rows, the first one cold.
 *
 * <p>For each start it prints: readiness (s) and the CPU the process used until then; for each import the wall time
 * (request to answer), the CPU of the service and of its PostgreSQL backends, and the service's CPU split by thread
 * ({@code /proc/<pid>/task}): JIT compiler threads, VM thread and GC, and the rest (the request thread, the relay,
 * Kafka, Hikari). CPU is the figure to compare on a shared machine; every line carries the load average. Output:
 * {@code target/bench/activity-cold-import.md}. Not an {@code *IT}: no build runs it unless asked (README, "CSV import
 * after a start").
 *
 * <p>System properties: {@code bench.jars} ("label=path,label=path"; default: this build's jar as "this"),
 * {@code bench.rounds} (2), {@code bench.imports} (2), {@code bench.javaOpts} (WrkCompletionBenchmark's),
 * {@code bench.jfr} (a directory: each start records JFR to {@code <label>-<round>.jfr}, with
 * {@code bench.jfrSettings}, default {@code profile}), {@code bench.before} (an experiment: "dry:N" or "real:N", a
 * preview or an import of N rows before the first import of 5,000), {@code bench.args.<label>} (more arguments
 * for that build's service, e.g. {@code --spring.jpa.properties.hibernate.jdbc.batch_size=500}; one jar may be
 * given twice under two labels).
 */
class ColdImportBenchmark {

    private final List<String> report = new ArrayList<>();

    @Test
    void firstImportAfterAStart() throws Exception {
        Map<String, Path> jars = jars();
        int rounds = Integer.getInteger("bench.rounds", 2);
        int imports = Integer.getInteger("bench.imports", 2);
        String javaOpts = System.getProperty("bench.javaOpts", WrkCompletionBenchmark.JAVA_OPTS);
        String jfr = System.getProperty("bench.jfr");
        Path out = Path.of("target/bench").toAbsolutePath();
        Files.createDirectories(out);
        Path key = out.resolve("loa-test-jwt-public.pem");
        try (InputStream in = ColdImportBenchmark.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.write(key, in.readAllBytes());
        }
        if (jfr != null) {
            Files.createDirectories(Path.of(jfr));
        }
        line("builds %s, %d rounds, %d imports of 5,000 rows per start, %s", jars, rounds, imports, javaOpts);
        List<String> failures = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                // Alternate the order, so that neither build always runs in the other's wake.
                List<Map.Entry<String, Path>> order = new ArrayList<>(jars.entrySet());
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (Map.Entry<String, Path> jar : order) {
                    String opts = javaOpts + (jfr == null ? "" : " -XX:FlightRecorderOptions:stackdepth=256"
                            + " -XX:StartFlightRecording=settings=" + System.getProperty("bench.jfrSettings", "profile") + ",filename="
                            + Path.of(jfr, jar.getKey() + "-" + round + ".jfr").toAbsolutePath());
                    try {
                        oneStart(jar.getKey(), jar.getValue(), round, imports, opts, key, out);
                    } catch (Exception | AssertionError e) {
                        // One failed start does not lose the other builds' figures.
                        failures.add(jar.getKey() + " round " + round + ": " + e);
                        line("%s round %d FAILED: %s", jar.getKey(), round, e);
                    }
                }
            }
        } finally {
            Files.write(out.resolve("activity-cold-import.md"), report);
        }
        assertThat(failures).isEmpty();
    }

    private void oneStart(String label, Path jar, int round, int imports, String javaOpts, Path key, Path out)
            throws Exception {
        PostgresServer.Database db = LoaInfrastructure.postgres().createDatabase(
                "loa_activity_cold_" + System.currentTimeMillis() % 100000);
        int port;
        int managementPort;
        try (ServerSocket s = new ServerSocket(0); ServerSocket m = new ServerSocket(0)) {
            port = s.getLocalPort();
            managementPort = m.getLocalPort();
        }
        List<String> command = WrkCompletionBenchmark.serviceCommand(javaOpts, jar, port, managementPort, db, key, out);
        String args = System.getProperty("bench.args." + label, "");
        if (!args.isBlank()) {
            command.addAll(List.of(args.trim().split("\\s+")));
        }
        Path log = out.resolve("activity-service-cold-" + label + "-" + round + ".log");
        double[] startLoad = WrkCompletionBenchmark.loadAverage();
        long t0 = System.nanoTime();
        Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            WrkCompletionBenchmark.waitUntil(Duration.ofMinutes(10), () -> {
                try {
                    return new Http(managementPort).get("/actuator/health/readiness", null).status() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            }, service, log);
            double ready = (System.nanoTime() - t0) / 1e9;
            long cpuAtReady = WrkCompletionBenchmark.cpuMicros(service.pid());
            line("%s round %d: ready after %.1f s, %.1f CPU s until then; load average %s", label, round, ready,
                    cpuAtReady / 1e6, WrkCompletionBenchmark.load(startLoad));

            String commune = "xa-do-tai";
            String bearer = TestTokens.bearer("xadotai.vhtt", "COMMUNE_OFFICER", commune);
            UUID plan = UUID.randomUUID();
            Upstream.sendPlan("plan-issued", Upstream.planIssued(plan, 1, commune, List.of("CT-RADIO")));
            // Read in the database, not asked of the service: the first import stays the first request it serves.
            WrkCompletionBenchmark.waitUntil(Duration.ofMinutes(2), () -> planKnown(db, plan), service, log);

            Http http = new Http(port);
            String before = System.getProperty("bench.before", "");
            if (!before.isBlank()) {
                // An experiment: what an earlier request ("dry:N" a preview of N rows, "real:N" an import of N rows)
                // takes off the first import of 5,000.
                boolean dry = before.startsWith("dry:");
                int n = Integer.parseInt(before.substring(before.indexOf(':') + 1));
                long cpu = WrkCompletionBenchmark.cpuMicros(service.pid());
                long start = System.nanoTime();
                Http.Response r = http.post("/api/activities/import" + (dry ? "?dryRun=true" : ""), bearer,
                        csv(plan, 900_000, n).getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/csv"));
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                line("%s round %d: before the imports, %s: %.2f s, service CPU %.2f s", label, round, before,
                        (System.nanoTime() - start) / 1e9, (WrkCompletionBenchmark.cpuMicros(service.pid()) - cpu) / 1e6);
                WrkCompletionBenchmark.awaitOutboxEmpty(db, Duration.ofMinutes(10));
            }
            for (int i = 0; i < imports; i++) {
                String csv = csv(plan, i * 5_000, 5_000);
                double[] load = WrkCompletionBenchmark.loadAverage();
                Map<String, Long> threadsBefore = threadCpuMicros(service.pid());
                long cpuBefore = WrkCompletionBenchmark.cpuMicros(service.pid());
                Map<Long, Long> databaseBefore = WrkCompletionBenchmark.backendCpuMicros(db);
                long start = System.nanoTime();
                Http.Response r = http.post("/api/activities/import", bearer,
                        csv.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/csv"));
                double wall = (System.nanoTime() - start) / 1e9;
                double serviceCpu = (WrkCompletionBenchmark.cpuMicros(service.pid()) - cpuBefore) / 1e6;
                double databaseCpu = WrkCompletionBenchmark.cpuDelta(databaseBefore,
                        WrkCompletionBenchmark.backendCpuMicros(db)) / 1e6;
                Map<String, Long> threadsAfter = threadCpuMicros(service.pid());
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                assertThat(r.json().get("accepted").asInt()).isEqualTo(5_000);
                line("%s round %d import %d (%s): %.2f s; CPU service %.2f s (%s) + PostgreSQL %.2f s; load average %s",
                        label, round, i + 1, i == 0 ? "cold" : "warm", wall, serviceCpu,
                        threadShares(threadsBefore, threadsAfter), databaseCpu, WrkCompletionBenchmark.load(load));
                WrkCompletionBenchmark.awaitOutboxEmpty(db, Duration.ofMinutes(10));
            }
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    /** The import file both benchmarks send: {@code rows} rows of one plan, titles numbered from {@code first}. */
    static String csv(UUID plan, int first, int rows) {
        StringBuilder csv = new StringBuilder(
                "planId,title,channel,topics,targetCodes,unit,coordinatingUnits,dueDate,plannedQuantity\n");
        for (int r = 0; r < rows; r++) {
            csv.append(plan).append(",Chuyên mục CCHC trên truyền thanh cơ sở số ").append(first + r)
                    .append(",RADIO,a,CT-RADIO,van-hoa-thong-tin,noi-vu,2022-06-30,4\n");
        }
        return csv.toString();
    }

    private static Map<String, Path> jars() throws IOException {
        Map<String, Path> jars = new LinkedHashMap<>();
        String given = System.getProperty("bench.jars");
        if (given != null && !given.isBlank()) {
            for (String pair : given.split(",")) {
                String[] parts = pair.split("=", 2);
                jars.put(parts[0].strip(), Path.of(parts[1].strip()));
            }
            return jars;
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jars.put("this", files.filter(f -> f.getFileName().toString().matches("loa-activity-service-.*-exec\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no executable jar in target/: package first"))
                    .toAbsolutePath());
        }
        return jars;
    }

    private static boolean planKnown(PostgresServer.Database db, UUID plan) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM plan_copy WHERE plan_id = ?")) {
            q.setObject(1, plan);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getLong(1) == 1;
            } catch (java.sql.SQLException e) {
                return false; // Flyway has not created the table yet
            }
        }
    }

    /** CPU (µs) of each thread of the process, by thread id and name ({@code /proc/<pid>/task/<tid>/stat}). */
    static Map<String, Long> threadCpuMicros(long pid) throws IOException {
        Map<String, Long> cpu = new LinkedHashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.put(task.getFileName() + " " + name,
                            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000L);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return cpu;
    }

    /** "JIT x s, VM+GC y s, other z s" between two readings (a thread started meanwhile counts whole). */
    static String threadShares(Map<String, Long> before, Map<String, Long> after) {
        long jit = 0;
        long vm = 0;
        long other = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long used = Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
            String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            if (name.contains("CompilerThre")) {
                jit += used;
            } else if (name.startsWith("VM Thread") || name.startsWith("GC ") || name.startsWith("G1 ")) {
                vm += used;
            } else {
                other += used;
            }
        }
        return String.format(Locale.ROOT, "JIT %.2f, VM+GC %.2f, other %.2f", jit / 1e6, vm / 1e6, other / 1e6);
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add("- " + text);
        System.out.println("[bench cold-import] " + text);
    }
}
