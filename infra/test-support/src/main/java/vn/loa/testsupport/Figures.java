package vn.loa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The figures tests and benchmarks measure, printed in one greppable form: {@code FIGURE <text>} lines in the build
 * log and the reports' output files ({@code grep -rh '^FIGURE' <module>/target/surefire-reports}), and for {@code ./loa bench}
 * (infra/bench, which runs a benchmark with {@code -Dbench.out=<dir>}) {@code <id>=<value>} lines appended to
 * {@code <dir>/figures.properties}.
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
}
