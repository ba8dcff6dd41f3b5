package vn.loa.reporting.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
        ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, "ex-a", PATH_A,
                2022, List.of(Plans.target("T1", "Phát thanh CCHC hằng tháng", "COUNT", 12, null, "RADIO",
                        "van-hoa-thong-tin", "MONTHLY")), List.of("RADIO"), 4_000_000));
        Activity done = Activity.of(plan, PATH_A, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-02-01");
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", done.id().toString(),
                done.completed("2022-02-01", 4, 300L, 20_000L));
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
