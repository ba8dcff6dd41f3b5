package vn.loa.bench;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness keeps working: {@code ./loa bench --smoke} (benchmarks at small sizes, each module in its own JVM)
 * writes results.json and results.md with every figure of the suites it ran present and positive.
 * <p>
 * In {@code ./mvnw verify} it runs all four suites (each a JVM with its own PostgreSQL, broker and Spring context;
 * about two minutes of the build's tail, beside the end-to-end stack); {@code -Dloa.bench.smoke.only=messaging,...}
 * runs a subset, and then only that subset's figures are checked.
 */
class BenchSmokeIT {

    @Test
    void smokeRunProducesEveryFigure() throws Exception {
        List<String> only = Arrays.stream(System.getProperty("loa.bench.smoke.only", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        Bench.Result result = Bench.run(Bench.findRoot(), true, only);

        assertThat(result.failures()).as("failures of the smoke run").isEmpty();
        assertThat(result.json()).exists();
        assertThat(result.md()).exists();
        String json = Files.readString(result.json());
        String md = Files.readString(result.md());
        int checked = 0;
        for (Bench.Figure figure : Bench.FIGURES) {
            if (!only.isEmpty() && Bench.SUITES.stream().noneMatch(s -> only.contains(s.name()) && Bench.owns(s, figure.id()))) {
                continue;
            }
            assertThat(result.figures().get(figure.id())).as(figure.id()).isNotNull().isPositive();
            assertThat(json).contains("\"" + figure.id() + "\"");
            assertThat(md).contains(figure.label());
            checked++;
        }
        assertThat(checked).as("figures checked").isPositive();
        assertThat(json).contains("\"loadAverageAtStart\"", "\"loadAverageAtEnd\"", "\"cores\"");
        assertThat(md).doesNotContain("missing");
        // Each suite's latency histograms come out as whole distributions (Plots, test-support's Figures.distribution).
        java.util.Map<String, List<String>> distributions = java.util.Map.of("messaging", List.of("outbox"),
                "activity", List.of("completion"), "reporting", List.of("dashboard", "freshness"), "gateway", List.of("gateway"));
        distributions.forEach((suite, kinds) -> {
            if (only.isEmpty() || only.contains(suite)) {
                kinds.forEach(kind -> assertThat(json).contains("\"plots/distribution-" + kind + ".png\""));
            }
        });
    }
}
