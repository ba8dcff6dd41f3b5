package vn.loa.reporting.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.Evidence;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/** Exports of a commune's quarterly report and of the district's consolidated report, over HTTP. */
class ReportExportIT extends ReportingIntegrationTest {

    static final List<String> PATH_A = List.of("ha-tinh", "ex-district", "ex-a");
    static final List<String> PATH_B = List.of("ha-tinh", "ex-district", "ex-b");
    static final String OFFICER_A = TestTokens.bearer("exa.vhtt", "COMMUNE_OFFICER", "ex-a");
    static final String OFFICER_B = TestTokens.bearer("exb.vhtt", "COMMUNE_OFFICER", "ex-b");
    static final String DISTRICT = TestTokens.bearer("ex.district", "DISTRICT_OFFICER", "ex-district");
    static final String URL = "/api/reports/ex-a/2022-Q1";

    private static boolean seeded;

    @Test
    void aCommunesQuarterlyReportIsExportedAsPdfDocxCsvAndXlsx() throws Exception {
        seed();

        MockHttpServletResponse pdf = download(URL + "/export?format=pdf", OFFICER_A);
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(pdf.getHeader("Content-Disposition")).startsWith("attachment").contains("bao-cao-ex-a-2022-Q1.pdf");
        String text = pdfText(pdf.getContentAsByteArray());
        // The monthly segment: 1 occurrence of 3 (33,3%), its 4 broadcasts under the channel, in every format.
        assertThat(text).contains("33,3%", "(hằng tháng)", "Truyền thanh cơ sở 1 1 4 300");
        assertThat(text).contains("UBND HUYỆN XUẤT BẢN", "UBND XÃ LIÊN MINH THỬ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                "Kết quả công tác tuyên truyền cải cách hành chính quý I năm 2022",
                "Phát thanh CCHC hằng tháng", "Truyền thanh cơ sở", "Đã phát 1 chuyên mục CCHC trên loa truyền thanh.",
                "Thiếu tin bài; nguyên nhân: chưa phân công.", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN",
                // numbered at submission; recipients from the plan
                "Số: 01/BC-UBND", "UBND huyện Đức Thọ (b/c);");

        MockHttpServletResponse docx = download(URL + "/export?format=docx", OFFICER_A);
        assertThat(docx.getContentType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        try (XWPFWordExtractor extractor = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(docx.getContentAsByteArray())))) {
            assertThat(extractor.getText()).contains("UBND XÃ LIÊN MINH THỬ", "BÁO CÁO", "Phát thanh CCHC hằng tháng");
        }

        MockHttpServletResponse csv = download(URL + "/export?format=csv", OFFICER_A);
        assertThat(csv.getContentType()).startsWith("text/csv");
        byte[] csvBytes = csv.getContentAsByteArray();
        assertThat(Arrays.copyOf(csvBytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csvText = new String(csvBytes, StandardCharsets.UTF_8);
        assertThat(csvText).contains("Xã Liên Minh thử", "Phát thanh CCHC hằng tháng", "Truyền thanh cơ sở");
        assertThat(csvText).contains("T1,Phát thanh CCHC hằng tháng,COUNT,3,1,33.3,hằng tháng,1,4");

        MockHttpServletResponse xlsx = download(URL + "/export?format=xlsx", OFFICER_A);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getContentAsByteArray()))) {
            assertThat(book.getSheet("Chỉ tiêu").getRow(1).getCell(1).getStringCellValue()).isEqualTo("Phát thanh CCHC hằng tháng");
            assertThat(book.getSheet("Hình thức").getRow(1).getCell(2).getNumericCellValue()).isEqualTo(1.0);
            assertThat(book.getSheet("Hình thức").getRow(1).getCell(3).getNumericCellValue()).isEqualTo(4.0);
            var t1 = book.getSheet("Chỉ tiêu").getRow(1);
            assertThat(t1.getCell(3).getNumericCellValue()).isEqualTo(3.0);
            assertThat(t1.getCell(4).getNumericCellValue()).isEqualTo(1.0);
            assertThat(t1.getCell(5).getNumericCellValue()).isEqualTo(33.3);
            assertThat(t1.getCell(6).getStringCellValue()).isEqualTo("hằng tháng");
            assertThat(t1.getCell(8).getNumericCellValue()).isEqualTo(4.0);
        }
    }

    @Test
    void theDistrictExportConsolidatesItsCommunes() throws Exception {
        seed();
        MockHttpServletResponse pdf = download("/api/reports/ex-district/2022-Q1/export?format=pdf", DISTRICT);
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getHeader("Content-Disposition")).contains("bao-cao-tong-hop-ex-district-2022-Q1.pdf");
        assertThat(pdfText(pdf.getContentAsByteArray())).contains("UBND HUYỆN XUẤT BẢN",
                "Tổng hợp kết quả công tác tuyên truyền cải cách hành chính quý I năm 2022",
                "Xã Liên Minh thử", "Xã Tùng Châu thử", "Số xã phải báo cáo: 1; đã gửi: 1 (đúng hạn: 1).",
                // Tùng Châu thử has no plan: listed, not expected
                "Xã Tùng Châu thử Không phải báo cáo");
        MockHttpServletResponse xlsx = download("/api/reports/ex-district/2022-Q1/export?format=xlsx", DISTRICT);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getContentAsByteArray()))) {
            assertThat(book.getSheet("Theo xã").getPhysicalNumberOfRows()).isEqualTo(3);
        }
    }

    @Test
    void exportsAreScopedAndFormatsChecked() throws Exception {
        seed();
        assertThat(download(URL + "/export?format=pdf", OFFICER_B).getStatus()).isEqualTo(404);
        assertThat(download("/api/reports/ex-district/2022-Q1/export?format=pdf", OFFICER_A).getStatus()).isEqualTo(404);
        MockHttpServletResponse odt = download(URL + "/export?format=odt", OFFICER_A);
        assertThat(odt.getStatus()).isEqualTo(406);
        assertThat(odt.getContentAsString()).contains("unsupported-format");
    }

    private synchronized void seed() throws Exception {
        if (seeded) {
            return;
        }
        clock.setLocal("2022-04-05T10:00");
        var ev = events();
        ev.orgUnit("ha-tinh", "Tỉnh Hà Tĩnh", "PROVINCE", "ha-tinh");
        ev.orgUnit("ex-district", "Huyện Xuất Bản", "DISTRICT", "ha-tinh", "ex-district");
        ev.orgUnit("ex-a", "Xã Liên Minh thử", "COMMUNE", PATH_A.toArray(String[]::new));
        ev.orgUnit("ex-b", "Xã Tùng Châu thử", "COMMUNE", PATH_B.toArray(String[]::new));
        UUID plan = UUID.randomUUID();
        Map<String, Object> issued = Plans.plan(plan, 1, "ex-a", PATH_A,
                2022, List.of(Plans.target("T1", "Phát thanh CCHC hằng tháng", "COUNT", 12, null, "RADIO",
                        "van-hoa-thong-tin", "MONTHLY")), List.of("RADIO"), 4_000_000);
        // As the seed's section III: the province's money named without an amount (plan-service sends 0), and the
        // commune's 4.000.000 đồng for the year.
        issued.put("budget", List.of(Map.of("source", "PROVINCE", "amountVnd", 0,
                        "note", "kinh phí cải cách hành chính năm 2022 của tỉnh theo phân cấp"),
                Map.of("source", "COMMUNE", "amountVnd", 4_000_000)));
        ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), issued);
        Activity done = Activity.of(plan, PATH_A, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-02-01");
        // Issue 19's fields as activity-service publishes them: topic a, reach per audience, planned cost and source.
        Map<String, Object> completed = new LinkedHashMap<>(done.completed("2022-02-01", 4, 300L, 20_000L));
        completed.put("topics", List.of("a"));
        completed.put("audiences", List.of(Map.of("audience", "CITIZENS", "reach", 250),
                Map.of("audience", "OFFICIALS", "reach", 50)));
        completed.put("plannedCostVnd", 30_000);
        completed.put("budgetSource", "COMMUNE");
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", done.id().toString(), completed);
        // Its evidence (issue 18): two photos, one deleted again; a second-quarter activity's file is not this report's.
        Activity later = Activity.of(plan, PATH_A, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-05-01");
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", later.id().toString(),
                later.completed("2022-05-01", 1, 100L, 0L));
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "evidence-added", KEPT.toString(),
                evidence(KEPT, done, "Ảnh buổi phát thanh tháng 2.jpg", "image/jpeg", 284_512, SHA_KEPT));
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "evidence-added", DELETED.toString(),
                evidence(DELETED, done, "Ảnh chụp nhầm.png", "image/png", 1_000, SHA_DELETED));
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "evidence-added", OTHER_QUARTER.toString(),
                evidence(OTHER_QUARTER, later, "Biên bản quý II.pdf", "application/pdf", 52_000, SHA_OTHER));
        Map<String, Object> removed = Evidence.removed(DELETED, done, "Ảnh chụp nhầm.png", SHA_DELETED);
        vn.loa.contracts.EventContracts.assertValid("evidence-removed",
                events().envelope(UUID.randomUUID(), "evidence-removed", "/activity-service", DELETED.toString(), removed));
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "evidence-removed", DELETED.toString(), removed);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from evidence_copy where activity_id in (:a, :b)").param("a", done.id())
                .param("b", later.id()).query(Long.class).single() == 2
                && jdbc.sql("select count(*) from activity_state where activity_id = :b").param("b", later.id())
                .query(Long.class).single() == 1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> mvc.perform(get(URL).header("Authorization", OFFICER_A))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8).contains("\"achieved\":1"));
        String narrative = """
                {"results":"Đã phát 1 chuyên mục CCHC trên loa truyền thanh.",
                 "shortcomings":"Thiếu tin bài; nguyên nhân: chưa phân công.",
                 "nextSteps":"Quý II phát đủ 3 chuyên mục."}""";
        assertThat(putIfMatch(URL + "/narrative", narrative, OFFICER_A).status()).isEqualTo(200);
        assertThat(postIfMatch(URL + "/submit", null, OFFICER_A).status()).isEqualTo(200);
        seeded = true;
    }

    static final UUID KEPT = UUID.randomUUID();
    static final UUID DELETED = UUID.randomUUID();
    static final UUID OTHER_QUARTER = UUID.randomUUID();
    static final String SHA_KEPT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String SHA_DELETED = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    static final String SHA_OTHER = "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9";

    @Autowired
    JdbcClient jdbc;

    /** evidence-added data as activity-service publishes it, checked against the contract. */
    private Map<String, Object> evidence(UUID id, Activity activity, String name, String type, long size, String sha) {
        Map<String, Object> d = Evidence.added(id, activity, name, type, size, sha);
        vn.loa.contracts.EventContracts.assertValid("evidence-added",
                events().envelope(UUID.randomUUID(), "evidence-added", "/activity-service", id.toString(), d));
        return d;
    }

    @Test
    void theExportShowsTopicsAudiencesThePlansBudgetAgainstSpendingAndTheEvidenceOfThePeriod() throws Exception {
        seed();
        String text = pdfText(download(URL + "/export?format=pdf", OFFICER_A).getContentAsByteArray());
        assertThat(text).containsSubsequence("3. Kết quả theo nội dung tuyên truyền", "4. Đối tượng được tuyên truyền",
                "5. Kết quả theo đơn vị thực hiện", "6. Kinh phí", "7. Đánh giá chung", "8. Tài liệu minh chứng");
        assertThat(text).contains("a) Tầm quan trọng của CCHC 1 1 300",
                "Cán bộ, công chức, viên chức 1 50", "Nhân dân 1 250", "Doanh nghiệp và nhà đầu tư 0 0",
                // the plan's 4.000.000 đồng for the year from the commune's budget, against 20.000 spent
                "Ngân sách xã 4.000.000 30.000 20.000 20.000", "Ngân sách tỉnh Không ghi số tiền 0 0 0",
                "Ngân sách huyện — 0 0 0", "Không ghi số tiền: kế hoạch nêu nguồn kinh phí nhưng không ghi số tiền.",
                "Tổng cộng 4.000.000 30.000 20.000 20.000", "Kế hoạch năm 2022 (đồng)",
                "Ảnh buổi phát thanh tháng 2.jpg", "Ảnh JPEG", "277,8 KB", "9f86d081884c",
                "1 tệp minh chứng của 1 hoạt động");
        assertThat(text).doesNotContain("Ảnh chụp nhầm.png", "Biên bản quý II.pdf");

        try (XWPFWordExtractor extractor = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(
                download(URL + "/export?format=docx", OFFICER_A).getContentAsByteArray())))) {
            assertThat(extractor.getText()).contains("Kết quả theo nội dung tuyên truyền", "Tầm quan trọng của CCHC",
                    "Doanh nghiệp và nhà đầu tư", "Ngân sách xã", "4.000.000", "Tài liệu minh chứng",
                    "Ảnh buổi phát thanh tháng 2.jpg", "9f86d081884c").doesNotContain("Ảnh chụp nhầm.png");
        }

        String csv = download(URL + "/export?format=csv", OFFICER_A).getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("a,Tầm quan trọng của CCHC,1,1,300", "CITIZENS,Nhân dân,1,250",
                "COMMUNE,Ngân sách xã,4000000,Có,30000,20000,20000", "PROVINCE,Ngân sách tỉnh,0,Không,0,0,0",
                "DISTRICT,Ngân sách huyện,,Không có dòng,0,0,0",
                "Ảnh buổi phát thanh tháng 2.jpg,Ảnh JPEG,image/jpeg,284512," + SHA_KEPT)
                .doesNotContain(SHA_DELETED, SHA_OTHER);

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                download(URL + "/export?format=xlsx", OFFICER_A).getContentAsByteArray()))) {
            var summary = book.getSheet("Thông tin chung");
            assertThat(summary.getRow(7).getCell(0).getStringCellValue()).isEqualTo("Kinh phí kế hoạch năm 2022 (đồng)");
            assertThat(summary.getRow(7).getCell(1).getNumericCellValue()).isEqualTo(4_000_000.0);
            var money = book.getSheet("Kinh phí");
            assertThat(money.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Kế hoạch năm 2022 (đồng)");
            var commune = money.getRow(3);
            assertThat(commune.getCell(1).getStringCellValue()).isEqualTo("Ngân sách xã");
            assertThat(commune.getCell(2).getNumericCellValue()).isEqualTo(4_000_000.0);
            assertThat(commune.getCell(5).getNumericCellValue()).isEqualTo(20_000.0);
            var audiences = book.getSheet("Đối tượng");
            assertThat(audiences.getRow(2).getCell(1).getStringCellValue()).isEqualTo("Nhân dân");
            assertThat(audiences.getRow(2).getCell(3).getNumericCellValue()).isEqualTo(250.0);
            var files = book.getSheet("Minh chứng");
            assertThat(files.getPhysicalNumberOfRows()).isEqualTo(2);
            assertThat(files.getRow(1).getCell(3).getStringCellValue()).isEqualTo("Ảnh buổi phát thanh tháng 2.jpg");
            assertThat(files.getRow(1).getCell(6).getNumericCellValue()).isEqualTo(284_512.0);
            assertThat(files.getRow(1).getCell(7).getStringCellValue()).isEqualTo(SHA_KEPT);
        }

        // The district's consolidated report lists its communes' evidence and adds up their plans' budgets.
        String district = pdfText(download("/api/reports/ex-district/2022-Q1/export?format=pdf", DISTRICT)
                .getContentAsByteArray());
        assertThat(district).contains("Ngân sách xã 4.000.000", "Ảnh buổi phát thanh tháng 2.jpg", "Nhân dân 1 250",
                "tổng kinh phí cả năm theo kế hoạch của các xã");
    }

    private MockHttpServletResponse download(String url, String bearer) throws Exception {
        return mvc.perform(get(url).header("Authorization", bearer).accept(MediaType.ALL)).andReturn().getResponse();
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).isTrue();
            return text.replaceAll("\\s+", " ");
        }
    }
}
