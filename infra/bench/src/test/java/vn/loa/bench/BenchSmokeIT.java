package vn.loa.bench;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness keeps working: {@code ./loa bench --smoke} (every benchmark at small sizes, each module
 * in its own JVM) writes results.json and results.md with every figure present and positive.
 */
class BenchSmokeIT {

    @Test
    void smokeRunProducesEveryFigure() throws Exception {
        Bench.Result result = Bench.run(Bench.findRoot(), true, List.of());

        assertThat(result.failures()).as("failures of the smoke run").isEmpty();
        assertThat(result.json()).exists();
        assertThat(result.md()).exists();
        String json = Files.readString(result.json());
        String md = Files.readString(result.md());
        for (Bench.Figure figure : Bench.FIGURES) {
            assertThat(result.figures().get(figure.id())).as(figure.id()).isNotNull().isPositive();
            assertThat(json).contains("\"" + figure.id() + "\"");
            assertThat(md).contains(figure.label());
        }
        assertThat(json).contains("\"loadAverageAtStart\"", "\"loadAverageAtEnd\"", "\"cores\"");
        assertThat(md).doesNotContain("missing");
    }
}
