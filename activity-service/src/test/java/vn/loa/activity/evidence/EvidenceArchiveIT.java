package vn.loa.activity.evidence;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.testsupport.TestTokens;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A commune's evidence of a quarter in one ZIP: folders per completed activity, the files, the manifest. */
class EvidenceArchiveIT extends IntegrationTestSupport {

    static final String COMMUNE = "duc-yen";
    static final String OFFICER = officerOf(COMMUNE);

    @Value("${local.server.port}")
    int port;

    private UUID completed(EvidenceClient client, UUID plan, String title, LocalDate due, LocalDate on, boolean withLinks) {
        UUID id = schedule(OFFICER, plan, title, due);
        Map<String, Object> body = completion(on, 1);
        if (!withLinks) {
            body.remove("evidence");
        }
        Http.Response done = http.post("/api/activities/" + id + "/complete", OFFICER, body,
                Map.of("If-Match", http.get("/api/activities/" + id, OFFICER).header("ETag")));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        return id;
    }

    @Test
    void aQuartersEvidenceIsOneZipWithAFolderPerActivityAndAManifest() throws Exception {
        EvidenceClient client = new EvidenceClient(port);
        UUID plan = issuedPlan(COMMUNE);
        UUID radio = completed(client, plan, "Chuyên mục CCHC tháng 4", LocalDate.of(2022, 4, 30), LocalDate.of(2022, 4, 15), false);
        UUID lawDay = completed(client, plan, "=Ngày pháp luật tháng 5", LocalDate.of(2022, 5, 31), LocalDate.of(2022, 5, 9), true);
        UUID march = completed(client, plan, "Tin bài tháng 3", LocalDate.of(2022, 3, 31), LocalDate.of(2022, 3, 28), false);
        UUID open = schedule(OFFICER, plan, "Pano tháng 6", LocalDate.of(2022, 6, 30));

        byte[] photo = Samples.jpeg(320, 240);
        byte[] minutes = Samples.pdf("Bien ban", 500, 31);
        byte[] otherMinutes = Samples.pdf("Bien ban 2", 500, 32);
        assertThat(client.upload(OFFICER, radio, "Ảnh phát thanh.jpg", "image/jpeg", photo, "Buổi sáng").status()).isEqualTo(201);
        assertThat(client.upload(OFFICER, radio, "Biên bản.pdf", "application/pdf", minutes, null).status()).isEqualTo(201);
        assertThat(client.upload(OFFICER, radio, "Biên bản.pdf", "application/pdf", otherMinutes, null).status()).isEqualTo(201);
        assertThat(client.upload(OFFICER, march, "Tin bài.pdf", "application/pdf", Samples.pdf("T3", 10, 33), null).status()).isEqualTo(201);
        assertThat(client.upload(OFFICER, open, "Pano.jpg", "image/jpeg", Samples.jpeg(50, 50), null).status()).isEqualTo(201);

        EvidenceClient.Response zip = client.get("/api/evidence/" + COMMUNE + "/2022-Q2.zip", OFFICER);
        assertThat(zip.status()).as(zip.toString()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        String disposition = zip.header("Content-Disposition");
        assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2), StandardCharsets.UTF_8))
                .isEqualTo("minh-chung duc-yen 2022-Q2.zip");

        Map<String, byte[]> entries = unzip(zip.body());
        String folder = "2022-04-15 Chuyên mục CCHC tháng 4 " + radio.toString().substring(0, 8) + "/";
        assertThat(entries.keySet()).containsExactly(folder + "Ảnh phát thanh.jpg", folder + "Biên bản.pdf",
                folder + "Biên bản (2).pdf", "manifest.csv");
        assertThat(entries.get(folder + "Ảnh phát thanh.jpg")).isEqualTo(photo);
        assertThat(entries.get(folder + "Biên bản (2).pdf")).isEqualTo(otherMinutes);

        byte[] manifest = entries.get("manifest.csv");
        assertThat(manifest).startsWith(0xEF, 0xBB, 0xBF);
        List<CSVRecord> rows = csv(manifest);
        assertThat(rows).hasSize(5);
        CSVRecord first = rows.get(0);
        assertThat(first.get("activityId")).isEqualTo(radio.toString());
        assertThat(first.get("kind")).isEqualTo("file");
        assertThat(first.get("path")).isEqualTo(folder + "Ảnh phát thanh.jpg");
        assertThat(first.get("sha256")).isEqualTo(sha256(photo));
        assertThat(first.get("size")).isEqualTo(String.valueOf(photo.length));
        assertThat(first.get("note")).isEqualTo("Buổi sáng");
        assertThat(first.get("uploadedBy")).isEqualTo("ducyen.vhtt");
        assertThat(first.get("stored")).isEqualTo("yes");
        // The law day has links and notes only (recorded with its completion), no file; its title is made text.
        List<CSVRecord> links = rows.stream().filter(r -> r.get("activityId").equals(lawDay.toString())).toList();
        assertThat(links).extracting(r -> r.get("kind")).containsOnly("link");
        assertThat(links).extracting(r -> r.get("url")).contains("https://lienminh.ductho.hatinh.gov.vn/cchc/bai-1");
        assertThat(links.get(0).get("activityTitle")).isEqualTo("'=Ngày pháp luật tháng 5");
        assertThat(rows).noneMatch(r -> r.get("activityId").equals(march.toString()) || r.get("activityId").equals(open.toString()));

        // The half year holds both quarters; the March item is there too.
        Map<String, byte[]> half = unzip(client.get("/api/evidence/" + COMMUNE + "/2022-H1.zip", OFFICER).body());
        assertThat(half.keySet()).anyMatch(k -> k.startsWith("2022-03-28 Tin bài tháng 3 ")).hasSize(5);
    }

    @Test
    void theZipIsForThoseWhoMayReadTheCommunesActivities() {
        EvidenceClient client = new EvidenceClient(port);
        issuedPlan(COMMUNE);
        assertThat(client.get("/api/evidence/" + COMMUNE + "/2022-Q2.zip", DISTRICT_OFFICER).status()).isEqualTo(200);
        assertThat(client.get("/api/evidence/" + COMMUNE + "/2022-Q2.zip", PROVINCE_VIEWER).status()).isEqualTo(200);
        EvidenceClient.Response other = client.get("/api/evidence/" + COMMUNE + "/2022-Q2.zip",
                TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau"));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(client.get("/api/evidence/khong-co/2022-Q2.zip", DISTRICT_OFFICER).status()).isEqualTo(404);
        assertThat(client.get("/api/evidence/" + COMMUNE + "/2022-Q5.zip", OFFICER).status()).isEqualTo(400);
        assertThat(client.get("/api/evidence/" + COMMUNE + "/2022-Q2.zip",
                TestTokens.bearer("operator", "OPERATOR", "ha-tinh")).status()).isEqualTo(403);
        assertThat(client.get("/api/evidence/" + COMMUNE + "/2022-Q2.zip", null).status()).isEqualTo(401);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static List<CSVRecord> csv(byte[] manifest) throws IOException {
        String text = new String(manifest, 3, manifest.length - 3, StandardCharsets.UTF_8);
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertThat(parser.getHeaderNames()).isEqualTo(EvidenceArchive.COLUMNS);
            return parser.getRecords();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
