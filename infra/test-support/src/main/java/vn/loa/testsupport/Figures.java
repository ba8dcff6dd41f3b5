package vn.loa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.HdrHistogram.AbstractHistogram;

/**
 * The figures tests and benchmarks measure, printed in one greppable form: {@code FIGURE <text>} lines in the build
 * log and the reports' output files ({@code grep -rh '^FIGURE' <module>/target/surefire-reports}), and for {@code ./loa bench}
 * (infra/bench, which runs a benchmark with {@code -Dbench.out=<dir>}) {@code <id>=<value>} lines appended to
 * {@code <dir>/figures.properties}, and latency histograms as {@code <dir>/histograms/<id>.hgrm}.
 */
public final class Figures {

    /** The system property naming the directory of {@code figures.properties} (set by infra/bench). */
    public static final String OUT = "bench.out";

    private Figures() {
    }

    /** Prints {@code FIGURE } and the formatted text ({@link String#format} in {@link Locale#ROOT}: 1,234.5). */
    public static void print(String format, Object... args) {
        System.out.println("FIGURE " + String.format(Locale.ROOT, format, args));
    }

    /**
     * A named figure: printed as {@code FIGURE <id> = <value>}, and appended as {@code <id>=<value>} to
     * {@code figures.properties} when {@code -Dbench.out} names a directory.
     */
    public static void record(String id, double value) {
        String formatted = String.format(Locale.ROOT, "%.4f", value);
        System.out.println("FIGURE " + id + " = " + formatted);
        String out = System.getProperty(OUT);
        if (out == null || out.isBlank()) {
            return;
        }
        try {
            Path file = Path.of(out, "figures.properties");
            Files.createDirectories(file.getParent());
            Files.writeString(file, id + "=" + formatted + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A latency histogram of a named path, in HdrHistogram's percentile distribution format ({@code .hgrm}: value in
     * milliseconds, percentile, count, 1/(1-percentile)), written to {@code <dir>/histograms/<id>.hgrm} when
     * {@code -Dbench.out} names a directory: {@code ./loa bench} draws every path's whole distribution from these,
     * not only its p50 and p99. Replaces an earlier file of the same id (a path is measured once per run).
     *
     * @param unitsPerMillisecond what the histogram recorded per millisecond (1e6 for nanoseconds, 1e3 for µs)
     */
    public static void distribution(String id, AbstractHistogram histogram, double unitsPerMillisecond) {
        String out = System.getProperty(OUT);
        if (out == null || out.isBlank() || histogram.getTotalCount() == 0) {
            return;
        }
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a distribution's id names a file: letters, digits, '.', '_', '-': " + id);
        }
        try {
            Path file = Path.of(out, "histograms", id + ".hgrm");
            Files.createDirectories(file.getParent());
            try (java.io.PrintStream stream = new java.io.PrintStream(Files.newOutputStream(file), false,
                    StandardCharsets.UTF_8)) {
                histogram.outputPercentileDistribution(stream, 5, unitsPerMillisecond);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
