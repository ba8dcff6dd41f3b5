package vn.loa.planning.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.loa.planning.PlanServiceITBase;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo Liên Minh 2022 plan, read from PostgreSQL through PlanService, rendered by loa-documents. */
class PlanDocumentExportIT extends PlanServiceITBase {

    private static final CurrentUser LIEN_MINH = new CurrentUser("lienminh.vhtt", Set.of("COMMUNE_OFFICER"), "lien-minh");
    private static final CurrentUser TUNG_CHAU = new CurrentUser("tungchau.vhtt", Set.of("COMMUNE_OFFICER"), "tung-chau");

    @Autowired
    PlanDocumentExport export;

    @Test
    void theDemoLienMinhPlanReadsLikeTheSeedDocument() throws Exception {
        byte[] pdf = export.pdf(LIEN_MINH, UUID.fromString(LIEN_MINH_PLAN));
        // Kept for docs/screenshots/lien-minh-plan-page1.png (pdftoppm -png -r 80 -f 1 -l 1 -singlefile).
        Path out = Path.of("target", "documents", "lien-minh-plan-demo.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, pdf);

        String raw;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            raw = new PDFTextStripper().getText(doc);
        }
        assertThat(Normalizer.isNormalized(raw, Normalizer.Form.NFC)).isTrue();
        String text = raw.replaceAll("\\s+", " ");
        assertThat(text).contains(
                "UBND HUYỆN ĐỨC THỌ", "UBND XÃ LIÊN MINH",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Số: 01/KH-UBND", "Liên Minh, ngày 10 tháng 02 năm 2022",
                "KẾ HOẠCH", "Tuyên truyền cải cách hành chính xã Liên Minh năm 2022",
                "169/KH-UBND",
                "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "3. Chỉ tiêu cụ thể",
                "II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN", "đ. Tuyên truyền kết quả thực hiện phong trào thi đua",
                "III. KINH PHÍ", "Sử dụng trong kinh phí cải cách hành chính năm 2022 của tỉnh, huyện, xã theo phân cấp và các nguồn khác.",
                "IV. TỔ CHỨC THỰC HIỆN", "Văn hóa", "Bưu điện xã",
                "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH");
        assertThat(text).contains("râu rộng"); // the seed's own wording, kept as written
    }

    @Test
    void theDocxCarriesTheSameParts() throws Exception {
        byte[] docx = export.docx(LIEN_MINH, UUID.fromString(LIEN_MINH_PLAN));
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            assertThat(extractor.getText().replaceAll("\\s+", " ")).contains(
                    "UBND XÃ LIÊN MINH", "Số: 01/KH-UBND", "KẾ HOẠCH", "IV. TỔ CHỨC THỰC HIỆN", "Nơi nhận:");
        }
    }

    @Test
    void aCommuneCannotExportAnotherCommunesPlan() {
        assertThatThrownBy(() -> export.pdf(TUNG_CHAU, UUID.fromString(LIEN_MINH_PLAN)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
    }
}
