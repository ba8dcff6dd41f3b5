package vn.loa.reporting.document;

import vn.loa.documents.AdministrativeDocument;
import vn.loa.documents.Block;
import vn.loa.documents.DataTable;
import vn.loa.documents.Section;
import vn.loa.documents.Signer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Periodic reports as Decree 30/2020 documents ("BÁO CÁO Kết quả công tác tuyên truyền cải cách
 * hành chính 6 tháng đầu năm 2022", numbered "05/BC-UBND", signed "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
 * PHÓ CHỦ TỊCH", sent to the plan's recipients) and as spreadsheet tables: a commune's report, and a
 * district's consolidated report over its communes.
 */
public final class ReportDocuments {

    static final Map<String, String> CHANNEL_NAMES = Map.of(
            "RADIO", "Truyền thanh cơ sở", "WEBSITE", "Trang thông tin điện tử", "PRESS", "Báo chí",
            "PANEL_POSTER", "Pano, áp phích", "TRAINING", "Tập huấn, bồi dưỡng",
            "MEETING", "Phiên họp thường kỳ UBND", "LAW_DAY", "Ngày pháp luật",
            "POSTAL_SERVICE", "Dịch vụ bưu chính công ích", "OTHER", "Hình thức khác");

    static final Map<String, String> STATUS_NAMES = Map.of(
            "DRAFT", "Dự thảo", "SUBMITTED", "Đã gửi", "APPROVED", "Đã duyệt", "RETURNED", "Trả lại");

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})(?:-(Q[1-4]|H1))?");
    private static final Pattern LEVEL_WORD = Pattern.compile(
            "^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn)\\s+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final String[] ROMAN = {"I", "II", "III", "IV"};

    private ReportDocuments() {
    }

    /** "2022-Q1" → "quý I năm 2022", "2022-H1" → "6 tháng đầu năm 2022", "2022" → "năm 2022". */
    public static String periodText(String period) {
        Matcher m = PERIOD.matcher(period);
        if (!m.matches()) {
            return period;
        }
        if (m.group(2) == null) {
            return "năm " + m.group(1);
        }
        if (m.group(2).startsWith("H")) {
            return "6 tháng đầu năm " + m.group(1);
        }
        return "quý " + ROMAN[m.group(2).charAt(1) - '1'] + " năm " + m.group(1);
    }

    public static String subtitle(String period) {
        return "Kết quả công tác tuyên truyền cải cách hành chính " + periodText(period);
    }

    /** "Xã Liên Minh" → "UBND xã Liên Minh": the People's Committee issues the commune's documents. */
    static String issuer(String orgUnitName) {
        if (orgUnitName == null) {
            return "";
        }
        Matcher m = LEVEL_WORD.matcher(orgUnitName);
        return m.find() ? "UBND " + m.group(1).toLowerCase(Locale.forLanguageTag("vi")) + orgUnitName.substring(m.group(1).length())
                : "UBND " + orgUnitName;
    }

    /** "Xã Liên Minh" → "Liên Minh", the place of the date line. */
    static String place(String orgUnitName) {
        return orgUnitName == null ? null : LEVEL_WORD.matcher(orgUnitName).replaceFirst("");
    }

    public static AdministrativeDocument communeReport(QuarterlyReport r) {
        List<Section> sections = new ArrayList<>();
        sections.add(Section.of(null, new Block.Paragraph("Thực hiện " + planReference(r.planDocumentNumber())
                + ", " + issuer(r.orgUnitName()) + " báo cáo kết quả công tác tuyên truyền cải cách hành chính "
                + periodText(r.period()) + " như sau:")));

        List<Block> one = new ArrayList<>();
        one.add(new Block.Heading(1, "1. Kết quả thực hiện chỉ tiêu"));
        one.add(targetTable(r.targets()));
        if (r.targets().stream().anyMatch(t -> t.recurrence() != null)) {
            one.add(new Block.Item("Chỉ tiêu định kỳ (hằng tháng, hằng quý) được tính theo số tháng, số quý có thực hiện;"
                    + " số lượt phát, số sản phẩm và lượt người tiếp cận ở mục 2."));
        }
        int n = 2;
        one.add(new Block.Heading(1, n++ + ". Kết quả theo hình thức tuyên truyền"));
        one.add(channelTable(r.channels()));
        n = depth(one, r, n, "Kinh phí theo kế hoạch", "kinh phí cả năm theo " + planReference(r.planDocumentNumber()));
        one.add(new Block.Heading(1, n++ + ". Đánh giá chung"));
        one.add(new Block.Paragraph(orBlank(r.results())));
        if (!r.afterClosing().isEmpty()) {
            // Reported after the quarter was closed: shown apart, the figures above stay as they were closed.
            one.add(new Block.Heading(1, n++ + ". Kết quả báo cáo sau khi khóa sổ (không tính vào số liệu trên)"));
            r.afterClosing().forEach(a -> one.add(new Block.Item(lateText(a))));
        }
        evidence(one, r, n);
        sections.add(new Section("I. KẾT QUẢ ĐẠT ĐƯỢC", one));
        sections.add(Section.of("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", new Block.Paragraph(orBlank(r.shortcomings()))));
        sections.add(Section.of("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", new Block.Paragraph(orBlank(r.nextSteps()))));
        sections.add(Section.of(null, new Block.Paragraph("Trên đây là báo cáo kết quả công tác tuyên truyền cải cách hành chính "
                + periodText(r.period()) + " của " + issuer(r.orgUnitName()) + ".")));

        return new AdministrativeDocument(
                parentBody(r),
                issuerOf(r),
                r.documentNumber(), // given at submission; a draft leaves it blank
                place(r.orgUnitName()),
                r.submittedOn(),
                "BÁO CÁO",
                subtitle(r.period()),
                sections,
                recipients(r, List.of(r.parentName() == null ? "Cấp trên (b/c);"
                                : "Phòng Văn hóa và Thông tin " + lowerFirst(r.parentName()) + " (b/c);",
                        "TT Đảng ủy, HĐND xã;", "Lưu: VP.")),
                signer(r));
    }

    private static String issuerOf(QuarterlyReport r) {
        return r.issuerName() != null ? r.issuerName() : issuer(r.orgUnitName());
    }

    private static String parentBody(QuarterlyReport r) {
        return r.parentBodyName() != null ? r.parentBodyName() : r.parentName() == null ? null : issuer(r.parentName());
    }

    /** The signer chosen at submission; a draft gets the chairman's block, to sign or change. */
    private static Signer signer(QuarterlyReport r) {
        return r.signer() != null ? r.signer() : new Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", null);
    }

    /**
     * "Nơi nhận" from the plan's recipients ("Phòng VHTT (b/c);", … , "Lưu: VT."), the filing line last; the
     * defaults when the plan names none.
     */
    static List<String> recipients(QuarterlyReport r, List<String> defaults) {
        if (r.recipients().isEmpty()) {
            return defaults;
        }
        return r.recipients();
    }

    /** A plan's recipient as a "Nơi nhận" line: "Phòng tư pháp, Nội vụ (b/c);", "Lưu: VT." for the filing copy. */
    public static List<String> recipientLines(List<String[]> namesAndPurposes) {
        List<String> lines = new ArrayList<>();
        List<String> filing = new ArrayList<>();
        for (String[] r : namesAndPurposes) {
            String name = r[0] == null ? "" : r[0].strip();
            String purpose = r[1] == null ? "" : r[1].strip();
            if (name.isEmpty()) {
                continue;
            }
            if (purpose.equalsIgnoreCase("Lưu")) {
                filing.add(name);
            } else {
                lines.add(name + (purpose.isEmpty() ? ";" : " (" + purpose + ");"));
            }
        }
        if (!filing.isEmpty()) {
            lines.add("Lưu: " + String.join(", ", filing) + ".");
        }
        return lines;
    }

    /** A commune's report as tables: summary, targets, channels, units. */
    public static List<DataTable> communeTables(QuarterlyReport r) {
        List<List<Object>> rows = new ArrayList<>(List.of(
                List.of("Đơn vị", r.orgUnitName()),
                List.of("Kỳ báo cáo", r.period()),
                List.of("Trạng thái", STATUS_NAMES.getOrDefault(r.status(), r.status())),
                List.of("Hạn nộp", r.dueDate() == null ? "" : r.dueDate().toString()),
                List.of("Kế hoạch", r.planDocumentNumber() == null ? "" : r.planDocumentNumber()),
                List.of("Số báo cáo", r.documentNumber() == null ? "" : r.documentNumber())));
        if (r.planYearVnd() == null) {
            // Figures frozen before the plan's lines were kept: as they were.
            rows.add(List.of("Kinh phí kế hoạch (đồng)", r.plannedVnd()));
            rows.add(List.of("Kinh phí đã sử dụng (đồng)", r.spentVnd()));
        } else {
            // The plan's amount for the year, not divided (README, Definitions), beside the period and the year to date.
            rows.add(List.of("Kinh phí kế hoạch năm " + year(r.period()) + " (đồng)", r.planYearVnd()));
            rows.add(List.of("Kinh phí đã sử dụng trong kỳ (đồng)", r.spentVnd()));
            rows.add(List.of("Kinh phí đã sử dụng lũy kế từ đầu năm (đồng)",
                    r.spentYearToDateVnd() == null ? "" : r.spentYearToDateVnd()));
        }
        DataTable summary = new DataTable("Thông tin chung", List.of("Mục", "Giá trị"), rows);
        DataTable targets = new DataTable("Chỉ tiêu",
                List.of("Mã", "Chỉ tiêu", "Loại", "Kế hoạch kỳ", "Đạt được", "Tỷ lệ (%)", "Định kỳ",
                        "Hoạt động hoàn thành", "Số lượng"),
                r.targets().stream().map(t -> List.<Object>of(t.code(), t.description(), t.indicator(),
                        number(t.planned()), number(t.achieved()), t.ratio() == null ? "" : percentNumber(t.ratio()),
                        recurrenceName(t.recurrence()), t.activitiesCompleted() == null ? "" : t.activitiesCompleted(),
                        t.quantity() == null ? "" : number(t.quantity()))).toList());
        DataTable channels = new DataTable("Hình thức",
                List.of("Hình thức", "Hoạt động kế hoạch", "Hoạt động hoàn thành", "Số lượng", "Lượt người"),
                r.channels().stream().map(c -> List.<Object>of(CHANNEL_NAMES.getOrDefault(c.channel(), c.channel()),
                        c.activitiesPlanned(), c.activitiesCompleted(), number(c.quantity()), c.reach())).toList());
        DataTable units = new DataTable("Đơn vị",
                List.of("Đơn vị", "Vai trò", "Được giao", "Hoàn thành", "Quá hạn"),
                r.units().stream().map(u -> List.<Object>of(u.name() == null ? u.code() : u.name(), role(u.role()),
                        u.assigned(), u.completed(), u.overdue())).toList());
        List<DataTable> depth = depthTables(r);
        if (r.afterClosing().isEmpty()) {
            List<DataTable> out = new ArrayList<>(List.of(summary, targets, channels, units));
            out.addAll(depth);
            return out;
        }
        DataTable late = new DataTable("Sau khi khóa sổ",
                List.of("Hoạt động", "Hình thức", "Trạng thái", "Ngày hoàn thành", "Số lượng", "Ngày nhận"),
                r.afterClosing().stream().map(a -> List.<Object>of(a.title() == null ? "" : a.title(),
                        CHANNEL_NAMES.getOrDefault(a.channel(), a.channel() == null ? "" : a.channel()),
                        a.status() == null ? "" : a.status(), a.completedOn() == null ? "" : a.completedOn().toString(),
                        a.quantity() == null ? "" : number(a.quantity()),
                        a.receivedOn() == null ? "" : a.receivedOn().toString())).toList());
        List<DataTable> out = new ArrayList<>(List.of(summary, targets, channels, units, late));
        out.addAll(depth);
        return out;
    }

    /** Per topic, per audience, money per source, evidence files (full SHA-256): numbers as numbers. */
    private static List<DataTable> depthTables(QuarterlyReport r) {
        int year = year(r.period());
        DataTable topics = new DataTable("Nội dung",
                List.of("Mã", "Nội dung tuyên truyền", "Hoạt động kế hoạch", "Hoạt động hoàn thành", "Lượt người"),
                r.topics().stream().map(t -> List.<Object>of(t.code(), t.title() == null ? "" : t.title().strip(),
                        t.activitiesPlanned(), t.activitiesCompleted(), t.reach())).toList());
        DataTable audiences = new DataTable("Đối tượng",
                List.of("Mã", "Đối tượng", "Hoạt động hoàn thành", "Lượt người"),
                r.audiences().stream().map(a -> List.<Object>of(a.audience(),
                        AUDIENCE_NAMES.getOrDefault(a.audience(), a.audience()), a.activitiesCompleted(), a.reach()))
                        .toList());
        DataTable money = new DataTable("Kinh phí",
                List.of("Mã", "Nguồn kinh phí", "Kế hoạch năm " + year + " (đồng)", "Kế hoạch ghi số tiền",
                        "Dự kiến của các hoạt động trong kỳ (đồng)", "Đã sử dụng trong kỳ (đồng)",
                        "Lũy kế từ đầu năm (đồng)"),
                r.sources().stream().map(x -> List.<Object>of(x.source(), SOURCE_NAMES.getOrDefault(x.source(), x.source()),
                        x.planYearVnd() == null ? "" : x.planYearVnd(),
                        x.planYearVnd() == null ? "Không có dòng" : x.planYearVnd() == 0 ? "Không" : "Có",
                        x.activitiesPlannedVnd(), x.spentVnd(),
                        x.spentYearToDateVnd() == null ? "" : x.spentYearToDateVnd())).toList());
        List<List<Object>> files = new ArrayList<>();
        for (QuarterlyReport.EvidenceActivity a : r.evidence()) {
            for (QuarterlyReport.EvidenceFile f : a.files()) {
                files.add(List.of(a.title() == null ? "" : a.title(),
                        CHANNEL_NAMES.getOrDefault(a.channel(), a.channel() == null ? "" : a.channel()),
                        a.date() == null ? "" : a.date().toString(), f.name(), typeName(f.contentType()),
                        f.contentType(), f.size(), f.sha256()));
            }
        }
        DataTable evidence = new DataTable("Minh chứng",
                List.of("Hoạt động", "Hình thức", "Ngày", "Tệp", "Loại", "Kiểu MIME", "Dung lượng (byte)", "SHA-256"), files);
        return List.of(topics, audiences, money, evidence);
    }

    private static String lateText(QuarterlyReport.LateArrival a) {
        String what = (a.title() == null ? "Hoạt động" : a.title())
                + (a.channel() == null ? "" : " (" + CHANNEL_NAMES.getOrDefault(a.channel(), a.channel()) + ")");
        String status = "COMPLETED".equals(a.status()) ? "hoàn thành" + (a.completedOn() == null ? "" : " ngày " + a.completedOn())
                + (a.quantity() == null ? "" : ", số lượng " + number(a.quantity()))
                : "CANCELLED".equals(a.status()) ? "đã hủy" : "chưa hoàn thành";
        return what + ": " + status + (a.receivedOn() == null ? "" : "; nhận ngày " + a.receivedOn()) + ".";
    }

    /**
     * A consolidated report (a district's, to the province): the state of the reports it consolidates, the
     * rolled-up targets, channels, units and budget, and the district's own narrative.
     */
    public static AdministrativeDocument consolidatedReport(QuarterlyReport r) {
        List<Block> one = new ArrayList<>();
        long expected = r.children().stream().filter(QuarterlyReport.Child::expected).count();
        long received = r.children().stream().filter(c -> c.expected() && received(c.status())).count();
        long onTime = r.children().stream().filter(c -> c.expected() && received(c.status())
                && Boolean.TRUE.equals(c.onTime())).count();
        one.add(new Block.Heading(1, "1. Tình hình báo cáo của các xã"));
        one.add(new Block.Paragraph("Số xã phải báo cáo: " + expected + "; đã gửi: " + received + " (đúng hạn: " + onTime
                + ")."));
        one.add(new Block.Table(List.of("Xã", "Số báo cáo", "Trạng thái", "Đúng hạn", "Hoạt động hoàn thành",
                "Mức đạt chỉ tiêu (%)", "Kinh phí đã sử dụng (đồng)"),
                r.children().stream().map(c -> List.of(c.name(), c.documentNumber() == null ? "" : c.documentNumber(),
                        c.expected() ? STATUS_NAMES.getOrDefault(c.status(), c.status()) : "Không phải báo cáo",
                        c.onTime() == null ? "" : c.onTime() ? "Đúng hạn" : "Chậm", String.valueOf(c.activitiesCompleted()),
                        c.achievement() == null ? "" : percent(c.achievement()), vnd(c.spentVnd()))).toList(),
                List.of(2f, 1.3f, 1.3f, 1f, 1.2f, 1.2f, 1.5f)));
        one.add(new Block.Heading(1, "2. Kết quả thực hiện chỉ tiêu"));
        one.add(targetTable(r.targets()));
        int n = 3;
        one.add(new Block.Heading(1, n++ + ". Kết quả theo hình thức tuyên truyền"));
        one.add(channelTable(r.channels()));
        n = depth(one, r, n, "Kinh phí theo kế hoạch của các xã", "tổng kinh phí cả năm theo kế hoạch của các xã");
        one.add(new Block.Heading(1, n++ + ". Đánh giá chung"));
        one.add(new Block.Paragraph(orBlank(r.results())));
        evidence(one, r, n);
        List<Section> sections = List.of(
                Section.of(null, new Block.Paragraph("Thực hiện " + planReference(r.planDocumentNumber()) + ", "
                        + issuerOf(r) + " tổng hợp kết quả công tác tuyên truyền cải cách hành chính "
                        + periodText(r.period()) + " trên địa bàn như sau:")),
                new Section("I. KẾT QUẢ ĐẠT ĐƯỢC", one),
                Section.of("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", new Block.Paragraph(orBlank(r.shortcomings()))),
                Section.of("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", new Block.Paragraph(orBlank(r.nextSteps()))),
                Section.of(null, new Block.Paragraph("Trên đây là báo cáo tổng hợp kết quả công tác tuyên truyền cải cách"
                        + " hành chính " + periodText(r.period()) + " của " + issuerOf(r) + ".")));
        return new AdministrativeDocument(
                parentBody(r),
                issuerOf(r),
                r.documentNumber(),
                place(r.orgUnitName()),
                r.submittedOn(),
                "BÁO CÁO",
                "Tổng hợp kết quả công tác tuyên truyền cải cách hành chính " + periodText(r.period()),
                sections,
                recipients(r, List.of("UBND tỉnh (b/c);", "Các xã, thị trấn;", "Lưu: VT, VHTT.")),
                signer(r));
    }

    /** A consolidated report as tables: summary, per unit below, targets, channels, units. */
    public static List<DataTable> consolidatedTables(QuarterlyReport r) {
        List<DataTable> commune = communeTables(r);
        DataTable perUnit = new DataTable("Theo xã",
                List.of("Mã", "Xã", "Phải báo cáo", "Trạng thái", "Số báo cáo", "Đúng hạn", "Hoạt động hoàn thành",
                        "Mức đạt chỉ tiêu (%)", "Kinh phí đã sử dụng (đồng)"),
                r.children().stream().map(c -> List.<Object>of(c.code(), c.name(), c.expected() ? "Có" : "Không",
                        STATUS_NAMES.getOrDefault(c.status(), c.status()),
                        c.documentNumber() == null ? "" : c.documentNumber(),
                        c.onTime() == null ? "" : c.onTime() ? "Có" : "Không", c.activitiesCompleted(),
                        c.achievement() == null ? "" : percentNumber(c.achievement()), c.spentVnd())).toList());
        List<DataTable> out = new ArrayList<>();
        out.add(commune.get(0));
        out.add(perUnit);
        out.addAll(commune.subList(1, commune.size()));
        return out;
    }

    private static boolean received(String status) {
        return "SUBMITTED".equals(status) || "APPROVED".equals(status);
    }

    private static Block.Table targetTable(List<QuarterlyReport.Target> targets) {
        return new Block.Table(List.of("Mã", "Chỉ tiêu", "Kế hoạch kỳ", "Đạt được", "Tỷ lệ"),
                targets.stream().map(t -> List.of(t.code(),
                        t.recurrence() == null ? t.description() : t.description() + " (" + recurrenceName(t.recurrence()) + ")",
                        plain(t.planned()), plain(t.achieved()), t.ratio() == null ? "" : percent(t.ratio()))).toList(),
                List.of(1f, 4f, 1.2f, 1.2f, 1f));
    }

    private static Block.Table channelTable(List<QuarterlyReport.Channel> channels) {
        return new Block.Table(List.of("Hình thức", "Hoạt động kế hoạch", "Hoạt động hoàn thành", "Số lượng", "Lượt người"),
                channels.stream().map(c -> List.of(CHANNEL_NAMES.getOrDefault(c.channel(), c.channel()),
                        String.valueOf(c.activitiesPlanned()), String.valueOf(c.activitiesCompleted()),
                        plain(c.quantity()), thousands(c.reach()))).toList(),
                List.of(2.6f, 1.3f, 1.3f, 1f, 1.2f));
    }

    private static Block.Table unitTable(List<QuarterlyReport.Unit> units) {
        return new Block.Table(List.of("Đơn vị", "Vai trò", "Được giao", "Hoàn thành", "Quá hạn"),
                units.stream().map(u -> List.of(u.name() == null ? u.code() : u.name(), role(u.role()),
                        String.valueOf(u.assigned()), String.valueOf(u.completed()), String.valueOf(u.overdue()))).toList(),
                List.of(3f, 1.3f, 1f, 1f, 1f));
    }




    static final Map<String, String> AUDIENCE_NAMES = Map.of("OFFICIALS", "Cán bộ, công chức, viên chức",
            "CITIZENS", "Nhân dân", "BUSINESSES", "Doanh nghiệp và nhà đầu tư");

    /** The budget sources as the plan's section III names them (plan-service's PlanDocuments says the same). */
    static final Map<String, String> SOURCE_NAMES = Map.of("PROVINCE", "Ngân sách tỉnh", "DISTRICT", "Ngân sách huyện",
            "COMMUNE", "Ngân sách xã", "OTHER", "Nguồn khác", "NOT_STATED", "Hoạt động không ghi nguồn");

    static final String NO_AMOUNT = "Không ghi số tiền";

    /**
     * The items a report shows beside the targets and channels (issue 19): per topic, per audience, per unit, and the
     * money per source; numbered from {@code n}, which it returns past its last heading. Figures frozen before topics
     * and audiences existed have none: the line says so instead of an empty table.
     */
    private static int depth(List<Block> one, QuarterlyReport r, int n, String plannedWording, String planYearWording) {
        one.add(new Block.Heading(1, n++ + ". Kết quả theo nội dung tuyên truyền"));
        if (r.topics().isEmpty()) {
            one.add(new Block.Item("Không có hoạt động theo nội dung tuyên truyền trong kỳ (hoặc số liệu chốt trước khi có"
                    + " mục này)."));
        } else {
            one.add(topicTable(r.topics()));
        }
        one.add(new Block.Heading(1, n++ + ". Đối tượng được tuyên truyền"));
        if (r.audiences().isEmpty()) {
            one.add(new Block.Item("Không có số liệu theo đối tượng (số liệu chốt trước khi có mục này)."));
        } else {
            one.add(audienceTable(r.audiences()));
        }
        one.add(new Block.Heading(1, n++ + ". Kết quả theo đơn vị thực hiện"));
        one.add(unitTable(r.units()));
        one.add(new Block.Heading(1, n++ + ". Kinh phí"));
        int year = year(r.period());
        if (r.sources().isEmpty() || r.planYearVnd() == null) {
            // Frozen before the plan's lines were kept: the figures as they were frozen.
            one.add(new Block.Item(plannedWording + ": " + vnd(r.plannedVnd()) + " đồng."));
            one.add(new Block.Item("Kinh phí đã sử dụng: " + vnd(r.spentVnd()) + " đồng."));
            return n;
        }
        one.add(budgetTable(r, year));
        one.add(new Block.Item("Cột \"Kế hoạch năm " + year + "\" là " + planYearWording
                + " (kế hoạch giao kinh phí theo năm, không chia theo kỳ báo cáo); đối chiếu với cột \"Lũy kế từ đầu năm\"."));
        if (r.sources().stream().anyMatch(x -> x.planYearVnd() != null && x.planYearVnd() == 0)) {
            one.add(new Block.Item(NO_AMOUNT + ": kế hoạch nêu nguồn kinh phí nhưng không ghi số tiền."));
        }
        return n;
    }

    private static Block.Table topicTable(List<QuarterlyReport.Topic> topics) {
        return new Block.Table(List.of("Nội dung tuyên truyền", "Hoạt động kế hoạch", "Hoạt động hoàn thành", "Lượt người"),
                topics.stream().map(t -> List.of(topicName(t), String.valueOf(t.activitiesPlanned()),
                        String.valueOf(t.activitiesCompleted()), thousands(t.reach()))).toList(),
                List.of(4f, 1.2f, 1.2f, 1.2f));
    }

    /** "a) Tuyên truyền, phổ biến …" from the plan, or the code alone when the plan's wording is not known. */
    static String topicName(QuarterlyReport.Topic t) {
        return t.title() == null || t.title().isBlank() ? t.code() + ")" : t.code() + ") " + t.title().strip();
    }

    private static Block.Table audienceTable(List<QuarterlyReport.Audience> audiences) {
        return new Block.Table(List.of("Đối tượng", "Hoạt động hoàn thành", "Lượt người"),
                audiences.stream().map(a -> List.of(AUDIENCE_NAMES.getOrDefault(a.audience(), a.audience()),
                        String.valueOf(a.activitiesCompleted()), thousands(a.reach()))).toList(),
                List.of(3.5f, 1.5f, 1.5f));
    }

    private static Block.Table budgetTable(QuarterlyReport r, int year) {
        List<List<String>> rows = new ArrayList<>();
        long activities = 0;
        long toDate = 0;
        for (QuarterlyReport.Source x : r.sources()) {
            activities += x.activitiesPlannedVnd();
            toDate += x.spentYearToDateVnd() == null ? 0 : x.spentYearToDateVnd();
            rows.add(List.of(SOURCE_NAMES.getOrDefault(x.source(), x.source()), planCell(x.planYearVnd()),
                    vnd(x.activitiesPlannedVnd()), vnd(x.spentVnd()),
                    x.spentYearToDateVnd() == null ? "" : vnd(x.spentYearToDateVnd())));
        }
        rows.add(List.of("Tổng cộng", vnd(r.planYearVnd()), vnd(activities), vnd(r.spentVnd()),
                vnd(r.spentYearToDateVnd() == null ? toDate : r.spentYearToDateVnd())));
        return new Block.Table(List.of("Nguồn kinh phí", "Kế hoạch năm " + year + " (đồng)",
                "Dự kiến của các hoạt động trong kỳ (đồng)", "Đã sử dụng trong kỳ (đồng)", "Lũy kế từ đầu năm (đồng)"),
                rows, List.of(2.2f, 1.5f, 1.5f, 1.4f, 1.4f));
    }

    /** The plan's amount: "—" when the plan has no line for the source, "Không ghi số tiền" when it names it only. */
    private static String planCell(Long amount) {
        return amount == null ? "—" : amount == 0 ? NO_AMOUNT : vnd(amount);
    }

    /** Numbered after the rest: the activities of the period and their evidence files (issue 18), or a line saying none. */
    private static void evidence(List<Block> one, QuarterlyReport r, int n) {
        one.add(new Block.Heading(1, n + ". Tài liệu minh chứng"));
        List<List<String>> rows = new ArrayList<>();
        for (QuarterlyReport.EvidenceActivity a : r.evidence()) {
            for (QuarterlyReport.EvidenceFile f : a.files()) {
                rows.add(List.of(activityName(a), f.name(), typeName(f.contentType()), size(f.size()), shortSha(f.sha256())));
            }
        }
        if (rows.isEmpty()) {
            one.add(new Block.Item("Các hoạt động trong kỳ chưa có tệp minh chứng."));
            return;
        }
        one.add(new Block.Table(List.of("Hoạt động", "Tệp", "Loại", "Dung lượng", "SHA-256 (12 ký tự đầu)"), rows,
                List.of(2.6f, 2.4f, 0.9f, 1f, 1.6f)));
        long withFiles = r.evidence().stream().filter(a -> !a.files().isEmpty()).count();
        one.add(new Block.Item(rows.size() + " tệp minh chứng của " + withFiles + " hoạt động; mã SHA-256 đầy đủ trong"
                + " bản CSV/XLSX để đối chiếu tệp."));
    }

    private static String activityName(QuarterlyReport.EvidenceActivity a) {
        String title = a.title() == null ? "Hoạt động" : a.title();
        return a.date() == null ? title : title + " (" + a.date().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + ")";
    }

    /** The first 12 hex digits: enough to tell files apart on paper; the full hash is in the tables. */
    static String shortSha(String sha256) {
        return sha256 == null ? "" : sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
    }

    /** image/jpeg → "Ảnh JPEG", application/pdf → "PDF", the Word and Excel types → "DOCX", "XLSX". */
    static String typeName(String contentType) {
        if (contentType == null) {
            return "";
        }
        return switch (contentType) {
            case "image/jpeg" -> "Ảnh JPEG";
            case "image/png" -> "Ảnh PNG";
            case "image/webp" -> "Ảnh WebP";
            case "image/heic", "image/heif" -> "Ảnh HEIC";
            case "application/pdf" -> "PDF";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "DOCX";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "XLSX";
            default -> contentType;
        };
    }

    /** 1 234 567 bytes → "1,2 MB", 350 000 → "341,8 KB", 800 → "800 byte" (binary units, Vietnamese comma). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " byte";
        }
        double kb = bytes / 1024.0;
        if (kb < 1024) {
            return oneDecimal(kb) + " KB";
        }
        return oneDecimal(kb / 1024.0) + " MB";
    }

    private static String oneDecimal(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString().replace('.', ',');
    }

    private static int year(String period) {
        Matcher m = PERIOD.matcher(period);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Mean of the target ratios, each capped at 1, as the dashboard computes achievement; null if none. */
    static BigDecimal achievement(QuarterlyReport r) {
        List<BigDecimal> ratios = r.targets().stream().map(QuarterlyReport.Target::ratio).filter(x -> x != null)
                .map(x -> x.min(BigDecimal.ONE)).toList();
        if (ratios.isEmpty()) {
            return null;
        }
        return ratios.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(ratios.size()), 4, RoundingMode.HALF_UP);
    }


    private static String role(String role) {
        return "COORDINATE".equals(role) ? "Phối hợp" : "Chủ trì";
    }

    private static String planReference(String number) {
        return number == null ? "Kế hoạch tuyên truyền cải cách hành chính năm" : "Kế hoạch số " + number;
    }

    private static String orBlank(String text) {
        return text == null || text.isBlank() ? "(Chưa có nội dung.)" : text;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.forLanguageTag("vi")) + s.substring(1);
    }

    /** 0.875 → "87,5%". */
    static String percent(BigDecimal ratio) {
        return percentNumber(ratio).stripTrailingZeros().toPlainString().replace('.', ',') + "%";
    }

    private static BigDecimal percentNumber(BigDecimal ratio) {
        return ratio.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
    }

    static String vnd(long amount) {
        return String.format(Locale.GERMANY, "%,d", amount);
    }

    private static String thousands(long n) {
        return String.format(Locale.GERMANY, "%,d", n);
    }

    /** MONTHLY → "hằng tháng", QUARTERLY → "hằng quý", none → "". */
    static String recurrenceName(String recurrence) {
        if (recurrence == null) {
            return "";
        }
        return switch (recurrence) {
            case "MONTHLY" -> "hằng tháng";
            case "QUARTERLY" -> "hằng quý";
            default -> recurrence;
        };
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    private static Object number(BigDecimal v) {
        if (v == null) {
            return "";
        }
        BigDecimal s = v.stripTrailingZeros(); // 10, not 1E+1
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
