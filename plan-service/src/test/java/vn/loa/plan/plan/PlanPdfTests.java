package vn.loa.plan.plan;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PlanPdfTests {

    @Test
    void theSeedPlanPrintsAsADecree30DocumentWithVietnameseIntact() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        PlanContent content;
        try (InputStream in = getClass().getResourceAsStream("/demo/plan-lien-minh-2022.json")) {
            JsonNode plan = json.readTree(in).get("plan");
            content = json.treeToValue(plan, PlanRequest.class).toContent();
        }
        PlanView view = new PlanView(UUID.randomUUID(), "lien-minh", "Xã Liên Minh", "COMMUNE",
                List.of("ha-tinh", "duc-tho", "lien-minh"), 2022, PlanStatus.ISSUED, 1, "01/KH-UBND",
                LocalDate.of(2022, 2, 10), "UBND xã Liên Minh", "UBND huyện Đức Thọ", "Liên Minh", "169/KH-UBND",
                content, 0, Instant.now(), "x", Instant.now(), "x", null, null, "\"1\"");
        byte[] pdf = PlanPdf.render(view, Map.of("van-hoa-thong-tin", "Văn hóa – Thông tin",
                "noi-vu", "Nội vụ", "tu-phap", "Tư pháp", "tai-chinh-ke-toan", "Tài chính – Kế toán", "buu-dien-xa", "Bưu điện xã",
                "mttq-doan-the", "Ủy ban MTTQ và các tổ chức đoàn thể", "van-phong", "Văn phòng UBND xã"));
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        // kept for a look: plan-service/target/ke-hoach-lien-minh-2022.pdf
        java.nio.file.Files.write(java.nio.file.Path.of("target", "ke-hoach-lien-minh-2022.pdf"), pdf);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "UBND XÃ LIÊN MINH", "Số: 01/KH-UBND", "Liên Minh, ngày 10 tháng 02 năm 2022", "KẾ HOẠCH",
                "Tuyên truyền cải cách hành chính xã Liên Minh năm 2022", "I. MỤC ĐÍCH, YÊU CẦU", "râu rộng",
                "đ. Tuyên truyền kết quả thực hiện phong trào thi đua", "IV. TỔ CHỨC THỰC HIỆN", "Nơi nhận:",
                "Phòng tư pháp,Nội vụ (b/c)", "Lưu: Vp.UBND", "24 tin bài CCHC",
                "3. Tư pháp: Chủ trì phối hợp", "6. Ủy ban mặt trận các tổ chức đoàn thể đưa vào kế hoạch");
        assertThat(text).doesNotContain("DỰ THẢO");
    }
}
