package vn.loa.plan.plan;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.springframework.core.io.ClassPathResource;
import vn.loa.plan.plan.PlanContent.Target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plan as an administrative document, after the layout of Decree 30/2020/NĐ-CP: the issuing body
 * under its parent body and the number on the left, the national motto and place and date on the
 * right, the kind of document and its title, the sections, then recipients and the signer block.
 * A Unicode serif font is embedded so that Vietnamese prints as written.
 */
final class PlanPdf {

    private static final BaseFont REGULAR = font("fonts/DejaVuSerif.ttf");
    private static final BaseFont BOLD = font("fonts/DejaVuSerif-Bold.ttf");
    private static final BaseFont ITALIC = font("fonts/DejaVuSerif-Italic.ttf");

    private static final Map<String, String> CHANNEL_NAMES = Map.of(
            "RADIO", "Truyền thanh cơ sở", "WEBSITE", "Trang thông tin điện tử", "PRESS", "Báo chí",
            "PANEL_POSTER", "Pano, áp phích", "TRAINING", "Tập huấn, bồi dưỡng", "MEETING", "Phiên họp thường kỳ UBND",
            "LAW_DAY", "Ngày pháp luật", "POSTAL_SERVICE", "Dịch vụ bưu chính công ích", "OTHER", "Hình thức khác");

    private PlanPdf() {
    }

    static byte[] render(PlanView plan, Map<String, String> unitNames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 85, 57, 57, 57); // margins of Decree 30: 30/20 mm left/right, 20 mm top/bottom
        PdfWriter.getInstance(doc, out);
        doc.addTitle("Kế hoạch " + nz(plan.documentNumber()) + " " + plan.content().title());
        doc.open();
        header(doc, plan);
        PlanContent c = plan.content();
        if (plan.status() == PlanStatus.DRAFT) {
            doc.add(centered("DỰ THẢO", bold(12)));
        }
        doc.add(spaced(centered("KẾ HOẠCH", bold(14)), 14, 0));
        doc.add(centered(nz(c.title()), bold(14)));
        doc.add(new Paragraph(" "));
        if (c.preamble() != null) {
            doc.add(body(c.preamble()));
        }
        doc.add(heading("I. MỤC ĐÍCH, YÊU CẦU"));
        doc.add(heading("1. Mục đích"));
        bullets(doc, c.purposes());
        doc.add(heading("2. Yêu cầu"));
        bullets(doc, c.requirements());
        doc.add(heading("3. Chỉ tiêu cụ thể"));
        for (Target t : c.targets()) {
            doc.add(body("- " + t.description()));
            doc.add(body("Chỉ tiêu " + t.code() + ": " + indicator(t) + "; hình thức: "
                    + CHANNEL_NAMES.getOrDefault(t.channel(), t.channel()) + "; đơn vị thực hiện: "
                    + unitNames.getOrDefault(t.unit(), t.unit()) + ".", italic(12)));
        }
        doc.add(heading("II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN"));
        doc.add(heading("1. Nội dung tuyên truyền"));
        for (PlanContent.Topic t : c.topics()) {
            doc.add(body(t.code() + ". " + t.title()));
            bullets(doc, t.items());
        }
        doc.add(heading("2. Hình thức tuyên truyền"));
        if (c.forms() != null && !c.forms().isEmpty()) {
            c.forms().forEach(f -> doc.add(body(f.code() + ". " + f.description())));
        } else {
            bullets(doc, c.channels().stream().map(ch -> CHANNEL_NAMES.getOrDefault(ch, ch)).toList());
        }
        doc.add(heading("III. KINH PHÍ"));
        if (c.budgetNote() != null) {
            doc.add(body(c.budgetNote()));
        }
        for (PlanContent.BudgetLine b : c.budget()) {
            if (b.amountVnd() != null) {
                doc.add(body("- " + source(b.source()) + ": " + String.format(Locale.GERMANY, "%,d", b.amountVnd()) + " đồng"
                        + (b.note() == null ? "" : " (" + b.note() + ")")));
            }
        }
        doc.add(heading("IV. TỔ CHỨC THỰC HIỆN"));
        if (c.assignmentsNote() != null) {
            doc.add(body(c.assignmentsNote()));
        }
        int n = 1;
        for (PlanContent.Assignment a : c.assignments()) {
            String unit = unitNames.getOrDefault(a.unit(), a.unit());
            String duties = a.duties();
            // a duty that names its unit itself (the seed's item 6: "Ủy ban mặt trận … đưa vào …") is printed as written
            doc.add(body(n++ + ". " + (sameOpening(unit, duties) ? duties : unit + ": " + duties)));
        }
        if (c.closing() != null) {
            doc.add(body(c.closing()));
        }
        doc.add(new Paragraph(" "));
        footer(doc, plan);
        doc.close();
        return out.toByteArray();
    }

    private static void header(Document doc, PlanView plan) {
        PdfPTable t = new PdfPTable(new float[]{4, 6.5f});
        t.setWidthPercentage(100);
        PdfPCell left = cell();
        if (plan.parentBody() != null) {
            left.addElement(centered(plan.parentBody().toUpperCase(Locale.ROOT), regular(12)));
        }
        left.addElement(centered(nz(plan.issuer()).toUpperCase(Locale.ROOT), bold(12)));
        left.addElement(centered("Số: " + (plan.documentNumber() == null ? "      /KH-…" : plan.documentNumber()), regular(12)));
        PdfPCell right = cell();
        right.addElement(centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold(10.5f)));
        right.addElement(centered("Độc lập - Tự do - Hạnh phúc", bold(12)));
        right.addElement(centered(placeAndDate(plan), italic(12)));
        t.addCell(left);
        t.addCell(right);
        doc.add(t);
    }

    private static void footer(Document doc, PlanView plan) {
        PdfPTable t = new PdfPTable(new float[]{5, 5});
        t.setWidthPercentage(100);
        PdfPCell left = cell();
        left.addElement(new Paragraph("Nơi nhận:", new Font(BOLD, 11, Font.ITALIC)));
        List<PlanContent.Recipient> recipients = plan.content().recipients();
        for (int i = 0; i < recipients.size(); i++) {
            PlanContent.Recipient r = recipients.get(i);
            String text = "Lưu".equals(r.purpose()) ? "- Lưu: " + r.name() : "- " + r.name()
                    + (r.purpose() == null ? "" : " (" + r.purpose() + ")");
            left.addElement(new Paragraph(text + (i == recipients.size() - 1 ? "." : ";"), regular(10)));
        }
        PdfPCell right = cell();
        right.addElement(centered("TM. " + nz(plan.issuer()).toUpperCase(Locale.ROOT), bold(12)));
        t.addCell(left);
        t.addCell(right);
        doc.add(t);
    }

    private static String placeAndDate(PlanView plan) {
        LocalDate d = plan.issuedOn();
        String place = plan.place() == null ? "" : plan.place() + ", ";
        if (d == null) {
            return place + "ngày      tháng      năm " + plan.year();
        }
        return place + String.format("ngày %02d tháng %02d năm %d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
    }

    private static String indicator(Target t) {
        String unit = t.measure() == null ? "" : " " + t.measure();
        String yearly = plain(t.yearlyValue());
        String text = switch (t.indicator()) {
            case COUNT -> yearly + unit + " trong năm";
            case PERCENT -> yearly + "%" + unit;
            case MILESTONE -> "hoàn thành" + unit;
        };
        if (t.quarterlyValues() != null) {
            text += " (theo quý: " + t.quarterlyValues().stream().map(PlanPdf::plain).collect(Collectors.joining(", ")) + ")";
        }
        return text;
    }

    private static boolean sameOpening(String unit, String duties) {
        String[] u = unit.toLowerCase(Locale.ROOT).split("\\s+");
        String[] d = duties.toLowerCase(Locale.ROOT).split("\\s+");
        return u.length >= 2 && d.length >= 2 && u[0].equals(d[0]) && u[1].equals(d[1]);
    }

    private static String source(PlanContent.BudgetSource s) {
        return switch (s) {
            case PROVINCE -> "Ngân sách tỉnh";
            case DISTRICT -> "Ngân sách huyện";
            case COMMUNE -> "Ngân sách xã";
            case OTHER -> "Nguồn khác";
        };
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    private static void bullets(Document doc, List<String> items) {
        items.forEach(i -> doc.add(body("- " + i)));
    }

    private static Paragraph heading(String text) {
        return spaced(new Paragraph(text, bold(13)), 6, 2);
    }

    private static Paragraph body(String text) {
        return body(text, regular(13));
    }

    private static Paragraph body(String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setAlignment(Element.ALIGN_JUSTIFIED);
        p.setFirstLineIndent(28);
        p.setSpacingAfter(3);
        return p;
    }

    private static Paragraph centered(String text, Font font) {
        Paragraph p = new Paragraph(new Phrase(text, font));
        p.setAlignment(Element.ALIGN_CENTER);
        return p;
    }

    private static Paragraph spaced(Paragraph p, float before, float after) {
        p.setSpacingBefore(before);
        p.setSpacingAfter(after);
        return p;
    }

    private static PdfPCell cell() {
        PdfPCell c = new PdfPCell();
        c.setBorder(Rectangle.NO_BORDER);
        return c;
    }

    private static Font regular(float size) {
        return new Font(REGULAR, size);
    }

    private static Font bold(float size) {
        return new Font(BOLD, size);
    }

    private static Font italic(float size) {
        return new Font(ITALIC, size);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static BaseFont font(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            byte[] bytes = in.readAllBytes();
            return BaseFont.createFont(path.substring(path.lastIndexOf('/') + 1), BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                    true, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (com.lowagie.text.DocumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
