package vn.loa.documents;

import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.text.Normalizer;

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
}
