package vn.loa.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlotsTests {

    @TempDir
    Path dir;

    @Test
    void everyPathWithAP50AndAP99GetsItsBarsAndTheGatewayRunItsCurves() throws Exception {
        Map<String, Double> figures = Map.of(
                "dashboard.district.quarter.p50_ms", 63.5, "dashboard.district.quarter.p99_ms", 411.0,
                "completion.p50_ms", 30.7, "completion.p99_ms", 118.0,
                "outbox.paced.p50_ms", 6.17, // no p99: not drawn
                "ingest.events_per_s", 5876.0);
        Path tsv = dir.resolve("results.tsv");
        Files.writeString(tsv, """
                backend\tload\trate_req_s\tdirect_rps\tdirect_p50_ms\tdirect_p99_ms\tgateway_rps\tgateway_p50_ms\tgateway_p99_ms\tadded_p50_ms\tadded_p99_ms\tgateway_cpu_us_per_req\tratio_rps\tloadavg
                plan\t25\t263\t263.7\t6.600\t14.600\t263.7\t8.300\t16.900\t1.70\t2.30\t\t\t7.08
                plan\t50\t527\t527.5\t4.400\t9.400\t526.1\t7.300\t18.100\t2.90\t8.70\t\t\t6.30
                plan\tsaturation\t-\t2298.0\t3.420\t7.990\t1107.1\t6.950\t14.060\t3.53\t6.07\t\t0.48\t6.70
                """);

        var written = Plots.write(dir.resolve("plots"), figures, tsv);

        assertThat(written).containsExactly("latency.png", "gateway-plan-latency-against-load.png",
                "gateway-throughput-against-load.png");
        BufferedImage latency = ImageIO.read(dir.resolve("plots/latency.png").toFile());
        assertThat(latency.getWidth()).isEqualTo(1100);
        assertThat(latency.getHeight()).isEqualTo(120 + 34 * 2); // two paths: the one without p99 is left out
        assertThat(ImageIO.read(dir.resolve("plots/gateway-throughput-against-load.png").toFile())).isNotNull();
    }

    @Test
    void withoutLatencyFiguresOrAGatewayRunNothingIsDrawn() throws Exception {
        assertThat(Plots.write(dir.resolve("plots"), Map.of("ingest.events_per_s", 5876.0), dir.resolve("absent.tsv")))
                .isEmpty();
    }

    @Test
    void everyKeptHistogramIsDrawnAsAWholeDistributionOneChartPerKindOfPath() throws Exception {
        Path histograms = Files.createDirectories(dir.resolve("histograms"));
        String hgrm = """
                       Value     Percentile TotalCount 1/(1-Percentile)

                       2.000 0.000000000000          1           1.00
                       5.000 0.500000000000         50           2.00
                       9.000 0.900000000000         90          10.00
                      40.000 0.990000000000         99         100.00
                      80.000 1.000000000000        100
                #[Mean    =        6.000, StdDeviation   =        9.000]
                #[Max     =       80.000, Total count    =          100]
                #[Buckets =           21, SubBuckets     =         2048]
                """;
        Files.writeString(histograms.resolve("dashboard.district.quarter.served.hgrm"), hgrm);
        Files.writeString(histograms.resolve("dashboard.district.year.served.hgrm"), hgrm);
        Files.writeString(histograms.resolve("completion.hgrm"), hgrm);
        Files.writeString(histograms.resolve("notes.txt"), "not a histogram");

        var written = Plots.write(dir.resolve("plots"), Map.of(), histograms, null);

        assertThat(written).containsExactly("distribution-completion.png", "distribution-dashboard.png");
        assertThat(ImageIO.read(dir.resolve("plots/distribution-dashboard.png").toFile()).getHeight()).isEqualTo(560);
        assertThat(Plots.readDistribution(histograms.resolve("completion.hgrm")))
                .extracting(point -> point[0] + "@" + point[1])
                .containsExactly("2.0@1.0", "5.0@2.0", "9.0@10.0", "40.0@100.0"); // the 100 % row has no finite x
    }

    @Test
    void theDistributionAxisSpeaksInPercentiles() {
        Plots.PercentileFormat format = new Plots.PercentileFormat();
        assertThat(format.format(1.0)).isEqualTo("0 %");
        assertThat(format.format(10.0)).isEqualTo("90 %");
        assertThat(format.format(100.0)).isEqualTo("99 %");
        assertThat(format.format(1000.0)).isEqualTo("99.9 %");
    }
}
