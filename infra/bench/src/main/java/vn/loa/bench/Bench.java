package vn.loa.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./loa bench [--smoke]}: runs every benchmark of the repository, one module after the other,
 * each in a JVM of its own on that module's test classpath (its embedded PostgreSQL and Kafka, as in
 * its integration tests), collects the figures they write to {@code bench.out}, and writes
 * {@code target/bench/results.json} and {@code target/bench/results.md} (also printed).
 * <p>
 * The modules must be built first ({@code ./mvnw -DskipTests package -pl infra/bench -am}, which
 * {@code ./loa bench} does): each writes its test classpath to {@code target/test.classpath}.
 */
public final class Bench {

    /** One JVM: a module's benchmark classes, with the sizes of a full run and of a smoke run. */
    record Suite(String name, String module, List<String> classes, Map<String, String> full, Map<String, String> smoke) {
    }

    /** A figure every run must produce (present and positive), in table order. */
    record Figure(String id, String section, String label, String unit) {
    }

    static final List<Suite> SUITES = List.of(
            new Suite("messaging", "infra/messaging",
                    List.of("vn.loa.messaging.it.PhysicalReferenceBenchmark", "vn.loa.messaging.it.OutboxLatencyBenchmark"),
                    Map.of("bench.ref.messages", "50000", "bench.ref.sync-messages", "2000", "bench.ref.rows", "50000",
                            "bench.ref.single-rows", "2000", "benchmark.events", "1000", "benchmark.rate", "100",
                            "benchmark.burst", "2000"),
                    Map.of("bench.ref.messages", "2000", "bench.ref.sync-messages", "200", "bench.ref.rows", "2000",
                            "bench.ref.single-rows", "200", "benchmark.events", "100", "benchmark.rate", "100",
                            "benchmark.burst", "200", "benchmark.warmup", "50")),
            new Suite("activity", "activity-service", List.of("vn.loa.activity.it.CompletionBenchmark"),
                    Map.of("loa.benchmark.activities", "1000", "loa.benchmark.concurrency", "4", "loa.benchmark.warmup", "200"),
                    Map.of("loa.benchmark.activities", "60", "loa.benchmark.concurrency", "4", "loa.benchmark.warmup", "20")),
            new Suite("reporting", "reporting-service", List.of("vn.loa.reporting.ReportingBenchmark"),
                    Map.of("bench.completions", "300", "bench.ingest", "20000", "bench.communes", "30",
                            "bench.activities", "1000", "bench.province.districts", "10", "bench.dashboard.requests", "100",
                            "bench.viewers", "8", "bench.dashboard.samples", "240", "bench.province.large.activities", "10000",
                            "bench.dashboard.served.samples", "2000"),
                    Map.of("bench.completions", "20", "bench.freshness.paced", "50", "bench.ingest", "100", "bench.communes", "3",
                            "bench.activities", "50", "bench.province.districts", "2", "bench.dashboard.requests", "10",
                            "bench.viewers", "2", "bench.dashboard.samples", "16",
                            // its two reporting-service processes start sooner on C1 alone, as the smoke JVMs do
                            "bench.service.java-opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")),
            new Suite("gateway", "gateway", List.of("vn.loa.gateway.GatewayOverheadBenchmark"),
                    Map.of("bench.concurrency", "8", "bench.seconds", "5", "bench.rounds", "3", "bench.warmup", "5000",
                            "bench.variants", GatewayVariants.SPEC),
                    Map.of("bench.concurrency", "4", "bench.seconds", "1", "bench.rounds", "1", "bench.warmup", "200",
                            "bench.variants", GatewayVariants.SPEC)));

    static final List<Figure> FIGURES = List.of(
            new Figure("ref.kafka.async.msgs_per_s", "Physical references (same machine, same run)",
                    "raw KafkaProducer, acks=all, 1 KB messages, async (batched by the client)", "msg/s"),
            new Figure("ref.kafka.sync.msgs_per_s", "Physical references (same machine, same run)",
                    "raw KafkaProducer, acks=all, 1 KB messages, one at a time (send().get())", "msg/s"),
            new Figure("ref.jdbc.batch.rows_per_s", "Physical references (same machine, same run)",
                    "plain JDBC insert, batches of 1,000 rows, commit per batch", "rows/s"),
            new Figure("ref.jdbc.single.rows_per_s", "Physical references (same machine, same run)",
                    "plain JDBC insert, one row per transaction (commit per row, like an outbox write)", "rows/s"),
            new Figure("outbox.paced.p50_ms", "Outbox", "outbox commit → Kafka consumer, 1 writer paced, p50", "ms"),
            new Figure("outbox.paced.p99_ms", "Outbox", "outbox commit → Kafka consumer, 1 writer paced, p99", "ms"),
            new Figure("outbox.burst.p50_ms", "Outbox", "outbox commit → Kafka consumer, burst of 4 writers, p50", "ms"),
            new Figure("outbox.burst.p99_ms", "Outbox", "outbox commit → Kafka consumer, burst of 4 writers, p99", "ms"),
            new Figure("outbox.burst.events_per_s", "Outbox", "outbox throughput, burst of 4 writers (first commit → last arrival)", "events/s"),
            new Figure("completion.per_s", "Activities", "completions through activity-service over HTTP (4 clients)", "completions/s"),
            new Figure("completion.p50_ms", "Activities", "completion request, p50", "ms"),
            new Figure("completion.p99_ms", "Activities", "completion request, p99", "ms"),
            new Figure("freshness.commit.p50_ms", "Reporting",
                    "activity-completed COMMIT (outbox) → district dashboard over HTTP shows it, p50", "ms"),
            new Figure("freshness.commit.p99_ms", "Reporting",
                    "activity-completed COMMIT (outbox) → district dashboard over HTTP shows it, p99", "ms"),
            new Figure("freshness.paced.p50_ms", "Reporting",
                    "the same at 100 completions/s (paced writer, one viewer refetching), p50", "ms"),
            new Figure("freshness.paced.p99_ms", "Reporting",
                    "the same at 100 completions/s (paced writer, one viewer refetching), p99", "ms"),
            new Figure("ingest.events_per_s", "Reporting", "reporting ingest, activity-completed events applied", "events/s"),
            new Figure("ingest.spread.events_per_s", "Reporting",
                    "reporting ingest, the same events over 30 plans (every partition, a consumer each)", "events/s"),
            new Figure("ingest.ratio_to_one_row_commits", "Reporting",
                    "reporting ingest events/s ÷ one-row commits/s of the same database, same run", "×"),
            new Figure("dashboard.district.quarter.p50_ms", "Reporting", "district dashboard, one quarter, p50", "ms"),
            new Figure("dashboard.district.quarter.p99_ms", "Reporting", "district dashboard, one quarter, p99", "ms"),
            new Figure("dashboard.district.year.p50_ms", "Reporting", "district dashboard, whole year, p50", "ms"),
            new Figure("dashboard.district.year.p99_ms", "Reporting", "district dashboard, whole year, p99", "ms"),
            new Figure("dashboard.province.quarter.p50_ms", "Reporting", "province dashboard, one quarter, p50", "ms"),
            new Figure("dashboard.province.quarter.p99_ms", "Reporting", "province dashboard, one quarter, p99", "ms"),
            new Figure("dashboard.province.year.p50_ms", "Reporting", "province dashboard, whole year, p50", "ms"),
            new Figure("dashboard.province.year.p99_ms", "Reporting", "province dashboard, whole year, p99", "ms"),
            new Figure("dashboard.district.quarter.served.p99_ms", "Reporting",
                    "district dashboard, one quarter, p99, as in production (cache on: bodies kept by version)", "ms"),
            new Figure("dashboard.province.quarter.served.p99_ms", "Reporting",
                    "province dashboard, one quarter, p99, as in production (cache on: bodies kept by version)", "ms"),
            new Figure("dashboard.province.year.served.p99_ms", "Reporting",
                    "province dashboard, whole year, p99, as in production (cache on: bodies kept by version)", "ms"),
            new Figure("ingest.cpu_us_per_event", "Reporting",
                    "reporting ingest, CPU per event (listener thread + database; load-independent)", "µs"),
            new Figure("seed.province.rows_per_s", "Reporting", "read-model seeding (INSERT … SELECT generate_series)", "rows/s"),
            new Figure("gateway.direct.p50_ms", "Gateway", "GET direct to the backend, p50", "ms"),
            new Figure("gateway.direct.p99_ms", "Gateway", "GET direct to the backend, p99", "ms"),
            new Figure("gateway.direct.rps", "Gateway", "GET direct to the backend, throughput", "req/s"),
            new Figure("gateway.gateway.p50_ms", "Gateway", "GET through the gateway, p50", "ms"),
            new Figure("gateway.gateway.p99_ms", "Gateway", "GET through the gateway, p99", "ms"),
            new Figure("gateway.gateway.rps", "Gateway", "GET through the gateway, throughput", "req/s"),
            new Figure("gateway.gateway.ratio_p50", "Gateway", "gateway / direct, p50", "×"),
            new Figure("gateway.gateway.ratio_p99", "Gateway", "gateway / direct, p99", "×"),
            new Figure("gateway.gateway.ratio_rps", "Gateway", "gateway / direct, throughput", "×"),
            new Figure("gateway.before.p50_ms", "Gateway", "before the fix (same run): GET through the gateway, p50", "ms"),
            new Figure("gateway.before.p99_ms", "Gateway", "before the fix (same run): GET through the gateway, p99", "ms"),
            new Figure("gateway.before.rps", "Gateway", "before the fix (same run): throughput", "req/s"),
            new Figure("gateway.before.ratio_p50", "Gateway", "before the fix: gateway / direct, p50", "×"),
            new Figure("gateway.before.ratio_rps", "Gateway", "before the fix: gateway / direct, throughput", "×"));

    /** Figures as a fraction of what the machine does: {id, label, numerator, denominator}. */
    static final List<String[]> FRACTIONS = List.of(
            new String[] {"fraction.outbox_vs_jdbc_single", "outbox burst events/s ÷ plain JDBC one-row commits/s",
                    "outbox.burst.events_per_s", "ref.jdbc.single.rows_per_s"},
            new String[] {"fraction.outbox_vs_kafka_sync", "outbox burst events/s ÷ raw Kafka one-at-a-time msg/s",
                    "outbox.burst.events_per_s", "ref.kafka.sync.msgs_per_s"},
            new String[] {"fraction.completions_vs_jdbc_single", "completions/s ÷ plain JDBC one-row commits/s",
                    "completion.per_s", "ref.jdbc.single.rows_per_s"},
            new String[] {"fraction.ingest_vs_kafka_async", "reporting ingest events/s ÷ raw Kafka async msg/s",
                    "ingest.events_per_s", "ref.kafka.async.msgs_per_s"},
            new String[] {"fraction.ingest_vs_jdbc_single", "reporting ingest events/s ÷ plain JDBC one-row commits/s",
                    "ingest.events_per_s", "ref.jdbc.single.rows_per_s"},
            new String[] {"fraction.seed_vs_jdbc_batch", "read-model seeding rows/s ÷ plain JDBC batched rows/s",
                    "seed.province.rows_per_s", "ref.jdbc.batch.rows_per_s"});

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        Path root = null;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--root") && i + 1 < args.length) {
                root = Path.of(args[++i]);
            }
            else if (args[i].equals("--only") && i + 1 < args.length) {
                only.addAll(List.of(args[++i].split(",")));
            }
        }
        Result result = run(root == null ? findRoot() : root, smoke, only);
        System.out.println(result.markdown());
        System.out.println("Written: " + result.json + " and " + result.md);
        if (!result.failures.isEmpty()) {
            System.err.println("bench: FAILED: " + String.join("; ", result.failures));
            System.exit(1);
        }
    }

    /** What one run produced. */
    public record Result(Path json, Path md, Map<String, Double> figures, List<String> failures, String markdown) {
    }

    public static Result run(Path root, boolean smoke, List<String> only) throws IOException, InterruptedException {
        root = root.toAbsolutePath().normalize();
        Path out = root.resolve(smoke ? "target/bench/smoke" : "target/bench");
        Path figuresDir = out.resolve("figures");
        Path logs = out.resolve("logs");
        deleteRecursively(figuresDir);
        Files.createDirectories(figuresDir);
        Files.createDirectories(logs);
        Map<String, Object> machineStart = machine();
        String loadStart = loadAverage();
        Instant started = Instant.now();
        List<String> failures = new ArrayList<>();
        List<Map<String, Object>> suites = new ArrayList<>();
        for (Suite suite : SUITES) {
            if (!only.isEmpty() && !only.contains(suite.name())) {
                continue;
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("name", suite.name());
            report.put("module", suite.module());
            report.put("classes", suite.classes());
            report.put("settings", new TreeMap<>(smoke ? suite.smoke() : suite.full()));
            report.put("loadAverageBefore", loadAverage());
            long t0 = System.nanoTime();
            int status = fork(root, suite, smoke, figuresDir, logs.resolve(suite.name() + ".log"));
            report.put("seconds", round((System.nanoTime() - t0) / 1e9));
            report.put("loadAverageAfter", loadAverage());
            report.put("exitStatus", status);
            report.put("log", root.relativize(logs.resolve(suite.name() + ".log")).toString());
            if (status != 0) {
                // The log stays on the machine; CI keeps only the build's output, so the cause goes into the failure.
                failures.add(suite.name() + " exited with " + status + " (log: " + report.get("log") + ")"
                        + cause(logs.resolve(suite.name() + ".log")));
            }
            suites.add(report);
        }
        Map<String, Double> figures = readFigures(figuresDir);
        for (String[] fraction : FRACTIONS) {
            Double a = figures.get(fraction[2]);
            Double b = figures.get(fraction[3]);
            if (a != null && b != null && b > 0) {
                figures.put(fraction[0], a / b);
            }
        }
        for (Figure figure : FIGURES) {
            if (!only.isEmpty() && SUITES.stream().noneMatch(s -> only.contains(s.name()) && owns(s, figure.id()))) {
                continue;
            }
            Double value = figures.get(figure.id());
            if (value == null || !(value > 0)) {
                failures.add("figure " + figure.id() + " is " + (value == null ? "missing" : value));
            }
        }
        Map<String, Object> machine = new LinkedHashMap<>(machineStart);
        machine.put("loadAverageAtStart", loadStart);
        machine.put("loadAverageAtEnd", loadAverage());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", smoke ? "smoke" : "full");
        run.put("command", smoke ? "./loa bench --smoke" : "./loa bench");
        run.put("started", started.toString());
        run.put("finished", Instant.now().toString());
        run.put("seconds", round(Duration.between(started, Instant.now()).toMillis() / 1000.0));
        run.put("gitCommit", git(root));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        json.put("machine", machine);
        json.put("suites", suites);
        json.put("figures", new TreeMap<>(figures));
        json.put("failures", failures);
        // The plots of the same figures, the distributions of the same histograms (and of the last
        // ./loa bench --gateway, when there is one).
        List<String> plots = Plots.write(out.resolve("plots"), figures, figuresDir.resolve("histograms"),
                root.resolve("target/bench/gateway/results.tsv"));
        json.put("plots", plots.stream().map(name -> "plots/" + name).toList());
        Path jsonFile = out.resolve("results.json");
        Path mdFile = out.resolve("results.md");
        Files.writeString(jsonFile, Json.write(json) + "\n", StandardCharsets.UTF_8);
        StringBuilder plotLines = new StringBuilder();
        if (!plots.isEmpty()) {
            plotLines.append("\nPlots of this run (beside this file): ");
            plotLines.append(String.join(", ", plots.stream().map(name -> "[" + name + "](plots/" + name + ")").toList()));
            plotLines.append(".\n");
        }
        String markdown = markdown(run, machine, suites, figures, failures) + plotLines;
        Files.writeString(mdFile, markdown, StandardCharsets.UTF_8);
        if (!smoke && only.isEmpty() && failures.isEmpty()) {
            // A complete run is what the README quotes: docs/figures/bench.* (checked by DocumentationTests).
            Path figuresFiles = Files.createDirectories(root.resolve("docs/figures"));
            Files.copy(jsonFile, figuresFiles.resolve("bench.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(mdFile, figuresFiles.resolve("bench.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // bench.md links its plots beside it
            Path plotCopies = Files.createDirectories(figuresFiles.resolve("plots"));
            for (String plot : plots) {
                Files.copy(out.resolve("plots").resolve(plot), plotCopies.resolve(plot),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new Result(jsonFile, mdFile, figures, failures, markdown);
    }

    /**
     * The first failure the suite's log reports (the JUnit summary's exception and the lines after it), else its last
     * lines: enough to tell a timeout from a crash without the log.
     */
    static String cause(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "; log unreadable: " + e.getMessage();
        }
        // RunBenchmarkClasses prints JUnit's "Failures (n):" block with the exception; a JVM that died before has none.
        int first = -1;
        for (int i = 0; i < lines.size() && first < 0; i++) {
            if (lines.get(i).strip().startsWith("Failures (")) {
                first = i;
            }
        }
        List<String> shown = first >= 0 ? lines.subList(first, Math.min(lines.size(), first + 8))
                : lines.subList(Math.max(0, lines.size() - 8), lines.size());
        return "; " + (first >= 0 ? "first error" : "last lines") + ":\n    " + String.join("\n    ", shown);
    }

    /** Why a figure has no value: its suite was left out of this run (--only), or it is missing. */
    private static String absence(List<String> ran, String figureId) {
        boolean suiteRan = SUITES.stream().anyMatch(suite -> ran.contains(suite.name()) && owns(suite, figureId));
        return suiteRan ? "missing" : "not run";
    }

    static boolean owns(Suite suite, String figureId) {
        String prefix = figureId.substring(0, figureId.indexOf('.'));
        return switch (suite.name()) {
            case "messaging" -> prefix.equals("ref") || prefix.equals("outbox");
            case "activity" -> prefix.equals("completion");
            case "reporting" -> List.of("freshness", "ingest", "dashboard", "seed").contains(prefix);
            case "gateway" -> prefix.equals("gateway");
            default -> false;
        };
    }

    private static int fork(Path root, Suite suite, boolean smoke, Path figuresDir, Path log)
            throws IOException, InterruptedException {
        Path module = root.resolve(suite.module());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A smoke run only shows that every figure comes out: C1 alone starts the JVM's Spring contexts sooner and
        // spends no CPU on C2 compilation; a full run keeps C2, whose code the figures are about.
        String javaOpts = System.getenv().getOrDefault("LOA_BENCH_JAVA_OPTS", smoke
                ? "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dfile.encoding=UTF-8"
                : "-Xmx1g -XX:+UseSerialGC -Dfile.encoding=UTF-8");
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        command.add("-Dbenchmark=true");
        command.add("-Dbench.out=" + figuresDir);
        (smoke ? suite.smoke() : suite.full()).forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(classpath(root, module));
        command.add(RunBenchmarkClasses.class.getName());
        command.addAll(suite.classes());
        System.out.printf(Locale.ROOT, "%n== %s (%s): %s, log %s, load average %s%n", suite.name(), suite.module(),
                String.join(", ", suite.classes().stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).toList()),
                root.relativize(log), loadAverage());
        ProcessBuilder builder = new ProcessBuilder(command).directory(module.toFile()).redirectErrorStream(true);
        Process process = builder.start();
        try (var reader = process.inputReader(StandardCharsets.UTF_8);
             var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(line);
                writer.newLine();
                if (line.contains("[bench") || line.contains("BENCHMARK")) {
                    System.out.println("  " + line);
                }
            }
        }
        if (!process.waitFor(2, TimeUnit.HOURS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** The module's test classpath, as its build wrote it, plus this module's runner and the JUnit launcher. */
    static String classpath(Path root, Path module) throws IOException {
        Path file = module.resolve("target/test.classpath");
        Path own = root.resolve("infra/bench/target/test.classpath");
        Path ownClasses = root.resolve("infra/bench/target/classes");
        for (Path required : List.of(file, own, module.resolve("target/test-classes"), ownClasses)) {
            if (!Files.exists(required)) {
                throw new IllegalStateException(required + " is missing: build first with "
                        + "./mvnw -q -DskipTests package -pl infra/bench -am (./loa bench does)");
            }
        }
        List<String> entries = new ArrayList<>();
        entries.add(module.resolve("target/test-classes").toString());
        entries.add(module.resolve("target/classes").toString());
        entries.addAll(List.of(Files.readString(file).trim().split(java.io.File.pathSeparator)));
        entries.add(ownClasses.toString());
        for (String entry : Files.readString(own).trim().split(java.io.File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("junit-platform-launcher")) {
                entries.add(entry);
            }
        }
        return entries.stream().filter(e -> !e.isBlank()).distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    static Map<String, Double> readFigures(Path dir) throws IOException {
        Map<String, Double> figures = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                Properties properties = new Properties();
                try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                properties.forEach((k, v) -> figures.put(k.toString(), Double.parseDouble(v.toString().trim())));
            }
        }
        return figures;
    }

    /** "2026-12-06 07:37 UTC" for an instant's text (the figures files carry a date a reader and a check can find). */
    static String readableTime(Object instant) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                    .withZone(java.time.ZoneOffset.UTC).format(Instant.parse(String.valueOf(instant)));
        } catch (java.time.format.DateTimeParseException e) {
            return String.valueOf(instant);
        }
    }

    static String markdown(Map<String, Object> run, Map<String, Object> machine, List<Map<String, Object>> suites,
            Map<String, Double> figures, List<String> failures) {
        StringBuilder md = new StringBuilder();
        md.append("# Loa benchmark results (").append(run.get("mode")).append(" run)\n\n");
        md.append(String.format(Locale.ROOT,
                "`%s`, %s, %s s, commit %s. Machine: %s cores (%s), %s, Java %s; load average at start %s, at end %s.%n%n",
                run.get("command"), readableTime(run.get("started")), run.get("seconds"), run.get("gitCommit"), machine.get("cores"),
                machine.get("cpu"), machine.get("memory"), machine.get("java"), machine.get("loadAverageAtStart"),
                machine.get("loadAverageAtEnd")));
        md.append("| section | figure | value | unit |\n|---|---|---:|---|\n");
        List<String> ran = suites.stream().map(suite -> String.valueOf(suite.get("name"))).toList();
        for (Figure figure : FIGURES) {
            Double value = figures.get(figure.id());
            md.append("| ").append(figure.section()).append(" | ").append(figure.label()).append(" | ")
                    .append(value != null ? format(value) : absence(ran, figure.id())).append(" | ").append(figure.unit())
                    .append(" |\n");
        }
        for (String[] fraction : FRACTIONS) {
            Double value = figures.get(fraction[0]);
            md.append("| Fraction of the machine | ").append(fraction[1]).append(" | ")
                    .append(value != null ? String.format(Locale.ROOT, "%.3f", value)
                            : absence(ran, fraction[2]).equals("not run") ? "not run" : absence(ran, fraction[3]))
                    .append(" | ratio |\n");
        }
        List<String> known = FIGURES.stream().map(Figure::id).toList();
        List<String> others = figures.keySet().stream()
                .filter(id -> !known.contains(id) && !id.startsWith("fraction.")).toList();
        if (!others.isEmpty()) {
            md.append("\nMore figures of the same run (gateway variants, sizes, relay share):\n\n| id | value |\n|---|---:|\n");
            others.forEach(id -> md.append("| `").append(id).append("` | ").append(format(figures.get(id))).append(" |\n"));
        }
        md.append("\n| suite | seconds | load average before → after | exit |\n|---|---:|---|---:|\n");
        for (Map<String, Object> suite : suites) {
            md.append("| ").append(suite.get("name")).append(" | ").append(suite.get("seconds")).append(" | ")
                    .append(suite.get("loadAverageBefore")).append(" → ").append(suite.get("loadAverageAfter"))
                    .append(" | ").append(suite.get("exitStatus")).append(" |\n");
        }
        if (!failures.isEmpty()) {
            md.append("\nFailures:\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    static String format(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("memory", memory());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        machine.put("host", ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", ""));
        return machine;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        }
        catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal")).map(l -> {
                long kb = Long.parseLong(l.replaceAll("\\D", ""));
                return String.format(Locale.ROOT, "%.1f GB RAM", kb / 1024.0 / 1024.0);
            }).findFirst().orElse("unknown");
        }
        catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String git(Path root) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "unknown";
        }
        catch (IOException e) {
            return "unknown";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("infra/bench"))) {
                return d;
            }
        }
        throw new IllegalStateException("not inside the Loa repository: " + dir + " (use --root)");
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
