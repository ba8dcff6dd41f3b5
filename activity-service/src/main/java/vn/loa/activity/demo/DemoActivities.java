package vn.loa.activity.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo year of a commune, as plain data: what was planned, and how far it got. Liên Minh gets the full
 * year of its 2022 plan (section II.2 of the seed: radio, website, panels, training, UBND meetings, law days,
 * postal service); other communes a lighter year, with a completion rate that differs per commune.
 */
final class DemoActivities {

    enum Outcome { COMPLETED, IN_PROGRESS, PLANNED, CANCELLED }

    record Spec(String title, String channel, String unit, List<String> coordinatingUnits, LocalDate dueDate,
                BigDecimal plannedQuantity, Outcome outcome, BigDecimal quantity, Long reach, Long costVnd,
                String evidenceUrl, String evidenceNote) {
    }

    private DemoActivities() {
    }

    static List<Spec> lienMinh(int year) {
        List<Spec> specs = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            Outcome o = m <= 10 ? Outcome.COMPLETED : m == 11 ? Outcome.IN_PROGRESS : Outcome.PLANNED;
            specs.add(new Spec("Chuyên mục cải cách hành chính trên truyền thanh cơ sở tháng " + m + "/" + year,
                    "RADIO", "van-hoa-thong-tin", List.of("noi-vu"), endOf(year, m), bd(4), o, bd(4), 3200L + 50L * m,
                    150_000L, null, "Nhật ký phát thanh tháng " + m + " lưu tại bộ phận Văn hóa – Thông tin"));
        }
        String[] articles = {
                "Dịch vụ công trực tuyến mức độ 3, 4: hướng dẫn nộp hồ sơ không cần đến trụ sở",
                "Công khai tình trạng giải quyết thủ tục hành chính quý I",
                "Bộ phận tiếp nhận và trả kết quả một cửa xã Liên Minh: những điều cần biết",
                "Dịch vụ bưu chính công ích: nhận kết quả thủ tục hành chính tại nhà",
                "Kết quả thực hiện Nghị quyết 76/NQ-CP về Chương trình tổng thể CCHC 2021–2030",
                "Chuyển đổi số ở xã: tài khoản định danh điện tử và dịch vụ công",
                "Phong trào “Cán bộ, công chức, viên chức Hà Tĩnh thi đua thực hiện văn hoá công sở”",
                "Nhìn lại công tác cải cách hành chính xã Liên Minh năm " + year};
        for (int i = 0; i < articles.length; i++) {
            int month = 2 + i * 10 / articles.length + i / 2;
            month = Math.min(month, 12);
            Outcome o = i < 6 ? Outcome.COMPLETED : i == 6 ? Outcome.CANCELLED : Outcome.PLANNED;
            specs.add(new Spec(articles[i], "WEBSITE", "van-hoa-thong-tin", List.of(), endOf(year, month), bd(1), o,
                    bd(1), 800L + 120L * i, 0L, "https://lienminh.ductho.hatinh.gov.vn/cchc/" + year + "/bai-" + (i + 1),
                    null));
        }
        specs.add(new Spec("Pano tuyên truyền dịch vụ công trực tuyến tại trụ sở UBND xã", "PANEL_POSTER",
                "van-hoa-thong-tin", List.of("van-phong"), LocalDate.of(year, 3, 31), bd(2), Outcome.COMPLETED, bd(2),
                null, 4_500_000L, null, "Ảnh chụp 02 pano đặt tại cổng trụ sở và nhà văn hóa thôn"));
        specs.add(new Spec("Áp phích hướng dẫn thủ tục hành chính qua bưu điện", "PANEL_POSTER", "buu-dien-xa",
                List.of("van-hoa-thong-tin"), LocalDate.of(year, 6, 30), bd(20), Outcome.COMPLETED, bd(20), null,
                1_200_000L, null, "20 áp phích dán tại các thôn"));
        specs.add(new Spec("Pano cổ động chương trình tổng thể CCHC 2021–2030", "PANEL_POSTER", "van-hoa-thong-tin",
                List.of(), LocalDate.of(year, 10, 31), bd(1), Outcome.PLANNED, null, null, null, null, null));
        specs.add(new Spec("Tập huấn quán triệt kế hoạch CCHC năm " + year + " cho cán bộ, công chức xã", "TRAINING",
                "noi-vu", List.of("van-hoa-thong-tin", "tu-phap"), LocalDate.of(year, 4, 15), bd(1), Outcome.COMPLETED,
                bd(1), 45L, 3_500_000L, null, "Danh sách 45 học viên ký nhận"));
        specs.add(new Spec("Bồi dưỡng kỹ năng hướng dẫn dịch vụ công trực tuyến cho thôn, xóm", "TRAINING", "noi-vu",
                List.of("mttq-doan-the"), LocalDate.of(year, 9, 20), bd(1), Outcome.COMPLETED, bd(1), 60L, 4_000_000L,
                null, "Biên bản lớp bồi dưỡng"));
        for (int q = 1; q <= 4; q++) {
            Outcome o = q <= 3 ? Outcome.COMPLETED : Outcome.IN_PROGRESS;
            specs.add(new Spec("Đưa nội dung CCHC vào phiên họp thường kỳ UBND xã quý " + roman(q), "MEETING",
                    "van-phong", List.of("noi-vu"), endOf(year, q * 3), bd(1), o, bd(1), 25L, 0L, null,
                    "Biên bản phiên họp thường kỳ quý " + roman(q)));
        }
        for (int m = 1; m <= 12; m++) {
            Outcome o = m <= 9 ? Outcome.COMPLETED : Outcome.PLANNED;
            specs.add(new Spec("Sinh hoạt ngày pháp luật tháng " + m + ": lồng ghép nội dung CCHC", "LAW_DAY", "tu-phap",
                    List.of("van-hoa-thong-tin"), LocalDate.of(year, m, 15), bd(1), o, bd(1), 30L + m, 0L, null,
                    "Sổ sinh hoạt ngày pháp luật tháng " + m));
        }
        specs.add(new Spec("Bài viết về kết quả CCHC của xã gửi Báo Hà Tĩnh", "PRESS", "van-hoa-thong-tin",
                List.of("noi-vu"), LocalDate.of(year, 7, 31), bd(1), Outcome.COMPLETED, bd(1), null, 0L,
                "https://baohatinh.vn/cai-cach-hanh-chinh", "Tin bài phối hợp với Ban Biên tập Báo Hà Tĩnh"));
        specs.add(new Spec("Tuyên truyền chương trình tổng thể CCHC 2021–2030 qua nhóm Zalo các thôn", "OTHER",
                "van-hoa-thong-tin", List.of("mttq-doan-the"), LocalDate.of(year, 8, 31), bd(10), Outcome.COMPLETED,
                bd(10), 1500L, 0L, null, "10 lượt đăng tin trên nhóm Zalo của 10 thôn"));
        specs.add(new Spec("Phục vụ người dân đọc, tra cứu tài liệu hướng dẫn TTHC tại điểm bưu điện văn hóa xã",
                "POSTAL_SERVICE", "buu-dien-xa", List.of("van-hoa-thong-tin"), LocalDate.of(year, 6, 30), bd(1),
                Outcome.COMPLETED, bd(1), 150L, 0L, null, "Sổ theo dõi bạn đọc"));
        specs.add(new Spec("Tuyên truyền dịch vụ bưu chính công ích trong tiếp nhận và trả kết quả TTHC",
                "POSTAL_SERVICE", "buu-dien-xa", List.of("noi-vu"), LocalDate.of(year, 11, 30), bd(1), Outcome.PLANNED,
                null, null, null, null, null));
        return specs;
    }

    /**
     * A lighter year: the monthly radio segment of the plan's CT-2 (one activity a month, broadcast three times),
     * two articles, two meeting items; the first {@code rate} tenths of them, by due date, are completed.
     */
    static List<Spec> lighter(String communeName, int year, int rate) {
        List<Spec> specs = new ArrayList<>();
        List<Spec> base = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            base.add(new Spec("Chuyên mục CCHC trên truyền thanh cơ sở tháng " + m + "/" + year + " – " + communeName,
                    "RADIO", "van-hoa-thong-tin", List.of(), endOf(year, m), bd(3), null, bd(3), 700L + 20L * m,
                    40_000L, null, "Nhật ký phát thanh tháng " + m));
        }
        base.add(new Spec("Tin bài về dịch vụ công trực tuyến – " + communeName, "WEBSITE", "van-hoa-thong-tin",
                List.of(), LocalDate.of(year, 5, 31), bd(1), null, bd(1), 500L, 0L,
                "https://ductho.hatinh.gov.vn/cchc/" + year + "/tin-bai", null));
        base.add(new Spec("Kết quả CCHC 6 tháng đầu năm – " + communeName, "WEBSITE", "van-hoa-thong-tin", List.of(),
                LocalDate.of(year, 8, 31), bd(1), null, bd(1), 400L, 0L, null, "Bài đăng chuyên mục CCHC"));
        base.add(new Spec("Nội dung CCHC tại phiên họp UBND xã quý II", "MEETING", "van-phong", List.of(),
                LocalDate.of(year, 6, 30), bd(1), null, bd(1), 20L, 0L, null, "Biên bản phiên họp"));
        base.add(new Spec("Nội dung CCHC tại phiên họp UBND xã quý IV", "MEETING", "van-phong", List.of(),
                LocalDate.of(year, 12, 20), bd(1), null, bd(1), 20L, 0L, null, "Biên bản phiên họp"));
        base.sort((a, b) -> a.dueDate().compareTo(b.dueDate()));
        for (int i = 0; i < base.size(); i++) {
            Spec s = base.get(i);
            Outcome o = i * 10 < rate * base.size() ? Outcome.COMPLETED : i % 2 == 0 ? Outcome.IN_PROGRESS : Outcome.PLANNED;
            specs.add(new Spec(s.title(), s.channel(), s.unit(), s.coordinatingUnits(), s.dueDate(), s.plannedQuantity(),
                    o, s.quantity(), s.reach(), s.costVnd(), s.evidenceUrl(), s.evidenceNote()));
        }
        return specs;
    }

    private static LocalDate endOf(int year, int month) {
        return YearMonth.of(year, month).atEndOfMonth();
    }

    private static BigDecimal bd(int n) {
        return BigDecimal.valueOf(n);
    }

    private static String roman(int q) {
        return switch (q) {
            case 1 -> "I";
            case 2 -> "II";
            case 3 -> "III";
            default -> "IV";
        };
    }
}
