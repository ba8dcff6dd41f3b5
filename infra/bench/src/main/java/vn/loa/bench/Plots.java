package vn.loa.bench;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plots of a benchmark run, as PNG files beside results.md (issue 17.6): the latency of every measured path
 * (p50 and p99, log scale), the whole latency distribution of every path a benchmark kept a histogram of (test-support's
 * {@code Figures.distribution}: HdrHistogram's {@code .hgrm} files), and, when {@code ./loa bench --gateway} has run,
 * latency and throughput against the offered load, direct and through the gateway. Drawn from the run's own
 * measurements, never from anything else.
 */
final class Plots {

    private static final int WIDTH = 1100;

    private Plots() {
    }

    /** Writes what the figures allow into {@code dir}; returns the files written (relative names). */
    static List<String> write(Path dir, Map<String, Double> figures, Path gatewayTsv) throws IOException {
        return write(dir, figures, null, gatewayTsv);
    }

    /**
     * As {@link #write(Path, Map, Path)}, and one distribution chart per kind of path ({@code distribution-<kind>.png},
     * the kind being the first part of the path's id: dashboard, freshness, outbox, completion, gateway) from the
     * {@code .hgrm} files in {@code histograms}.
     */
    static List<String> write(Path dir, Map<String, Double> figures, Path histograms, Path gatewayTsv) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();
        if (latency(figures, dir.resolve("latency.png"))) {
            written.add("latency.png");
        }
        if (histograms != null && Files.isDirectory(histograms)) {
            written.addAll(distributions(histograms, dir));
        }
        if (gatewayTsv != null && Files.isRegularFile(gatewayTsv)) {
            written.addAll(gateway(readTsv(gatewayTsv), dir));
        }
        return written;
    }

    /** Every figure pair {@code <path>.p50_ms} / {@code <path>.p99_ms}: one bar each, on a log axis. */
    private static boolean latency(Map<String, Double> figures, Path file) throws IOException {
        Map<String, double[]> paths = new TreeMap<>();
        figures.forEach((id, value) -> {
            if (id.endsWith(".p50_ms") && value != null && value > 0) {
                String path = id.substring(0, id.length() - ".p50_ms".length());
                Double p99 = figures.get(path + ".p99_ms");
                if (p99 != null && p99 > 0) {
                    paths.put(path, new double[] {value, p99});
                }
            }
        });
        if (paths.isEmpty()) {
            return false;
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        paths.forEach((path, p) -> {
            data.addValue(p[0], "p50", path);
            data.addValue(p[1], "p99", path);
        });
        JFreeChart chart = ChartFactory.createBarChart("Latency per measured path (ms, log scale)", null, "ms", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        chart.getCategoryPlot().setRangeAxis(logAxis("ms"));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, 120 + 34 * paths.size());
        return true;
    }

    /**
     * Latency against percentile, HdrHistogram's way: the x axis is 1/(1 − percentile) on a log scale, labelled as
     * the percentile (0 %, 90 %, 99 %, 99.9 %, ...), so that the tail gets the room it matters by; ms on a log scale.
     */
    private static List<String> distributions(Path histograms, Path dir) throws IOException {
        Map<String, XYSeriesCollection> perKind = new TreeMap<>();
        List<Path> files;
        try (var listing = Files.list(histograms)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".hgrm")).sorted().toList();
        }
        for (Path file : files) {
            String id = file.getFileName().toString().replaceFirst("\\.hgrm$", "");
            XYSeries series = new XYSeries(id, false, true);
            for (double[] point : readDistribution(file)) {
                series.add(point[1], point[0]);
            }
            if (!series.isEmpty()) {
                String kind = id.contains(".") ? id.substring(0, id.indexOf('.')) : id;
                perKind.computeIfAbsent(kind, k -> new XYSeriesCollection()).addSeries(series);
            }
        }
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, XYSeriesCollection> kind : perKind.entrySet()) {
            JFreeChart chart = ChartFactory.createXYLineChart("Latency distribution: " + kind.getKey()
                            + " (ms against percentile, both log scale)", "percentile", "ms", kind.getValue(),
                    PlotOrientation.VERTICAL, true, false, false);
            LogAxis percentile = new LogAxis("percentile");
            percentile.setSmallestValue(1);
            // a tick per power of ten of 1/(1 − p): 0 %, 90 %, 99 %, 99.9 %, ...
            percentile.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0), false, true);
            percentile.setNumberFormatOverride(new PercentileFormat());
            chart.getXYPlot().setDomainAxis(percentile);
            chart.getXYPlot().setRangeAxis(logAxis("ms"));
            String name = "distribution-" + kind.getKey() + ".png";
            ChartUtils.saveChartAsPNG(dir.resolve(name).toFile(), chart, WIDTH, 560);
            written.add(name);
        }
        return written;
    }

    /** The rows of an {@code .hgrm} file as {value, 1/(1 − percentile)}; the 100 % row (infinite) is left out. */
    static List<double[]> readDistribution(Path file) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length != 4 || line.startsWith("#")) {
                continue;
            }
            try {
                double value = Double.parseDouble(cells[0]);
                double inverse = Double.parseDouble(cells[3]);
                if (Double.isFinite(inverse) && inverse >= 1 && value > 0) {
                    points.add(new double[] {value, inverse});
                }
            } catch (NumberFormatException header) {
                // the column titles
            }
        }
        return points;
    }

    /** 1/(1 − p) shown as p: 1 → 0 %, 10 → 90 %, 100 → 99 %, 1,000 → 99.9 %. */
    static final class PercentileFormat extends java.text.NumberFormat {

        @Override
        public StringBuffer format(double inverse, StringBuffer to, java.text.FieldPosition position) {
            double percent = 100 * (1 - 1 / inverse);
            if (!Double.isFinite(percent) || percent < 0) {
                return to.append(" "); // below the first tick: 1/(1 − p) < 1 is no percentile
            }
            String text = new java.math.BigDecimal(percent).setScale(4, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString();
            return to.append(text).append(" %");
        }

        @Override
        public StringBuffer format(long inverse, StringBuffer to, java.text.FieldPosition position) {
            return format((double) inverse, to, position);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition position) {
            throw new UnsupportedOperationException("labels only");
        }
    }

    /**
     * gateway-processes.sh's results.tsv: per backend, the runs at 25/50/75 % of the direct path's saturation and at
     * saturation. Latency: one chart per backend, p50 and p99 direct and through the gateway at each load level;
     * throughput: requests per second achieved at each level, direct and through the gateway, every backend.
     */
    private static List<String> gateway(List<String[]> rows, Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        if (rows.size() < 2) {
            return written;
        }
        Map<String, Integer> column = new LinkedHashMap<>();
        String[] header = rows.get(0);
        for (int i = 0; i < header.length; i++) {
            column.put(header[i], i);
        }
        Map<String, DefaultCategoryDataset> latencyPerBackend = new LinkedHashMap<>();
        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        for (String[] row : rows.subList(1, rows.size())) {
            String backend = value(row, column, "backend");
            String load = value(row, column, "load");
            if (backend == null || load == null) {
                continue;
            }
            String level = load.matches("\\d+") ? load + " %" : load;
            DefaultCategoryDataset latency = latencyPerBackend.computeIfAbsent(backend, b -> new DefaultCategoryDataset());
            put(latency, number(row, column, "direct_p50_ms"), "direct p50", level);
            put(latency, number(row, column, "direct_p99_ms"), "direct p99", level);
            put(latency, number(row, column, "gateway_p50_ms"), "gateway p50", level);
            put(latency, number(row, column, "gateway_p99_ms"), "gateway p99", level);
            put(throughput, number(row, column, "direct_rps"), "direct", backend + " " + level);
            put(throughput, number(row, column, "gateway_rps"), "through the gateway", backend + " " + level);
        }
        for (Map.Entry<String, DefaultCategoryDataset> backend : latencyPerBackend.entrySet()) {
            if (backend.getValue().getRowCount() == 0) {
                continue;
            }
            // every backend is a GET but the completion, a POST
            String request = backend.getKey().equals("completion") ? "POST completion" : "GET " + backend.getKey();
            JFreeChart chart = ChartFactory.createLineChart(request
                            + ": latency against load (share of the direct path's saturation), ms, log scale",
                    "offered load", "ms", backend.getValue(), PlotOrientation.VERTICAL, true, false, false);
            chart.getCategoryPlot().setRangeAxis(logAxis("ms"));
            String name = "gateway-" + backend.getKey() + "-latency-against-load.png";
            ChartUtils.saveChartAsPNG(dir.resolve(name).toFile(), chart, WIDTH, 500);
            written.add(name);
        }
        if (throughput.getRowCount() > 0) {
            JFreeChart chart = ChartFactory.createBarChart("Requests per second achieved against offered load, log scale",
                    null, "req/s", throughput, PlotOrientation.HORIZONTAL, true, false, false);
            chart.getCategoryPlot().setRangeAxis(logAxis("req/s", 10));
            ChartUtils.saveChartAsPNG(dir.resolve("gateway-throughput-against-load.png").toFile(), chart, WIDTH,
                    120 + 34 * throughput.getColumnCount());
            written.add("gateway-throughput-against-load.png");
        }
        return written;
    }

    private static LogAxis logAxis(String label) {
        return logAxis(label, 0.01);
    }

    /** A log axis from {@code smallest} (bars start at zero, which a log axis cannot show). */
    private static LogAxis logAxis(String label, double smallest) {
        LogAxis axis = new LogAxis(label);
        axis.setSmallestValue(smallest);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.##"));
        return axis;
    }

    private static void put(DefaultCategoryDataset data, Double value, String series, String category) {
        if (value != null && value > 0) {
            data.addValue(value, series, category);
        }
    }

    private static List<String[]> readTsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static String value(String[] row, Map<String, Integer> column, String name) {
        Integer i = column.get(name);
        return i == null || i >= row.length || row[i].isBlank() ? null : row[i].trim();
    }

    private static Double number(String[] row, Map<String, Integer> column, String name) {
        String text = value(row, column, name);
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
