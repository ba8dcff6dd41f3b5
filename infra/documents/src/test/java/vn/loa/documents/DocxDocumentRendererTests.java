package vn.loa.documents;

import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DocxDocumentRendererTests {

    @Test
    void theLienMinhPlanOpensInWordWithEveryPartOfDecree30() throws IOException {
        byte[] docx = new DocxDocumentRenderer().render(LienMinhPlanFixture.plan());

        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            String raw = extractor.getText();
            assertThat(Normalizer.isNormalized(raw, Normalizer.Form.NFC)).isTrue();
            String text = raw.replaceAll("\\s+", " ");
            assertThat(text).contains(
                    "UBND HUYỆN ĐỨC THỌ", "UBND XÃ LIÊN MINH",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "Số: 05/KH-UBND", "Liên Minh, ngày 24 tháng 01 năm 2022",
                    "KẾ HOẠCH", "Tuyên truyền cải cách hành chính xã Liên Minh năm 2022",
                    "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
                    "- Thực hiện công tác tuyên truyền đạt hiệu quả, đảm bảo đúng tiến độ đề ra.",
                    "Nơi nhận:", "- Lưu: Vp.UBND.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hùng");
            assertThat(text.indexOf("CỘNG HÒA")).isLessThan(text.indexOf("I. MỤC ĐÍCH"));

            CTSectPr sect = doc.getDocument().getBody().getSectPr();
            assertThat((BigInteger) sect.getPgSz().getW()).isEqualTo(BigInteger.valueOf(11906));
            assertThat(((BigInteger) sect.getPgMar().getLeft()).intValue()).isBetween(1690, 1710); // 30 mm
            assertThat(((BigInteger) sect.getPgMar().getRight()).intValue()).isBetween(845, 855); // 15 mm

            XWPFParagraph title = doc.getParagraphs().stream()
                    .filter(p -> p.getText().equals("KẾ HOẠCH")).findFirst().orElseThrow();
            XWPFRun run = title.getRuns().get(0);
            assertThat(run.isBold()).isTrue();
            assertThat(run.getFontFamily()).isEqualTo("Times New Roman");
        }
    }

    @Test
    void tablesKeepTheirColumnWidthsInWordAndLibreOffice() throws IOException {
        AdministrativeDocument report = new AdministrativeDocument(
                "UBND HUYỆN ĐỨC THỌ", "UBND XÃ LIÊN MINH", "12/BC-UBND", "Liên Minh", LocalDate.of(2022, 4, 5),
                "BÁO CÁO", "Kết quả công tác tuyên truyền cải cách hành chính quý I năm 2022",
                List.of(Section.of("I. KẾT QUẢ",
                        new Block.Table(List.of("TT", "Hình thức", "Số hoạt động", "Lượt người nghe"),
                                List.of(List.of("1", "Truyền thanh cơ sở", "12", "3.450"),
                                        List.of("2", "Pano, áp phích", "4", "0")),
                                List.of(0.5f, 4f, 1.5f, 2f)),
                        new Block.Table(List.of("Đơn vị", "Được giao"), List.of(List.of("Văn hóa – Thông tin", "6"))))),
                List.of("Phòng VHTT huyện (b/c);", "Lưu: VT."),
                new Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hùng"));
        int text = 11906 - 1701 - 850; // A4 less the 30 mm and 15 mm margins, in twips

        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(new DocxDocumentRenderer().render(report)))) {
            XWPFTable channels = table(doc, "Hình thức");
            assertThat(widths(channels)).containsExactly(585, 4678, 1754, 2338); // 0.5 : 4 : 1.5 : 2 of 9,355
            assertThat(IntStream.of(widths(channels)).sum()).isEqualTo(text);
            assertFixed(channels, text);
            assertThat(widths(table(doc, "Được giao"))).containsExactly(4678, 4677); // equal columns
            assertFixed(table(doc, "Được giao"), text);
            // The Decree 30 header: issuer 42 %, national motto 58 %.
            XWPFTable header = table(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            assertThat(widths(header)).containsExactly(3929, 5426);
            assertFixed(header, text);
        }
    }

    private static XWPFTable table(XWPFDocument doc, String cellText) {
        return doc.getTables().stream()
                .filter(t -> t.getRows().get(0).getTableCells().stream().anyMatch(c -> c.getText().contains(cellText)))
                .findFirst().orElseThrow();
    }

    private static int[] widths(XWPFTable table) {
        return table.getCTTbl().getTblGrid().getGridColList().stream()
                .mapToInt(g -> ((BigInteger) g.getW()).intValue()).toArray();
    }

    /** Fixed layout, the table as wide as the text, and every cell as wide as its grid column. */
    private static void assertFixed(XWPFTable table, int text) {
        CTTblPr pr = table.getCTTbl().getTblPr();
        assertThat(pr.getTblLayout().getType()).isEqualTo(STTblLayoutType.FIXED);
        assertThat(pr.getTblW().getType()).isEqualTo(STTblWidth.DXA);
        assertThat(((BigInteger) pr.getTblW().getW()).intValue()).isEqualTo(text);
        int[] grid = widths(table);
        for (XWPFTableRow row : table.getRows()) {
            List<XWPFTableCell> cells = row.getTableCells();
            assertThat(cells).hasSize(grid.length);
            for (int c = 0; c < cells.size(); c++) {
                CTTblWidth w = cells.get(c).getCTTc().getTcPr().getTcW();
                assertThat(w.getType()).isEqualTo(STTblWidth.DXA);
                assertThat(((BigInteger) w.getW()).intValue()).isEqualTo(grid[c]);
            }
        }
    }
}
