package vn.loa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./loa verify}'s figures: from the log of a {@code ./mvnw -B -ntp verify} run (its reactor summary) and the
 * test reports it left, writes {@code docs/figures/verify.json} and {@code docs/figures/verify.md}: wall-clock
 * time, per-module times, tests run, with the date, commit, machine and load average. The README quotes these
 * files; {@code DocumentationTests} (infra/deployment) checks that it quotes them right.
 * <p>
 * Arguments: {@code --build <dir of the build> --log <maven log> --out <dir> --seconds <wall clock>
 * --load-start "<1 5 15>" [--load-end "<1 5 15>", default now] --commit <sha> --command "<what ran>" [--readme <README.md to update>]}. With
 * {@code --readme}, the README's one line that starts with {@link #README_LINE_START} is rewritten from the new
 * figures, so that the README and the file it quotes never disagree after a run.
 */
public final class VerifyFigures {

    /**
     * {@code [INFO] Loa messaging ....... SUCCESS [02:07 min]} (also {@code [ 41.2 s]}, {@code [01:02 h]}; a long
     * name has no dots).
     */
    private static final Pattern REACTOR_LINE = Pattern.compile(
            "^\\[INFO] (.+?)[ .]+(SUCCESS|FAILURE|SKIPPED)(?: \\[\\s*([0-9:.]+) (s|min|h)])?\\s*$");
    private static final Pattern TESTSUITE = Pattern.compile(
            "<testsuite\\b[^>]*?\\btests=\"(\\d+)\"[^>]*>", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(tests|failures|errors|skipped)=\"(\\d+)\"");
    /** The README line {@code --readme} rewrites (and the only one). */
    static final String README_LINE_START = "Last `./loa verify`:";

    private VerifyFigures() {
    }

    /** One module of the reactor summary. */
    record Module(String name, String result, double seconds) {
    }

    /** Tests of one kind in one module (from its TEST-*.xml reports). */
    record Tests(int run, int failures, int errors, int skipped) {
        Tests plus(Tests o) {
            return new Tests(run + o.run, failures + o.failures, errors + o.errors, skipped + o.skipped);
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path build = Path.of(options.getOrDefault("build", "."));
        Path out = Path.of(options.getOrDefault("out", "docs/figures"));
        List<String> log = Files.readAllLines(Path.of(options.get("log")), StandardCharsets.UTF_8);
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "0"));
        Map<String, Object> json = figures(log, build, seconds, options.getOrDefault("load-start", Bench.loadAverage()),
                options.getOrDefault("load-end", Bench.loadAverage()), options.getOrDefault("commit", "unknown"), options.getOrDefault("command", "./mvnw -B -ntp verify"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("verify.json"), Json.write(json) + "\n", StandardCharsets.UTF_8);
        String markdown = markdown(json);
        Files.writeString(out.resolve("verify.md"), markdown, StandardCharsets.UTF_8);
        System.out.println(markdown);
        if (options.containsKey("readme")) {
            Path readme = Path.of(options.get("readme"));
            String updated = withReadmeLine(Files.readString(readme, StandardCharsets.UTF_8), readmeLine(json));
            Files.writeString(readme, updated, StandardCharsets.UTF_8);
            System.out.println("Updated " + readme + ": " + readmeLine(json));
        }
    }

    /**
     * The README's sentence about the last run, each figure in bold as {@code verify.md} writes it (which
     * {@code DocumentationTests} checks).
     */
    @SuppressWarnings("unchecked")
    static String readmeLine(Map<String, Object> json) {
        Map<String, Object> run = (Map<String, Object>) json.get("run");
        Map<String, Object> machine = (Map<String, Object>) json.get("machine");
        Map<String, Object> tests = (Map<String, Object>) json.get("tests");
        return String.format(Locale.ROOT, "%s **%s** in **%s**, **%s tests**, on %s cores at load average **%s** at the"
                        + " start (commit %s, %s): [docs/figures/verify.md](docs/figures/verify.md).",
                README_LINE_START, run.get("result"), run.get("wallClock"), tests.get("total"), machine.get("cores"),
                machine.get("loadAverageAtStart"), run.get("commit"), run.get("finished"));
    }

    /** {@code readme} with its line starting with {@link #README_LINE_START} replaced by {@code line}. */
    static String withReadmeLine(String readme, String line) {
        List<String> lines = new ArrayList<>(List.of(readme.split("\n", -1)));
        int replaced = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(README_LINE_START)) {
                lines.set(i, line);
                replaced++;
            }
        }
        if (replaced != 1) {
            throw new IllegalStateException("README.md should have exactly one line starting with '" + README_LINE_START
                    + "', has " + replaced);
        }
        return String.join("\n", lines);
    }

    static Map<String, Object> figures(List<String> log, Path build, double seconds, String loadStart, String loadEnd,
                                       String commit, String command) throws IOException {
        List<Module> modules = reactor(log);
        Map<String, Tests> surefire = tests(build, "surefire-reports");
        Map<String, Tests> failsafe = tests(build, "failsafe-reports");
        Tests unit = surefire.values().stream().reduce(new Tests(0, 0, 0, 0), Tests::plus);
        Tests integration = failsafe.values().stream().reduce(new Tests(0, 0, 0, 0), Tests::plus);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", command);
        run.put("finished", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now()));
        run.put("commit", commit);
        int failed = unit.failures() + unit.errors() + integration.failures() + integration.errors();
        // -Dmaven.test.failure.ignore=true ends in BUILD SUCCESS with failed tests: not a green run.
        run.put("result", log.stream().noneMatch(l -> l.contains("BUILD SUCCESS")) ? "BUILD FAILURE"
                : failed > 0 ? "TESTS FAILED" : "BUILD SUCCESS");
        run.put("seconds", Math.round(seconds));
        run.put("wallClock", duration(seconds));
        run.put("threads", log.stream().filter(l -> l.contains("Using the MultiThreadedBuilder")).findFirst()
                .map(l -> l.replaceAll(".*thread count of (\\d+).*", "$1")).orElse("1"));
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverageAtStart", loadStart);
        machine.put("loadAverageAtEnd", loadEnd);
        Map<String, Object> tests = new LinkedHashMap<>();
        tests.put("total", unit.run() + integration.run());
        tests.put("unit", unit.run());
        tests.put("integration", integration.run());
        tests.put("failures", failed);
        tests.put("skipped", unit.skipped() + integration.skipped());
        List<Map<String, Object>> perModule = new ArrayList<>();
        for (Module module : modules) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", module.name());
            m.put("result", module.result());
            m.put("seconds", module.seconds());
            m.put("time", duration(module.seconds()));
            perModule.add(m);
        }
        Map<String, Object> perDirectory = new TreeMap<>();
        for (String dir : union(surefire, failsafe)) {
            Tests u = surefire.getOrDefault(dir, new Tests(0, 0, 0, 0));
            Tests i = failsafe.getOrDefault(dir, new Tests(0, 0, 0, 0));
            perDirectory.put(dir, Map.of("unit", u.run(), "integration", i.run()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        json.put("machine", machine);
        json.put("tests", tests);
        json.put("modules", perModule);
        json.put("testsPerModule", perDirectory);
        return json;
    }

    static List<Module> reactor(List<String> log) {
        List<Module> modules = new ArrayList<>();
        boolean inSummary = false;
        for (String line : log) {
            if (line.contains("Reactor Summary")) {
                inSummary = true;
                modules.clear();
                continue;
            }
            if (!inSummary) {
                continue;
            }
            Matcher m = REACTOR_LINE.matcher(line);
            if (line.contains("BUILD SUCCESS") || line.contains("BUILD FAILURE")) {
                inSummary = false;
            } else if (m.find()) {
                modules.add(new Module(m.group(1).trim(), m.group(2), m.group(3) == null ? 0 : seconds(m.group(3), m.group(4))));
            }
        }
        return modules;
    }

    static double seconds(String value, String unit) {
        String[] parts = value.split(":");
        return switch (unit) {
            case "s" -> Double.parseDouble(value);
            case "min" -> Integer.parseInt(parts[0]) * 60 + Double.parseDouble(parts[1]);
            default -> Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60;
        };
    }

    /** 742.4 → "12 min 22 s"; 41.2 → "41 s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60) : s + " s";
    }

    /** Tests per module directory (relative to {@code build}) from {@code target/<kind>/TEST-*.xml}. */
    static Map<String, Tests> tests(Path build, String kind) throws IOException {
        Map<String, Tests> tests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(build)) {
            for (Path report : files.filter(f -> f.getFileName().toString().startsWith("TEST-")
                    && f.getFileName().toString().endsWith(".xml") && f.getParent().getFileName().toString().equals(kind)).toList()) {
                Path module = build.relativize(report.getParent().getParent().getParent());
                String head = Files.readString(report, StandardCharsets.UTF_8);
                Matcher suite = TESTSUITE.matcher(head);
                if (!suite.find()) {
                    continue;
                }
                Map<String, Integer> values = new LinkedHashMap<>();
                Matcher attribute = ATTRIBUTE.matcher(suite.group());
                while (attribute.find()) {
                    values.put(attribute.group(1), Integer.parseInt(attribute.group(2)));
                }
                Tests found = new Tests(values.getOrDefault("tests", 0), values.getOrDefault("failures", 0),
                        values.getOrDefault("errors", 0), values.getOrDefault("skipped", 0));
                tests.merge(module.toString().isEmpty() ? "." : module.toString(), found, Tests::plus);
            }
        }
        return tests;
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> all = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !all.contains(k)).forEach(all::add);
        all.sort(String::compareTo);
        return all;
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> json) {
        Map<String, Object> run = (Map<String, Object>) json.get("run");
        Map<String, Object> machine = (Map<String, Object>) json.get("machine");
        Map<String, Object> tests = (Map<String, Object>) json.get("tests");
        StringBuilder md = new StringBuilder();
        md.append("# `./mvnw verify` figures\n\n");
        md.append("Written by `./loa verify` (`infra/bench`, `VerifyFigures`); the README quotes this file and\n"
                + "`DocumentationTests` (infra/deployment) checks that it quotes it right. Do not edit by hand.\n\n");
        md.append(String.format(Locale.ROOT, "`%s`, finished %s, commit %s, %s thread(s); %s cores, load average %s at the"
                        + " start, %s at the end.%n%n", run.get("command"), run.get("finished"), run.get("commit"),
                run.get("threads"), machine.get("cores"), machine.get("loadAverageAtStart"), machine.get("loadAverageAtEnd")));
        md.append(String.format(Locale.ROOT, "| figure | value |%n|---|---|%n| result | **%s** |%n| wall clock | **%s** |%n"
                        + "| tests run | **%s tests** (%s unit, %s integration; %s failed, %s skipped) |%n%n",
                run.get("result"), run.get("wallClock"), tests.get("total"), tests.get("unit"), tests.get("integration"),
                tests.get("failures"), tests.get("skipped")));
        md.append("Per module (wall clock of each module's build; with several threads they overlap):\n\n");
        md.append("| module | result | time |\n|---|---|---:|\n");
        for (Map<String, Object> module : (List<Map<String, Object>>) json.get("modules")) {
            md.append("| ").append(module.get("name")).append(" | ").append(module.get("result")).append(" | ")
                    .append(module.get("time")).append(" |\n");
        }
        md.append("\nTests per module directory (from the Surefire and Failsafe reports):\n\n");
        md.append("| directory | unit | integration |\n|---|---:|---:|\n");
        ((Map<String, Map<String, Object>>) json.get("testsPerModule")).forEach((dir, t) -> md.append("| ").append(dir)
                .append(" | ").append(t.get("unit")).append(" | ").append(t.get("integration")).append(" |\n"));
        return md.toString();
    }
}
