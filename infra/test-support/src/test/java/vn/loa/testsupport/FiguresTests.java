package vn.loa.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FiguresTests {

    @TempDir
    Path out;

    @AfterEach
    void forgetTheOutput() {
        System.clearProperty(Figures.OUT);
    }

    @Test
    void aDistributionIsWrittenInMillisecondsForBenchToDraw() throws Exception {
        System.setProperty(Figures.OUT, out.toString());
        Histogram nanos = new Histogram(60_000_000_000L, 3);
        for (int i = 1; i <= 100; i++) {
            nanos.recordValue(i * 1_000_000L); // 1 .. 100 ms
        }

        Figures.distribution("dashboard.district.quarter", nanos, 1e6);

        List<String> lines = Files.readAllLines(out.resolve("histograms/dashboard.district.quarter.hgrm"),
                StandardCharsets.UTF_8);
        assertThat(lines.get(0)).contains("Value").contains("Percentile");
        String median = lines.stream().filter(l -> l.trim().matches("[\\d.]+\\s+0\\.5000+\\s.*")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(median.trim().split("\\s+")[0])).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(lines).anyMatch(l -> l.contains("Max") && l.contains("100.0"));
    }

    @Test
    void withoutAnOutputDirectoryOrSamplesNothingIsWritten() {
        Histogram h = new Histogram(3);
        h.recordValue(5);
        Figures.distribution("completion", h, 1e3);

        System.setProperty(Figures.OUT, out.toString());
        Figures.distribution("completion", new Histogram(3), 1e3);

        assertThat(out.resolve("histograms")).doesNotExist();
    }

    @Test
    void anIdThatIsNotAFileNameIsRefused() {
        System.setProperty(Figures.OUT, out.toString());
        Histogram h = new Histogram(3);
        h.recordValue(5);

        assertThatThrownBy(() -> Figures.distribution("../elsewhere", h, 1e3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(out.resolve("histograms")).doesNotExist();
    }
}
