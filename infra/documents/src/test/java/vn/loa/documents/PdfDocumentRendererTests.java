package vn.loa.documents;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PdfDocumentRendererTests {

    private final PdfDocumentRenderer renderer = new PdfDocumentRenderer();

    @Test
    void theLienMinhPlanCarriesEveryPartOfDecree30WithExactVietnamese() throws IOException {
        byte[] pdf = renderer.render(LienMinhPlanFixture.plan());
        // Kept for the screenshot in docs/screenshots (pdftoppm -png -r 80 -f 1 -l 1).
        Path out = Path.of("target", "documents", "lien-minh-plan.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, pdf);

        String raw = text(pdf);
        Files.writeString(out.resolveSibling("lien-minh-plan.txt"), raw);
        assertThat(Normalizer.isNormalized(raw, Normalizer.Form.NFC)).as("extracted text is NFC").isTrue();
        String text = flat(raw);
        assertThat(text).contains(
                "UBND HUYỆN ĐỨC THỌ",
                "UBND XÃ LIÊN MINH",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Số: 05/KH-UBND",
                "Liên Minh, ngày 24 tháng 01 năm 2022",
                "KẾ HOẠCH",
                "Tuyên truyền cải cách hành chính xã Liên Minh năm 2022",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN",
                "III. KINH PHÍ",
                "IV. TỔ CHỨC THỰC HIỆN",
                "đ) Tuyên truyền kết quả thực hiện phong trào thi đua “Cán bộ, công chức, viên chức Hà Tĩnh thi đua thực hiện văn hoá công sở”",
                "6. Ủy ban mặt trận các tổ chức đoàn thể",
                "Nơi nhận:",
                "- Phòng tư pháp,Nội vụ (b/c);",
                "- Lưu: Vp.UBND.",
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
                "Nguyễn Văn Hùng");
        // As a person reads the page: the header before the title, the title before the body, the signer at the end.
        String read = flat(text(pdf, true));
        assertThat(read).startsWith("UBND HUYỆN ĐỨC THỌ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM UBND XÃ LIÊN MINH Độc lập - Tự do - Hạnh phúc");
        assertThat(read.indexOf("Số: 05/KH-UBND Liên Minh, ngày 24 tháng 01 năm 2022")).isLessThan(read.indexOf("KẾ HOẠCH Tuyên truyền cải cách"));
        assertThat(read.indexOf("KẾ HOẠCH Tuyên truyền cải cách")).isLessThan(read.indexOf("MỤC ĐÍCH"));
        assertThat(read.indexOf("TỔ CHỨC THỰC HIỆN")).isLessThan(read.indexOf("Nơi nhận: TM. ỦY BAN NHÂN DÂN"));
    }

    @Test
    void pagesAreA4WithTheFontEmbeddedAndNumberedFromTheSecondPage() throws IOException {
        byte[] pdf = renderer.render(LienMinhPlanFixture.plan());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            PDPage first = doc.getPage(0);
            assertThat(first.getMediaBox().getWidth()).isCloseTo(595f, org.assertj.core.data.Offset.offset(1f));
            assertThat(first.getMediaBox().getHeight()).isCloseTo(842f, org.assertj.core.data.Offset.offset(1f));
            for (COSName name : first.getResources().getFontNames()) {
                PDFont font = first.getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).contains("LiberationSerif");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertThat(stripper.getText(doc).strip()).startsWith("2");
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            assertThat(stripper.getText(doc).strip()).startsWith("UBND HUYỆN ĐỨC THỌ");
        }
    }

    @Test
    void decomposedInputIsWrittenInNfcAndTablesKeepTheirCells() throws IOException {
        String nfd = Normalizer.normalize("Truyền thanh cơ sở", Normalizer.Form.NFD);
        AdministrativeDocument report = new AdministrativeDocument(
                "UBND HUYỆN ĐỨC THỌ", "UBND XÃ LIÊN MINH", null, "Liên Minh", LocalDate.of(2022, 3, 5),
                "BÁO CÁO", "Kết quả công tác tuyên truyền cải cách hành chính quý I năm 2022",
                List.of(Section.of("I. KẾT QUẢ", Block.heading(2, "a. Theo hình thức"),
                        new Block.Table(List.of("Hình thức", "Số hoạt động", "Lượt người nghe"),
                                List.of(List.of(nfd, "12", "3.450"), List.of("Pano, áp phích", "4", "0"))))),
                List.of("Phòng VHTT huyện (b/c);", "Lưu: VT."),
                new Signer("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Lệ"));

        String raw = text(renderer.render(report));
        String text = flat(raw);

        assertThat(Normalizer.isNormalized(raw, Normalizer.Form.NFC)).isTrue();
        assertThat(text).contains("Truyền thanh cơ sở 12 3.450", "Pano, áp phích 4 0",
                "Số: /", "Liên Minh, ngày 05 tháng 3 năm 2022", "BÁO CÁO",
                "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Lệ", "a. Theo hình thức");
        // A deputy signs for the chairman under the committee's name: three lines, in this order (Decree 30).
        assertThat(text).containsSubsequence("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Lệ");
    }

    static String text(byte[] pdf) throws IOException {
        return text(pdf, false);
    }

    /**
     * The text of every page; sorted by position for reading order (the cells of a table are written
     * in the stream after the text around them), unsorted for exact words (sorting splits "I." in bold).
     */
    static String text(byte[] pdf, boolean readingOrder) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(readingOrder);
            return stripper.getText(doc);
        }
    }

    /** Line breaks of a justified paragraph are only layout: compare on single spaces. */
    static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
