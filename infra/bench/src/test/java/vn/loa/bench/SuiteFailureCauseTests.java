package vn.loa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed suite's cause travels in the failure itself: CI keeps the build's output, not the suite's log. */
class SuiteFailureCauseTests {

    @TempDir
    Path dir;

    @Test
    void aFailedSuiteReportsJUnitsFailureBlock() throws Exception {
        Path log = dir.resolve("reporting.log");
        Files.write(log, List.of("2026-12-06 INFO starting", "Failures (1):", "  JUnit Jupiter:ReportingBenchmark:benchmark()",
                "    => java.lang.AssertionError: completion 0 không hiện trên bảng trong 30 s", "[bench] done"));

        String cause = Bench.cause(log);

        assertThat(cause).startsWith("; first error:").contains("completion 0 không hiện trên bảng trong 30 s")
                .doesNotContain("starting");
    }

    @Test
    void aSuiteThatDiedWithoutJUnitsSummaryReportsItsLastLines() throws Exception {
        Path log = dir.resolve("gateway.log");
        Files.write(log, List.of("line 1", "line 2", "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space"));

        assertThat(Bench.cause(log)).startsWith("; last lines:").contains("OutOfMemoryError");
    }
}
