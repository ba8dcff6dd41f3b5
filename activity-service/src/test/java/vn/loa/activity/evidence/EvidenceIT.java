package vn.loa.activity.evidence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.Http;
import vn.loa.contracts.EventContracts;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.activity.Upstream;
import vn.loa.testsupport.TestTokens;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Evidence files through the running service, on the shared PostgreSQL and the filesystem store. The build lowers
 * the limits for the ITs (failsafe system properties in the pom: 256 KB per file, 5 files and 1 MB per activity),
 * so that no test has to send 20 MiB; the code paths are the production ones.
 */
class EvidenceIT extends IntegrationTestSupport {

    static final String TUNG_CHAU_OFFICER = TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau");
    static final String OPERATOR = TestTokens.bearer("operator", "OPERATOR", "ha-tinh");
    static final long MAX_FILE = 256 * 1024;

    @Autowired
    EvidenceProperties properties;
    @Value("${local.server.port}")
    int port;

    EvidenceClient client;

    @BeforeEach
    void client() {
        client = new EvidenceClient(port);
        assertThat(properties.maxFileSize().toBytes()).as("the ITs' lowered limit (pom)").isEqualTo(MAX_FILE);
    }

    UUID activityOf(String commune) {
        return schedule(officerOf(commune), issuedPlan(commune), "Chuyên mục CCHC tháng 6", LocalDate.of(2022, 6, 30));
    }

    String etagOf(UUID activity, String bearer) {
        return http.get("/api/activities/" + activity, bearer).header("ETag");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static void assertProblem(EvidenceClient.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("code").asString()).as(r.toString()).isEqualTo(code);
        assertThat(r.text()).doesNotContain("Exception", "at vn.", "at org.");
    }

    @Test
    void photosAndDocumentsAreKeptWithTheTypeTheirBytesHaveTheirSizeAndHash() throws Exception {
        UUID activity = activityOf("lien-minh");
        byte[] jpeg = Samples.jpeg(1600, 1200);
        byte[] png = Samples.png(64, 48);
        byte[] pdf = Samples.pdf("Bien ban", 0, 1);
        byte[] docx = Samples.docx("Báo cáo kết quả");

        // Phones often declare application/octet-stream: the bytes decide.
        EvidenceClient.Response photo = client.upload(LIEN_MINH_OFFICER, activity, "Ảnh buổi phát thanh.jpg",
                "application/octet-stream", jpeg, "Phát thanh lúc 6 giờ sáng");
        assertThat(photo.status()).as(photo.toString()).isEqualTo(201);
        JsonNode view = photo.json();
        String href = "/api/activities/" + activity + "/evidence/" + view.get("id").asString();
        assertThat(photo.header("Location")).isEqualTo(href);
        assertThat(photo.header("ETag")).isEqualTo("\"" + sha256(jpeg) + "\"");
        assertThat(view.get("name").asString()).isEqualTo("Ảnh buổi phát thanh.jpg");
        assertThat(view.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(view.get("size").asLong()).isEqualTo(jpeg.length);
        assertThat(view.get("sha256").asString()).isEqualTo(sha256(jpeg));
        assertThat(view.get("thumbnail").asString()).isEqualTo(href + "/thumbnail");
        assertThat(view.get("width").asInt()).isEqualTo(1600);
        assertThat(view.get("note").asString()).isEqualTo("Phát thanh lúc 6 giờ sáng");
        assertThat(view.get("uploadedBy").asString()).isEqualTo("lienminh.vhtt");
        assertThat(view.get("uploadedAt").asString()).endsWith("+07:00");

        assertThat(client.upload(LIEN_MINH_OFFICER, activity, "so-do.png", "image/png", png, null).json()
                .get("contentType").asString()).isEqualTo("image/png");
        EvidenceClient.Response scan = client.upload(LIEN_MINH_OFFICER, activity, "Biên bản.pdf", "application/pdf", pdf, null);
        assertThat(scan.json().get("contentType").asString()).isEqualTo("application/pdf");
        assertThat(scan.json().has("thumbnail")).isFalse();
        EvidenceClient.Response word = client.upload(LIEN_MINH_OFFICER, activity, "Báo cáo.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx, null);
        assertThat(word.status()).as(word.toString()).isEqualTo(201);
        assertThat(word.json().get("contentType").asString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        JsonNode list = client.get("/api/activities/" + activity + "/evidence", LIEN_MINH_OFFICER).json();
        assertThat(list.get("total").asLong()).isEqualTo(4);
        assertThat(list.get("items").valueStream().map(i -> i.get("name").asString()))
                .containsExactly("Ảnh buổi phát thanh.jpg", "so-do.png", "Biên bản.pdf", "Báo cáo.docx");
    }

    @Test
    void aDownloadIsTheBytesWithTheirTypeTheirNameInNfcAndNosniff() throws Exception {
        UUID activity = activityOf("lien-minh");
        byte[] pdf = Samples.pdf("Hoi nghi", 2000, 2);
        // macOS and some Android pickers send decomposed (NFD) names.
        String nfd = Normalizer.normalize("Biên bản hội nghị tuyên truyền.pdf", Normalizer.Form.NFD);
        JsonNode view = client.upload(LIEN_MINH_OFFICER, activity, nfd, "application/pdf", pdf, null).json();
        assertThat(view.get("name").asString()).isEqualTo("Biên bản hội nghị tuyên truyền.pdf")
                .matches(n -> Normalizer.isNormalized(n, Normalizer.Form.NFC));

        EvidenceClient.Response download = client.get(view.get("href").asString(), LIEN_MINH_OFFICER);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(pdf.length));
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("ETag")).isEqualTo("\"" + sha256(pdf) + "\"");
        String disposition = download.header("Content-Disposition");
        assertThat(disposition).startsWith("attachment; filename=\"Bien ban hoi nghi tuyen truyen.pdf\"; filename*=UTF-8''");
        String utf8 = URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2), StandardCharsets.UTF_8);
        assertThat(utf8).isEqualTo("Biên bản hội nghị tuyên truyền.pdf");

        EvidenceClient.Response again = client.get(view.get("href").asString(), LIEN_MINH_OFFICER,
                Map.of("If-None-Match", download.header("ETag")));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void aPhotoGetsAThumbnailOf320PixelsUprightAndADocumentNone() throws Exception {
        UUID activity = activityOf("lien-minh");
        JsonNode photo = client.upload(LIEN_MINH_OFFICER, activity, "pano.jpg", "image/jpeg", Samples.jpeg(1600, 1200), null).json();
        EvidenceClient.Response thumbnail = client.get(photo.get("thumbnail").asString(), LIEN_MINH_OFFICER);
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.header("Content-Type")).isEqualTo("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);

        // Held upright, the phone stored it sideways and said so in EXIF: width and height are the upright ones.
        JsonNode portrait = client.upload(LIEN_MINH_OFFICER, activity, "doc.jpg", "image/jpeg",
                Samples.jpegWithOrientation(800, 400, 6, true), null).json();
        assertThat(portrait.get("width").asInt()).isEqualTo(400);
        assertThat(portrait.get("height").asInt()).isEqualTo(800);
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(
                client.get(portrait.get("thumbnail").asString(), LIEN_MINH_OFFICER).body()));
        assertThat(upright.getWidth()).isEqualTo(160);
        assertThat(upright.getHeight()).isEqualTo(320);

        JsonNode pdf = client.upload(LIEN_MINH_OFFICER, activity, "x.pdf", "application/pdf", Samples.pdf("x", 0, 3), null).json();
        assertProblem(client.get(pdf.get("href").asString() + "/thumbnail", LIEN_MINH_OFFICER), 404, "no-thumbnail");

        // HEIC: kept, measured from its header, not decoded (no decoder in the JDK), so no thumbnail.
        JsonNode heic = client.upload(LIEN_MINH_OFFICER, activity, "IMG_0412.HEIC", "image/heic", Samples.heic(4032, 3024), null).json();
        assertThat(heic.get("contentType").asString()).isEqualTo("image/heic");
        assertThat(heic.get("name").asString()).isEqualTo("IMG_0412.heic");
        assertThat(heic.get("width").asInt()).isEqualTo(4032);
        assertThat(heic.has("thumbnail")).isFalse();
    }

    @Test
    void aFileThatLiesAboutItsTypeIsRefusedWith415() {
        UUID activity = activityOf("lien-minh");
        EvidenceClient.Response text = client.upload(LIEN_MINH_OFFICER, activity, "anh-hop-dan.jpg", "image/jpeg",
                "Đây là văn bản, không phải ảnh".getBytes(StandardCharsets.UTF_8), null);
        assertProblem(text, 415, "unsupported-media-type");
        assertThat(text.json().get("detected").asString()).isEqualTo("text/plain");
        assertThat(text.json().get("allowed").valueStream().map(JsonNode::asString)).contains("image/jpeg", "application/pdf");
        // the Vietnamese message names the formats without English words around them
        assertThat(text.json().get("detail").asString())
                .contains("Được nhận: JPEG, PNG, WebP, HEIC/HEIF, PDF, DOCX, XLSX.").doesNotContain("photos", "documents");
        assertProblem(client.upload(LIEN_MINH_OFFICER, activity, "bao-cao.docx", "application/octet-stream", Samples.docm(), null),
                415, "unsupported-media-type");
        assertProblem(client.upload(LIEN_MINH_OFFICER, activity, "tai-lieu.docx", "application/zip",
                Samples.zip("a.txt", "x"), null), 415, "unsupported-media-type");
        assertThat(client.get("/api/activities/" + activity + "/evidence", LIEN_MINH_OFFICER).json().get("total").asLong()).isZero();
    }

    @Test
    void aFileOverTheLimitIs413AndNothingIsKept() {
        UUID activity = activityOf("lien-minh");
        EvidenceClient.Response tooLarge = client.upload(LIEN_MINH_OFFICER, activity, "lon.pdf", "application/pdf",
                Samples.pdf("x", (int) MAX_FILE, 4), null);
        assertProblem(tooLarge, 413, "payload-too-large");
        assertThat(tooLarge.json().get("limit").asLong()).isEqualTo(MAX_FILE);
        assertThat(tooLarge.json().get("detail").asString()).contains("256 KiB", "một tệp minh chứng");

        // Past the route's body limit (file limit + 64 KiB of envelope) the filter refuses before anything reads it.
        EvidenceClient.Response body = client.upload(LIEN_MINH_OFFICER, activity, "rat-lon.pdf", "application/pdf",
                Samples.pdf("x", 400 * 1024, 5), null);
        assertProblem(body, 413, "payload-too-large");
        assertThat(body.json().get("limit").asLong()).isEqualTo(MAX_FILE + 64 * 1024);
        assertThat(body.json().get("detail").asString()).contains("evidence uploads");

        assertThat(client.get("/api/activities/" + activity + "/evidence", LIEN_MINH_OFFICER).json().get("total").asLong()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM evidence_orphan WHERE storage_key LIKE :k")
                .param("k", "activities/" + activity + "/%").query(Long.class).single()).isZero();
    }

    @Test
    void aDecompressionBombIsRefusedBeforeAnythingDecodesIt() {
        UUID activity = activityOf("lien-minh");
        EvidenceClient.Response bomb = client.upload(LIEN_MINH_OFFICER, activity, "bom.png", "image/png",
                Samples.pngHeader(100_000, 100_000), null);
        assertProblem(bomb, 413, "image-too-large");
        assertThat(bomb.json().get("pixels").asLong()).isEqualTo(10_000_000_000L);
    }

    @Test
    void theSameBytesTwiceAreOneFile() {
        UUID activity = activityOf("lien-minh");
        byte[] jpeg = Samples.jpeg(64, 64);
        EvidenceClient.Response first = client.upload(LIEN_MINH_OFFICER, activity, "a.jpg", "image/jpeg", jpeg, null);
        EvidenceClient.Response again = client.upload(LIEN_MINH_OFFICER, activity, "a (1).jpg", "image/jpeg", jpeg, null);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(client.get("/api/activities/" + activity + "/evidence", LIEN_MINH_OFFICER).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void anActivityTakesAtMostItsNumberOfFilesAndBytes() {
        UUID counted = activityOf("lien-minh");
        for (int i = 0; i < 5; i++) {
            assertThat(client.upload(LIEN_MINH_OFFICER, counted, "bien-ban-" + i + ".pdf", "application/pdf",
                    Samples.pdf("so " + i, 100, i), null).status()).isEqualTo(201);
        }
        EvidenceClient.Response sixth = client.upload(LIEN_MINH_OFFICER, counted, "bien-ban-6.pdf", "application/pdf",
                Samples.pdf("so 6", 100, 6), null);
        assertProblem(sixth, 409, "evidence-count-limit");
        assertThat(sixth.json().get("limit").asInt()).isEqualTo(5);

        UUID weighed = activityOf("lien-minh");
        for (int i = 0; i < 4; i++) {
            assertThat(client.upload(LIEN_MINH_OFFICER, weighed, "anh-" + i + ".pdf", "application/pdf",
                    Samples.pdf("so " + i, 250 * 1024, 10 + i), null).status()).isEqualTo(201);
        }
        EvidenceClient.Response over = client.upload(LIEN_MINH_OFFICER, weighed, "them.pdf", "application/pdf",
                Samples.pdf("them", 100 * 1024, 20), null);
        assertProblem(over, 413, "evidence-total-limit");
        assertThat(over.json().get("limit").asLong()).isEqualTo(1024 * 1024);
    }

    /**
     * Eight uploads at once to an activity that may take five more: exactly five are kept, whichever replica takes
     * them (the lock is the activity's row in the shared database, so threads here stand for replicas), and the
     * refused ones leave no object behind.
     */
    @Test
    void uploadsAtTheSameMomentCannotPassTheCountLimit() throws Exception {
        UUID activity = activityOf("lien-minh");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<EvidenceClient.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                byte[] pdf = Samples.pdf("dong thoi " + i, 20 * 1024, 100 + i);
                String name = "dong-thoi-" + i + ".pdf";
                Callable<EvidenceClient.Response> upload = () -> client.upload(LIEN_MINH_OFFICER, activity, name, "application/pdf", pdf, null);
                answers.add(pool.submit(upload));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<EvidenceClient.Response> answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM evidence_file WHERE activity_id = :a").param("a", activity)
                .query(Long.class).single()).isEqualTo(5);
        Path stored = properties.filesystem().directory().resolve("activities").resolve(activity.toString());
        try (Stream<Path> files = Files.list(stored)) {
            assertThat(files.filter(f -> !f.getFileName().toString().endsWith(".part"))).hasSize(5);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM evidence_orphan WHERE storage_key LIKE :k")
                .param("k", "activities/" + activity + "/%").query(Long.class).single()).isZero();
    }

    @Test
    void anotherCommunesOfficerFindsNothingAndAViewerOnlyReads() {
        UUID activity = activityOf("lien-minh");
        JsonNode file = client.upload(LIEN_MINH_OFFICER, activity, "anh.jpg", "image/jpeg", Samples.jpeg(100, 80), null).json();
        String list = "/api/activities/" + activity + "/evidence";
        String href = file.get("href").asString();
        String etag = "\"" + file.get("sha256").asString() + "\"";

        assertProblem(client.get(list, TUNG_CHAU_OFFICER), 404, "not-found");
        assertProblem(client.get(href, TUNG_CHAU_OFFICER), 404, "not-found");
        assertProblem(client.get(href + "/thumbnail", TUNG_CHAU_OFFICER), 404, "not-found");
        assertProblem(client.upload(TUNG_CHAU_OFFICER, activity, "x.jpg", "image/jpeg", Samples.jpeg(10, 10), null), 404, "not-found");
        assertProblem(client.delete(href, TUNG_CHAU_OFFICER, etag), 404, "not-found");
        assertProblem(client.get("/api/activities/" + UUID.randomUUID() + "/evidence", LIEN_MINH_OFFICER), 404, "not-found");
        assertProblem(client.get(list + "/" + UUID.randomUUID(), LIEN_MINH_OFFICER), 404, "not-found");

        assertThat(client.get(list, PROVINCE_VIEWER).json().get("total").asLong()).isEqualTo(1);
        assertThat(client.get(href, PROVINCE_VIEWER).status()).isEqualTo(200);
        assertThat(client.get(href, DISTRICT_OFFICER).status()).isEqualTo(200);
        assertProblem(client.upload(PROVINCE_VIEWER, activity, "x.jpg", "image/jpeg", Samples.jpeg(10, 10), null), 403, "forbidden");
        assertProblem(client.delete(href, PROVINCE_VIEWER, etag), 403, "forbidden");
        assertProblem(client.get(list, OPERATOR), 403, "forbidden");
        assertThat(client.get(list, null).status()).isEqualTo(401);
        assertThat(client.get(href, null).status()).isEqualTo(401);
        assertThat(client.upload(null, activity, "x.jpg", "image/jpeg", Samples.jpeg(10, 10), null).status()).isEqualTo(401);
    }

    @Test
    void deletingNeedsIfMatchAndRemovesTheObjects() {
        UUID activity = activityOf("lien-minh");
        JsonNode file = client.upload(LIEN_MINH_OFFICER, activity, "anh.jpg", "image/jpeg", Samples.jpeg(640, 480), null).json();
        String href = file.get("href").asString();
        String key = "activities/" + activity + "/" + file.get("id").asString();
        Path object = properties.filesystem().directory().resolve(key);
        Path thumbnail = properties.filesystem().directory().resolve(key + ".thumb.jpg");
        assertThat(object).exists();
        assertThat(thumbnail).exists();

        assertProblem(client.delete(href, LIEN_MINH_OFFICER, null), 428, "precondition-required");
        assertProblem(client.delete(href, LIEN_MINH_OFFICER, "\"" + "0".repeat(64) + "\""), 412, "version-conflict");
        EvidenceClient.Response deleted = client.delete(href, LIEN_MINH_OFFICER, "\"" + file.get("sha256").asString() + "\"");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        assertThat(object).doesNotExist();
        assertThat(thumbnail).doesNotExist();
        assertProblem(client.get(href, LIEN_MINH_OFFICER), 404, "not-found");
        assertThat(jdbc.sql("SELECT count(*) FROM evidence_orphan WHERE storage_key LIKE :k").param("k", key + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void anUploadAndADeletionArePublishedAsTheirContractsSayUnderTheActivitysPlan() throws Exception {
        UUID plan = issuedPlan("lien-minh");
        UUID activity = schedule(LIEN_MINH_OFFICER, plan, "Phát thanh CCHC tháng 6", LocalDate.of(2022, 6, 30));
        byte[] photo = Samples.jpeg(320, 240);
        String name = "Ảnh buổi phát thanh.jpg"; // NFC
        JsonNode file = client.upload(LIEN_MINH_OFFICER, activity, name, "image/jpeg", photo, null).json();
        UUID id = UUID.fromString(file.get("id").asString());
        // The same bytes again are the same file: nothing new to publish.
        client.upload(LIEN_MINH_OFFICER, activity, "lan-hai.jpg", "image/jpeg", photo, null);
        assertThat(client.delete(file.get("href").asString(), LIEN_MINH_OFFICER,
                "\"" + file.get("sha256").asString() + "\"").status()).isEqualTo(204);

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.about(id).size() == 2);
        List<ActivityTopic.Received> events = ActivityTopic.about(id);
        assertThat(events).extracting(ActivityTopic.Received::type).containsExactly("evidence-added", "evidence-removed");
        for (ActivityTopic.Received r : events) {
            EventContracts.assertValid(r.type(), r.value());
            assertThat(r.key()).isEqualTo(plan.toString());
        }
        JsonNode added = events.get(0).envelope().get("data");
        assertThat(added.get("activityId").asString()).isEqualTo(activity.toString());
        assertThat(added.get("orgUnit").asString()).isEqualTo("lien-minh");
        assertThat(added.get("name").asString()).isEqualTo(file.get("name").asString()).isEqualTo(name);
        assertThat(added.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(added.get("size").asLong()).isEqualTo(photo.length);
        assertThat(added.get("sha256").asString()).isEqualTo(sha256(photo));
        JsonNode removed = events.get(1).envelope().get("data");
        assertThat(removed.get("sha256").asString()).isEqualTo(sha256(photo));
        assertThat(removed.get("removedBy").asString()).isEqualTo("lienminh.vhtt");
    }

    @Test
    void theEvidenceOfAClosedPeriodStays() {
        String commune = "duc-lang";
        String officer = officerOf(commune);
        UUID activity = schedule(officer, issuedPlan(commune), "Ngày pháp luật tháng 3", LocalDate.of(2022, 3, 31));
        Http.Response done = http.post("/api/activities/" + activity + "/complete", officer, completion(LocalDate.of(2022, 3, 10), 1),
                Map.of("If-Match", etagOf(activity, officer)));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        JsonNode file = client.upload(officer, activity, "ngay-phap-luat.jpg", "image/jpeg", Samples.jpeg(200, 100), null).json();

        Upstream.sendPeriod("quarter-closed", Upstream.quarterClosed("2022-Q1", "ductho.vhtt",
                OffsetDateTime.of(2022, 3, 20, 9, 30, 0, 0, ZoneOffset.ofHours(7)),
                List.of(Upstream.window(commune, LocalDate.of(2021, 12, 15), LocalDate.of(2022, 3, 14)))));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM period_lock WHERE org_unit = :ou AND closed_at IS NOT NULL").param("ou", commune)
                .query(Long.class).single() == 1);

        EvidenceClient.Response refused = client.delete(file.get("href").asString(), officer, "\"" + file.get("sha256").asString() + "\"");
        assertProblem(refused, 409, "period-locked");
        assertThat(refused.json().get("period").asString()).isEqualTo("2022-Q1");
        assertThat(refused.json().get("reopen").asString()).isEqualTo("POST /api/periods/duc-lang/2022-Q1/reopen");
        assertThat(client.get(file.get("href").asString(), officer).status()).isEqualTo(200);
    }

    @Test
    void aCancelledActivityTakesNoEvidenceAndAnUploadNeedsItsFile() {
        UUID activity = activityOf("lien-minh");
        assertProblem(client.post("/api/activities/" + activity + "/evidence", LIEN_MINH_OFFICER,
                "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nghi chú\r\n--x--\r\n"
                        .getBytes(StandardCharsets.UTF_8)), 400, "validation-failed");
        // The phone lost its network: the body ends before the closing boundary.
        assertProblem(client.post("/api/activities/" + activity + "/evidence", LIEN_MINH_OFFICER, "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 half a fi"
                        .getBytes(StandardCharsets.UTF_8)), 400, "malformed-request");
        EvidenceClient.Response longNote = client.upload(LIEN_MINH_OFFICER, activity, "a.pdf", "application/pdf",
                Samples.pdf("a", 0, 1), "ư".repeat(2001));
        assertProblem(longNote, 400, "validation-failed");
        assertThat(longNote.json().get("errors").get(0).get("field").asString()).isEqualTo("note");

        assertThat(http.post("/api/activities/" + activity + "/cancel", LIEN_MINH_OFFICER, Map.of("reason", "Trùng lịch"),
                Map.of("If-Match", etagOf(activity, LIEN_MINH_OFFICER))).status()).isEqualTo(200);
        assertProblem(client.upload(LIEN_MINH_OFFICER, activity, "a.pdf", "application/pdf", Samples.pdf("a", 0, 1), null),
                409, "invalid-transition");
    }
}
