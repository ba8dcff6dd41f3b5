package vn.loa.planning.document;

import vn.loa.common.channel.Channel;
import vn.loa.documents.AdministrativeDocument;
import vn.loa.documents.Block;
import vn.loa.documents.Section;
import vn.loa.documents.Signer;
import vn.loa.planning.plan.PlanContent;
import vn.loa.planning.plan.PlanStatus;
import vn.loa.planning.plan.PlanView;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps a plan to the Decree 30/2020 document model of {@code loa-documents}, section by section as
 * the seed plan is written: opening (or the legal bases), I. purposes, requirements and targets,
 * II. topics a–f and forms, III. budget, IV. assignments, then recipients and the signer block.
 */
public final class PlanDocuments {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private PlanDocuments() {
    }

    /**
     * @param unitNames names of the issuing org unit's offices by code ("van-hoa-thong-tin" → "Văn hóa – Thông tin")
     */
    public static AdministrativeDocument of(PlanView plan, Map<String, String> unitNames) {
        PlanContent c = plan.content();
        Function<String, String> unit = code -> unitNames.getOrDefault(code, code);
        List<Section> sections = new ArrayList<>();

        sections.add(new Section(null, opening(plan)));

        List<Block> one = new ArrayList<>();
        one.add(new Block.Heading(1, "1. Mục đích"));
        c.purposes().forEach(p -> one.add(new Block.Item(p)));
        one.add(new Block.Heading(1, "2. Yêu cầu"));
        c.requirements().forEach(r -> one.add(new Block.Item(r)));
        one.add(new Block.Heading(1, "3. Chỉ tiêu cụ thể"));
        c.targets().forEach(t -> one.add(new Block.Item(t.description())));
        if (!c.targets().isEmpty()) {
            one.add(new Block.Table(List.of("Mã", "Chỉ tiêu năm", "Theo quý (I–IV)", "Hình thức", "Đơn vị thực hiện"),
                    c.targets().stream().map(t -> List.of(t.code(), indicator(t), quarters(t),
                            Channel.labelOf(t.channel()), unit.apply(t.unit()))).toList(),
                    List.of(1f, 2.6f, 1.4f, 1.6f, 1.6f)));
        }
        sections.add(new Section("I. MỤC ĐÍCH, YÊU CẦU", one));

        List<Block> two = new ArrayList<>();
        two.add(new Block.Heading(1, "1. Nội dung tuyên truyền"));
        for (PlanContent.Topic t : c.topics()) {
            two.add(new Block.Paragraph(t.code() + ". " + t.title()));
            t.items().forEach(i -> two.add(new Block.Item(i)));
        }
        two.add(new Block.Heading(1, "2. Hình thức tuyên truyền"));
        if (c.forms() != null && !c.forms().isEmpty()) {
            c.forms().forEach(f -> two.add(new Block.Paragraph(f.code() + ". " + f.description())));
        } else {
            c.channels().forEach(ch -> two.add(new Block.Item(Channel.labelOf(ch))));
        }
        sections.add(new Section("II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN", two));

        List<Block> three = new ArrayList<>();
        if (c.budgetNote() != null) {
            three.add(new Block.Paragraph(c.budgetNote()));
        }
        c.budget().stream().filter(b -> b.amountVnd() != null).forEach(b -> three.add(new Block.Item(
                source(b.source()) + ": " + vnd(b.amountVnd()) + " đồng" + (b.note() == null ? "" : " (" + b.note() + ")"))));
        sections.add(new Section("III. KINH PHÍ", three));

        List<Block> four = new ArrayList<>();
        if (c.assignmentsNote() != null) {
            four.add(new Block.Paragraph(c.assignmentsNote()));
        }
        int n = 1;
        for (PlanContent.Assignment a : c.assignments()) {
            String name = unit.apply(a.unit());
            // A duty that names its unit itself (the seed's item 6, "Ủy ban mặt trận …") is printed as written.
            four.add(new Block.Paragraph(n++ + ". " + (opensWith(a.duties(), name) ? a.duties() : name + ": " + a.duties())));
        }
        if (c.closing() != null) {
            four.add(new Block.Paragraph(c.closing()));
        }
        sections.add(new Section("IV. TỔ CHỨC THỰC HIỆN", four));

        return new AdministrativeDocument(
                plan.parentBody(),
                plan.issuer(),
                plan.documentNumber(),
                plan.place(),
                plan.status() == PlanStatus.DRAFT ? null : plan.issuedOn(),
                plan.status() == PlanStatus.DRAFT ? "DỰ THẢO KẾ HOẠCH" : "KẾ HOẠCH",
                c.title(),
                sections,
                recipients(c.recipients()),
                new Signer(authority(plan.issuer()), "CHỦ TỊCH", null));
    }

    private static List<Block> opening(PlanView plan) {
        PlanContent c = plan.content();
        if (c.preamble() != null && !c.preamble().isBlank()) {
            return List.of(new Block.Paragraph(c.preamble()));
        }
        // Without an opening of its own the plan states its legal bases, one "Căn cứ" each.
        List<Block> blocks = new ArrayList<>();
        for (PlanContent.LegalBasis b : c.legalBases()) {
            blocks.add(new Block.Paragraph("Căn cứ " + b.documentNumber()
                    + (b.issuedOn() == null ? "" : " ngày " + DAY.format(b.issuedOn()))
                    + " của " + b.issuer() + " " + b.title() + ";"));
        }
        return blocks;
    }

    /** "Lưu" is written "Lưu: VT."; the others "Phòng VHTT (b/c);"; the last item ends with a full stop. */
    static List<String> recipients(List<PlanContent.Recipient> recipients) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            PlanContent.Recipient r = recipients.get(i);
            String text = "Lưu".equals(r.purpose()) ? "Lưu: " + r.name()
                    : r.name() + (r.purpose() == null || r.purpose().isBlank() ? "" : " (" + r.purpose() + ")");
            text = text.replaceAll("[.;]+$", "");
            lines.add(text + (i == recipients.size() - 1 ? "." : ";"));
        }
        return lines;
    }

    /** The People's Committee signs collectively: "TM. ỦY BAN NHÂN DÂN" for an issuer "UBND …". */
    static String authority(String issuer) {
        if (issuer == null) {
            return null;
        }
        return issuer.toUpperCase(Locale.forLanguageTag("vi")).startsWith("UBND") ? "TM. ỦY BAN NHÂN DÂN"
                : "TM. " + issuer.toUpperCase(Locale.forLanguageTag("vi"));
    }

    private static String indicator(PlanContent.Target t) {
        String measure = t.measure() == null ? "" : " " + t.measure();
        return switch (t.indicator()) {
            case COUNT -> plain(t.yearlyValue()) + measure;
            case PERCENT -> plain(t.yearlyValue()) + "%" + measure;
            case MILESTONE -> "Hoàn thành" + measure;
        };
    }

    private static String quarters(PlanContent.Target t) {
        return t.quarterlyValues() == null ? ""
                : t.quarterlyValues().stream().map(PlanDocuments::plain).collect(Collectors.joining(" – "));
    }

    private static boolean opensWith(String duties, String unitName) {
        String[] u = unitName.toLowerCase(Locale.ROOT).split("\\s+");
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

    /** Vietnamese groups thousands with dots: 15.000.000. */
    static String vnd(long amount) {
        return String.format(Locale.GERMANY, "%,d", amount);
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }
}
