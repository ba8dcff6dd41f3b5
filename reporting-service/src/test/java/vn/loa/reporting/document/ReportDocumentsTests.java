package vn.loa.reporting.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import vn.loa.documents.DataTable;
import vn.loa.documents.DocxDocumentRenderer;
import vn.loa.documents.PdfDocumentRenderer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportDocumentsTests {

    static QuarterlyReport lienMinhQ1() {
        return new QuarterlyReport("lien-minh", "Xã Liên Minh", "Huyện Đức Thọ", "2022-Q1", "SUBMITTED",
                LocalDate.of(2022, 3, 20), LocalDate.of(2022, 3, 18), "01/KH-UBND",
                List.of(new QuarterlyReport.Target("CT-2", "12 chuyên mục CCHC phát trên đài truyền thanh cơ sở", "COUNT",
                        new BigDecimal("3"), new BigDecimal("2"), new BigDecimal("0.6667"), "MONTHLY", 2L,
                        new BigDecimal("8"))),
                List.of(new QuarterlyReport.Channel("RADIO", 3, 2, new BigDecimal("8"), 1500),
                        new QuarterlyReport.Channel("POSTAL_SERVICE", 1, 0, BigDecimal.ZERO, 0)),
                List.of(new QuarterlyReport.Unit("van-hoa-thong-tin", "Văn hóa – Thông tin", "LEAD", 3, 2, 1),
                        new QuarterlyReport.Unit("buu-dien-xa", "Bưu điện xã", "COORDINATE", 1, 0, 0)),
                15_000_000, 2_500_000,
                "Đã phát 2 chuyên mục CCHC trên đài truyền thanh xã.",
                "Chuyên mục tháng 3 phát chậm do thiếu tin bài.",
                "Quý II duy trì chuyên mục hằng tháng; tuyên truyền dịch vụ bưu chính công ích.");
    }

    @Test
    void theQuarterlyReportIsADecree30DocumentReadyToSign() throws IOException {
        byte[] pdf = new PdfDocumentRenderer().render(ReportDocuments.communeReport(lienMinhQ1()));
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).isTrue();
        assertThat(text.replaceAll("\\s+", " ")).contains(
                "UBND HUYỆN ĐỨC THỌ", "UBND XÃ LIÊN MINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc", "Số: /", "Liên Minh, ngày 18 tháng 3 năm 2022",
                "BÁO CÁO", "Kết quả công tác tuyên truyền cải cách hành chính quý I năm 2022",
                "Thực hiện Kế hoạch số 01/KH-UBND",
                "Truyền thanh cơ sở 3 2 8 1.500", "Văn hóa – Thông tin Chủ trì 3 2 1", "66,7%",
                "(hằng tháng)",
                "Chỉ tiêu định kỳ (hằng tháng, hằng quý) được tính theo số tháng, số quý có thực hiện",
                "Kinh phí đã sử dụng: 2.500.000 đồng.",
                "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "Chuyên mục tháng 3 phát chậm do thiếu tin bài.",
                "Nơi nhận:", "Phòng Văn hóa và Thông tin huyện Đức Thọ (b/c);", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH");
    }

    @Test
    void theDocxCarriesTheSameReport() throws IOException {
        byte[] docx = new DocxDocumentRenderer().render(ReportDocuments.communeReport(lienMinhQ1()));
        try (XWPFWordExtractor extractor = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(docx)))) {
            assertThat(extractor.getText().replaceAll("\\s+", " ")).contains("UBND XÃ LIÊN MINH", "BÁO CÁO",
                    "quý I năm 2022", "Truyền thanh cơ sở", "Bưu điện xã", "Phối hợp", "Nơi nhận:");
        }
    }

    @Test
    void spreadsheetTablesKeepNumbersAsNumbers() {
        List<DataTable> tables = ReportDocuments.communeTables(lienMinhQ1());
        assertThat(tables).extracting(DataTable::title).containsExactly("Thông tin chung", "Chỉ tiêu", "Hình thức", "Đơn vị");
        assertThat(tables.get(1).rows().get(0)).containsExactly("CT-2", "12 chuyên mục CCHC phát trên đài truyền thanh cơ sở",
                "COUNT", new BigDecimal("3"), new BigDecimal("2"), new BigDecimal("66.7"), "hằng tháng", 2L,
                new BigDecimal("8"));
        assertThat(tables.get(2).rows().get(0)).containsExactly("Truyền thanh cơ sở", 3L, 2L, new BigDecimal("8"), 1500L);
    }

    @Test
    void theDistrictReportConsolidatesItsCommunes() throws IOException {
        QuarterlyReport lienMinh = lienMinhQ1();
        QuarterlyReport tungChau = new QuarterlyReport("tung-chau", "Xã Tùng Châu", "Huyện Đức Thọ", "2022-Q1", "DRAFT",
                LocalDate.of(2022, 3, 20), null, null, List.of(),
                List.of(new QuarterlyReport.Channel("RADIO", 2, 2, new BigDecimal("2"), 500)),
                List.of(new QuarterlyReport.Unit("van-hoa-thong-tin", "Văn hóa – Thông tin", "LEAD", 2, 2, 0)),
                0, 0, null, null, null);
        byte[] pdf = new PdfDocumentRenderer().render(
                ReportDocuments.districtReport("Huyện Đức Thọ", "Tỉnh Hà Tĩnh", "2022-Q1", List.of(lienMinh, tungChau)));
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("UBND TỈNH HÀ TĨNH", "UBND HUYỆN ĐỨC THỌ", "Đức Thọ, ngày",
                "Tổng hợp kết quả công tác tuyên truyền cải cách hành chính quý I năm 2022",
                "Số xã đã gửi báo cáo: 1/2.", "Xã Liên Minh Đã gửi 2 1 66,7%", "Xã Tùng Châu Dự thảo 2 0",
                "Truyền thanh cơ sở 5 4 10 2.000");
        assertThat(ReportDocuments.districtTables(List.of(lienMinh, tungChau)).get(1).rows().get(0))
                .containsExactly("Truyền thanh cơ sở", 5L, 4L, new BigDecimal("10"), 2000L);
    }

    @Test
    void periodsAndIssuersAreWrittenTheVietnameseWay() {
        assertThat(ReportDocuments.periodText("2022-Q4")).isEqualTo("quý IV năm 2022");
        assertThat(ReportDocuments.issuer("Xã Tùng Ảnh")).isEqualTo("UBND xã Tùng Ảnh");
        assertThat(ReportDocuments.place("Xã Tùng Ảnh")).isEqualTo("Tùng Ảnh");
        assertThat(ReportDocuments.percent(new BigDecimal("1.0000"))).isEqualTo("100%");
    }
}
