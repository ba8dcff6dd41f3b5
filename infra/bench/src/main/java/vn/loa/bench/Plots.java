package vn.loa.bench;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

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
 * (p50 and p99, log scale), and, when {@code ./loa bench --gateway} has run, latency and throughput against the
 * offered load, direct and through the gateway. Drawn from the same figures as the tables, never from anything else.
 */
final class Plots {

    private static final int WIDTH = 1100;

    private Plots() {
    }

    /** Writes what the figures allow into {@code dir}; returns the files written (relative names). */
    static List<String> write(Path dir, Map<String, Double> figures, Path gatewayTsv) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();
        if (latency(figures, dir.resolve("latency.png"))) {
            written.add("latency.png");
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
            JFreeChart chart = ChartFactory.createLineChart("GET " + backend.getKey()
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
