package vn.loa.activity.evidence;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import vn.loa.activity.IntegrationTestSupport;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What uploads and the ZIP cost: 20 MiB files one after the other and four at once, 12 MP photos (thumbnail
 * included), and the ZIP of an activity's 100 MiB, with the peak heap of the JVM meanwhile (service, embedded Kafka
 * and the client together: an upper bound). The client streams its bodies from files, so the heap is the server's.
 * Not a test; run with the production limits (README, "Evidence files"):
 * {@code -Dit.test=EvidenceBenchmark -Devidence.it.max-file-size=20MB -Devidence.it.max-files=20 -Devidence.it.max-total=100MB}.
 */
class EvidenceBenchmark extends IntegrationTestSupport {

    private static final HttpClient CLIENT = HttpClient.newBuilder().build();

    @Autowired
    EvidenceProperties properties;
    @Value("${local.server.port}")
    int port;

    @Test
    void uploadsAndZip() throws Exception {
        assertThat(properties.maxFileSize().toMegabytes()).as("run with the production limits").isGreaterThanOrEqualTo(20);
        Path dir = Files.createTempDirectory("evidence-benchmark");
        String officer = officerOf("an-dung");
        UUID plan = issuedPlan("an-dung");
        StringBuilder report = new StringBuilder("activity-service evidence benchmark\n");

        // 20 MiB - 1 KiB documents (PDF with a random comment), one after the other.
        UUID big = schedule(officer, plan, "Hồ sơ lớn", LocalDate.of(2022, 6, 30));
        List<Path> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bodies.add(multipart(dir, "ho-so-" + i + ".pdf", Samples.pdf("x", 20 * 1024 * 1024 - 1024 - 600, i)));
        }
        resetPeaks();
        long t0 = System.nanoTime();
        List<Double> sequential = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long s = System.nanoTime();
            assertThat(upload(officer, big, bodies.get(i))).isEqualTo(201);
            sequential.add((System.nanoTime() - s) / 1e6);
        }
        double seqSeconds = (System.nanoTime() - t0) / 1e9;
        report.append(String.format("  4 × 20 MiB uploads one after the other: %s ms each, %.1f MiB/s; peak heap %s%n",
                sequential.stream().map(d -> String.format("%.0f", d)).toList(), 80 / seqSeconds, peakHeapMiB()));

        // Four at once, to four activities.
        List<UUID> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(schedule(officer, plan, "Hồ sơ song song " + i, LocalDate.of(2022, 6, 30)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        resetPeaks();
        long t1 = System.nanoTime();
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID target = four.get(i);
            Path body = bodies.get(i);
            answers.add(pool.submit(() -> upload(officer, target, body)));
        }
        for (Future<Integer> a : answers) {
            assertThat(a.get()).isEqualTo(201);
        }
        double parSeconds = (System.nanoTime() - t1) / 1e9;
        pool.shutdown();
        report.append(String.format("  4 × 20 MiB uploads at once: %.1f s in all, %.1f MiB/s; peak heap %s%n",
                parSeconds, 80 / parSeconds, peakHeapMiB()));

        // 12 MP photos (4000 × 3000, noisy, JPEG quality 0.9): decode with subsampling, thumbnail, EXIF.
        UUID photos = schedule(officer, plan, "Ảnh hội nghị", LocalDate.of(2022, 6, 30));
        List<Double> photoMs = new ArrayList<>();
        long photoBytes = 0;
        List<Path> photoBodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] jpeg = photo(4000, 3000, i);
            photoBytes = jpeg.length;
            photoBodies.add(multipart(dir, "anh-" + i + ".jpg", jpeg));
        }
        resetPeaks();
        for (Path body : photoBodies) {
            long s = System.nanoTime();
            assertThat(upload(officer, photos, body)).isEqualTo(201);
            photoMs.add((System.nanoTime() - s) / 1e6);
        }
        report.append(String.format("  12 MP photo (%.1f MiB) with its thumbnail: %s ms each; peak heap %s%n",
                photoBytes / 1048576.0, photoMs.stream().map(d -> String.format("%.0f", d)).toList(), peakHeapMiB()));

        // The ZIP of a commune's quarter holding the 8 × 20 MiB and the photos.
        Http completeAll = new Http();
        for (UUID id : List.of(big, four.get(0), four.get(1), four.get(2), four.get(3), photos)) {
            completeAll.complete(officer, id);
        }
        resetPeaks();
        long t2 = System.nanoTime();
        HttpResponse<InputStream> zip = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/evidence/an-dung/2022-Q2.zip"))
                .header("Authorization", officer).build(), HttpResponse.BodyHandlers.ofInputStream());
        long zipBytes;
        try (InputStream in = zip.body(); OutputStream sink = OutputStream.nullOutputStream()) {
            zipBytes = in.transferTo(sink);
        }
        double zipSeconds = (System.nanoTime() - t2) / 1e9;
        assertThat(zip.statusCode()).isEqualTo(200);
        report.append(String.format("  ZIP of the quarter: %.1f MiB in %.1f s (%.1f MiB/s); peak heap %s%n",
                zipBytes / 1048576.0, zipSeconds, zipBytes / 1048576.0 / zipSeconds, peakHeapMiB()));
        report.append(String.format("  JVM: %d cores available (shared), max heap %d MiB; filesystem store%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1048576));
        System.out.println(report);
        Files.writeString(Path.of("target", "evidence-benchmark.txt"), report.toString());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** Completes an activity on 15 June 2022 (period 2022-Q2). */
    private final class Http {
        void complete(String bearer, UUID id) throws Exception {
            HttpResponse<String> current = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/activities/" + id))
                    .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
            String body = "{\"completedOn\":\"2022-06-15\",\"quantity\":1}";
            HttpResponse<String> done = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/activities/" + id + "/complete"))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .header("If-Match", current.headers().firstValue("ETag").orElse("*"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        }
    }

    private int upload(String bearer, UUID activity, Path body) throws IOException, InterruptedException {
        String boundary = Files.readString(body.resolveSibling(body.getFileName() + ".boundary"));
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/activities/" + activity + "/evidence"))
                .header("Authorization", bearer).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofFile(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return r.statusCode();
    }

    private static Path multipart(Path dir, String name, byte[] content) throws IOException {
        String boundary = "----loa" + UUID.randomUUID();
        Path body = dir.resolve(UUID.randomUUID() + ".body");
        try (OutputStream out = Files.newOutputStream(body)) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(body.resolveSibling(body.getFileName() + ".boundary"), boundary);
        return body;
    }

    private static byte[] photo(int width, int height, long seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(48);
                image.setRGB(x, y, ((x * 255 / width + noise) & 0xff) << 16 | ((y * 255 / height + noise) & 0xff) << 8 | noise);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Heap in use right after a full collection: what the peaks below are to be compared with. */
    private long baseline;

    private void resetPeaks() {
        System.gc();
        baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** "peak 171 MiB (live before: 95 MiB)": the peak counts garbage too, so it is an upper bound. */
    private String peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576 + " MiB (live after GC before: " + baseline + " MiB)";
    }
}
