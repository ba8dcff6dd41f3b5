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
import vn.loa.documents.Signer;

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
        assertThat(tables).extracting(DataTable::title).containsExactly("Thông tin chung", "Chỉ tiêu", "Hình thức", "Đơn vị",
                "Nội dung", "Đối tượng", "Kinh phí", "Minh chứng");
        assertThat(tables.get(1).rows().get(0)).containsExactly("CT-2", "12 chuyên mục CCHC phát trên đài truyền thanh cơ sở",
                "COUNT", new BigDecimal("3"), new BigDecimal("2"), new BigDecimal("66.7"), "hằng tháng", 2L,
                new BigDecimal("8"));
        assertThat(tables.get(2).rows().get(0)).containsExactly("Truyền thanh cơ sở", 3L, 2L, new BigDecimal("8"), 1500L);
    }

    @Test
    void aSubmittedSixMonthReportCarriesItsNumberItsDeputySignerAndThePlansRecipients() throws IOException {
        QuarterlyReport q1 = lienMinhQ1();
        QuarterlyReport h1 = new QuarterlyReport(q1.orgUnitCode(), q1.orgUnitName(), q1.parentName(), "2022-H1",
                "SUBMITTED", LocalDate.of(2022, 7, 7), LocalDate.of(2022, 7, 5), q1.planDocumentNumber(), q1.targets(),
                q1.channels(), q1.units(), 7_500_000, 4_000_000, q1.results(), q1.shortcomings(), q1.nextSteps(),
                List.of(), "07/BC-UBND", new Signer("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Phó Chủ tịch", "Trần Văn Bình"),
                ReportDocuments.recipientLines(List.of(new String[]{"Phòng VHTT", "KH"},
                        new String[]{"Phòng tư pháp,Nội vụ", "b/c"}, new String[]{"TT Đảng ủy-HĐND-UBMTTQ- các tổ chức", null},
                        new String[]{"Vp.UBND", "Lưu"})),
                List.of(), "UBND xã Liên Minh", "UBND huyện Đức Thọ");
        String text = pdfText(ReportDocuments.communeReport(h1));
        assertThat(text).contains("Số: 07/BC-UBND", "Liên Minh, ngày 05 tháng 7 năm 2022",
                "Kết quả công tác tuyên truyền cải cách hành chính 6 tháng đầu năm 2022",
                "Phòng VHTT (KH);", "Phòng tư pháp,Nội vụ (b/c);", "TT Đảng ủy-HĐND-UBMTTQ- các tổ chức;", "Lưu: Vp.UBND.",
                "Trần Văn Bình");
        assertThat(text).containsSubsequence("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình");
    }

    @Test
    void theDistrictsConsolidatedReportListsTheReportsItConsolidatesAndItsOwnNarrative() throws IOException {
        QuarterlyReport q1 = lienMinhQ1();
        QuarterlyReport district = new QuarterlyReport("duc-tho", "Huyện Đức Thọ", "Tỉnh Hà Tĩnh", "2022-Q1", "DRAFT",
                LocalDate.of(2022, 4, 14), null, "169/KH-UBND", q1.targets(),
                List.of(new QuarterlyReport.Channel("RADIO", 5, 4, new BigDecimal("10"), 2000)), q1.units(),
                27_000_000, 2_500_000, "Các xã duy trì chuyên mục cải cách hành chính.", "Một xã gửi chậm.",
                "Đôn đốc các xã.", List.of(), null, null, List.of(),
                List.of(new QuarterlyReport.Child("lien-minh", "Xã Liên Minh", true, "APPROVED", "05/BC-UBND", true,
                                new BigDecimal("0.6667"), 2, 2_500_000),
                        new QuarterlyReport.Child("tung-chau", "Xã Tùng Châu", true, "DRAFT", null, null, null, 0, 0),
                        new QuarterlyReport.Child("an-dung", "Xã An Dũng", false, "DRAFT", null, null, null, 0, 0)),
                null, null);
        String text = pdfText(ReportDocuments.consolidatedReport(district));
        assertThat(text).contains("UBND TỈNH HÀ TĨNH", "UBND HUYỆN ĐỨC THỌ", "Đức Thọ, ngày",
                "Tổng hợp kết quả công tác tuyên truyền cải cách hành chính quý I năm 2022",
                "Thực hiện Kế hoạch số 169/KH-UBND", "Số xã phải báo cáo: 2; đã gửi: 1 (đúng hạn: 1).",
                "Xã Liên Minh 05/BC-", "Đã duyệt Đúng hạn 2 66,7%", "Xã An Dũng Không phải báo cáo",
                "Truyền thanh cơ sở 5 4 10 2.000", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "Một xã gửi chậm.");
        List<DataTable> tables = ReportDocuments.consolidatedTables(district);
        assertThat(tables).extracting(DataTable::title).containsExactly("Thông tin chung", "Theo xã", "Chỉ tiêu",
                "Hình thức", "Đơn vị", "Nội dung", "Đối tượng", "Kinh phí", "Minh chứng");
        assertThat(tables.get(1).rows().get(0)).containsExactly("lien-minh", "Xã Liên Minh", "Có", "Đã duyệt",
                "05/BC-UBND", "Có", 2L, new BigDecimal("66.7"), 2_500_000L);
    }

    /** Liên Minh's first six months with the depth of issue 19 and the evidence of issue 18. */
    static QuarterlyReport lienMinhH1WithDepth() {
        QuarterlyReport q1 = lienMinhQ1();
        QuarterlyReport h1 = new QuarterlyReport(q1.orgUnitCode(), q1.orgUnitName(), q1.parentName(), "2022-H1",
                "DRAFT", LocalDate.of(2022, 7, 7), null, q1.planDocumentNumber(), q1.targets(), q1.channels(), q1.units(),
                7_500_000, 2_750_000, q1.results(), q1.shortcomings(), q1.nextSteps());
        return h1.withDepth(
                List.of(new QuarterlyReport.Topic("a", "Tuyên truyền, phổ biến rộng rãi về tầm quan trọng, ý nghĩa,"
                                + " mục tiêu và tác động của CCHC", 3, 2, 1_240),
                        new QuarterlyReport.Topic("d", "Dịch vụ công trực tuyến mức độ 3, 4", 1, 1, 1_200)),
                List.of(new QuarterlyReport.Audience("OFFICIALS", 1, 100),
                        new QuarterlyReport.Audience("CITIZENS", 2, 1_100),
                        new QuarterlyReport.Audience("BUSINESSES", 1, 40)),
                List.of(new QuarterlyReport.Source("PROVINCE", 0L, 0, 0, 0L),
                        new QuarterlyReport.Source("DISTRICT", null, 2_000_000, 0, 0L),
                        new QuarterlyReport.Source("COMMUNE", 15_000_000L, 600_000, 500_000, 1_300_000L),
                        new QuarterlyReport.Source("OTHER", null, 0, 0, 0L),
                        new QuarterlyReport.Source("NOT_STATED", null, 150_000, 2_250_000, 2_250_000L)),
                15_000_000L, 3_550_000L,
                List.of(new QuarterlyReport.EvidenceActivity("Phát chuyên mục CCHC tháng 3", "RADIO", "COMPLETED",
                                LocalDate.of(2022, 3, 20), List.of(
                                new QuarterlyReport.EvidenceFile("Ảnh buổi phát thanh.jpg", "image/jpeg", 284_512,
                                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                                new QuarterlyReport.EvidenceFile("Biên bản.pdf", "application/pdf", 1_300_000,
                                        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"))),
                        new QuarterlyReport.EvidenceActivity("Tập huấn dịch vụ công", "TRAINING", "PLANNED",
                                LocalDate.of(2022, 6, 30), List.of())));
    }

    @Test
    void theReportShowsTopicsAudiencesThePlansBudgetPerSourceAgainstSpendingAndItsEvidence() throws IOException {
        QuarterlyReport h1 = lienMinhH1WithDepth();
        String text = pdfText(ReportDocuments.communeReport(h1));
        assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).isTrue();
        assertThat(text).containsSubsequence("1. Kết quả thực hiện chỉ tiêu", "2. Kết quả theo hình thức tuyên truyền",
                "3. Kết quả theo nội dung tuyên truyền", "4. Đối tượng được tuyên truyền",
                "5. Kết quả theo đơn vị thực hiện", "6. Kinh phí", "7. Đánh giá chung", "8. Tài liệu minh chứng",
                "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN");
        assertThat(text).contains("a) Tuyên truyền, phổ biến rộng rãi", "Dịch vụ công trực tuyến mức độ 3, 4 1 1 1.200",
                "Cán bộ, công chức, viên chức 1 100", "Nhân dân 2 1.100", "Doanh nghiệp và nhà đầu tư 1 40",
                "Kế hoạch năm 2022 (đồng)", "Lũy kế từ đầu năm (đồng)",
                "Ngân sách tỉnh Không ghi số tiền 0 0 0", "Ngân sách huyện — 2.000.000 0 0",
                "Ngân sách xã 15.000.000 600.000 500.000 1.300.000",
                "Hoạt động không ghi nguồn — 150.000 2.250.000 2.250.000",
                "Tổng cộng 15.000.000 2.750.000 2.750.000 3.550.000",
                "kinh phí cả năm theo Kế hoạch số 01/KH-",
                "Không ghi số tiền: kế hoạch nêu nguồn kinh phí nhưng không ghi số tiền.",
                "Phát chuyên mục CCHC tháng 3 (20/03/2022)", "Ảnh buổi phát thanh.jpg", "Ảnh JPEG", "277,8 KB",
                "9f86d081884c", "Biên bản.pdf", "PDF", "1,2 MB", "2c26b46b68ff",
                "2 tệp minh chứng của 1 hoạt động");
        assertThat(text).doesNotContain("9f86d081884c7d"); // the short form on paper

        byte[] docx = new DocxDocumentRenderer().render(ReportDocuments.communeReport(h1));
        try (XWPFWordExtractor extractor = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(docx)))) {
            assertThat(extractor.getText()).contains("Kết quả theo nội dung tuyên truyền", "Doanh nghiệp và nhà đầu tư",
                    "Ngân sách xã", "15.000.000", "Không ghi số tiền", "Tài liệu minh chứng", "Biên bản.pdf", "2c26b46b68ff");
        }

        List<DataTable> tables = ReportDocuments.communeTables(h1);
        assertThat(tables.get(0).rows()).contains(List.of("Kinh phí kế hoạch năm 2022 (đồng)", 15_000_000L),
                List.of("Kinh phí đã sử dụng trong kỳ (đồng)", 2_750_000L),
                List.of("Kinh phí đã sử dụng lũy kế từ đầu năm (đồng)", 3_550_000L));
        DataTable topics = tables.get(4);
        assertThat(topics.rows().get(1)).containsExactly("d", "Dịch vụ công trực tuyến mức độ 3, 4", 1L, 1L, 1_200L);
        assertThat(tables.get(5).rows()).extracting(r -> r.get(1))
                .containsExactly("Cán bộ, công chức, viên chức", "Nhân dân", "Doanh nghiệp và nhà đầu tư");
        DataTable money = tables.get(6);
        assertThat(money.columns()).contains("Kế hoạch năm 2022 (đồng)", "Lũy kế từ đầu năm (đồng)");
        assertThat(money.rows().get(0)).containsExactly("PROVINCE", "Ngân sách tỉnh", 0L, "Không", 0L, 0L, 0L);
        assertThat(money.rows().get(1)).containsExactly("DISTRICT", "Ngân sách huyện", "", "Không có dòng", 2_000_000L, 0L, 0L);
        assertThat(money.rows().get(2)).containsExactly("COMMUNE", "Ngân sách xã", 15_000_000L, "Có", 600_000L, 500_000L,
                1_300_000L);
        DataTable evidence = tables.get(7);
        assertThat(evidence.rows()).hasSize(2);
        assertThat(evidence.rows().get(0)).containsExactly("Phát chuyên mục CCHC tháng 3", "Truyền thanh cơ sở",
                "2022-03-20", "Ảnh buổi phát thanh.jpg", "Ảnh JPEG", "image/jpeg", 284_512L,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void aReportWithoutEvidenceOrFiguresOfTheNewKindSaysSo() throws IOException {
        String text = pdfText(ReportDocuments.communeReport(lienMinhQ1()));
        assertThat(text).contains("Kinh phí theo kế hoạch: 15.000.000 đồng.", "Kinh phí đã sử dụng: 2.500.000 đồng.",
                "Các hoạt động trong kỳ chưa có tệp minh chứng.");
        assertThat(ReportDocuments.communeTables(lienMinhQ1()).get(0).rows())
                .contains(List.of("Kinh phí kế hoạch (đồng)", 15_000_000L));
        assertThat(ReportDocuments.size(800)).isEqualTo("800 byte");
        assertThat(ReportDocuments.size(350_000)).isEqualTo("341,8 KB");
        assertThat(ReportDocuments.size(1_048_576)).isEqualTo("1 MB");
    }

    private static String pdfText(vn.loa.documents.AdministrativeDocument doc) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(new PdfDocumentRenderer().render(doc))) {
            return new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
        }
    }

    @Test
    void periodsAndIssuersAreWrittenTheVietnameseWay() {
        assertThat(ReportDocuments.periodText("2022-Q4")).isEqualTo("quý IV năm 2022");
        assertThat(ReportDocuments.periodText("2022-H1")).isEqualTo("6 tháng đầu năm 2022");
        assertThat(ReportDocuments.periodText("2022")).isEqualTo("năm 2022");
        assertThat(ReportDocuments.issuer("Xã Tùng Ảnh")).isEqualTo("UBND xã Tùng Ảnh");
        assertThat(ReportDocuments.place("Xã Tùng Ảnh")).isEqualTo("Tùng Ảnh");
        assertThat(ReportDocuments.percent(new BigDecimal("1.0000"))).isEqualTo("100%");
    }
}
