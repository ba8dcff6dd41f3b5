package vn.loa.reporting.report;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.documents.AdministrativeDocument;
import vn.loa.documents.DataTable;
import vn.loa.documents.DocxDocumentRenderer;
import vn.loa.documents.PdfDocumentRenderer;
import vn.loa.documents.Signer;
import vn.loa.documents.TabularExport;
import vn.loa.reporting.TimeConfiguration;
import vn.loa.reporting.document.QuarterlyReport;
import vn.loa.reporting.document.ReportDocuments;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.support.security.CurrentUser;
import vn.loa.common.problem.ProblemCode;
import vn.loa.support.web.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/reports/{code}/{period}/export?format=pdf|docx|csv|xlsx}: the report read through
 * {@link ReportService#view} (same scope check as {@code GET /api/reports/{code}/{period}}), as a Decree 30
 * document with its number, signer and recipients once submitted. For a unit that has reporting units under it
 * (a district): its consolidated report.
 * Lives in this package because {@link ReportService} and {@link ReportView} are package-private; the
 * documents themselves are built in {@code vn.loa.reporting.document}.
 */
@RestController
class ReportExportController {

    private static final MediaType DOCX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    private static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ReportService reports;
    private final OrgUnitDirectory orgUnits;
    private final ReportEvidence evidence;
    private final PeriodCalendar calendar;
    private final PdfDocumentRenderer pdf = new PdfDocumentRenderer();
    private final DocxDocumentRenderer docx = new DocxDocumentRenderer();

    ReportExportController(ReportService reports, OrgUnitDirectory orgUnits, ReportEvidence evidence,
                           PeriodCalendar calendar) {
        this.reports = reports;
        this.orgUnits = orgUnits;
        this.evidence = evidence;
        this.calendar = calendar;
    }

    @GetMapping("/api/reports/{code}/{period}/export")
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable String code, @PathVariable String period,
                                  @RequestParam(defaultValue = "pdf") String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!List.of("pdf", "docx", "csv", "xlsx").contains(f)) {
            throw ApiException.of(ProblemCode.UNSUPPORTED_FORMAT, "report", format);
        }
        ReportView v = reports.view(user, code, period).view();
        OrgUnit unit = orgUnits.find(code).orElseThrow();
        String parent = unit.parentCode() == null ? null : orgUnits.find(unit.parentCode()).map(OrgUnit::name).orElse(null);
        boolean consolidated = orgUnits.hasChildren(code);
        // The evidence of the period's activities: the unit's and its predecessors', or every commune's below a district.
        List<QuarterlyReport.EvidenceActivity> files = evidence.of(orgUnits.family(unit).stream().map(OrgUnit::code).toList(),
                consolidated ? unit.code() : null, calendar.window(Period.parse(v.period())));
        QuarterlyReport report = document(v, unit, parent).withDepth(topics(v), audiences(v), sources(v),
                v.budget() == null ? null : v.budget().planYearVnd(),
                v.budget() == null ? null : v.budget().spentYearToDateVnd(), files);
        AdministrativeDocument doc = consolidated ? ReportDocuments.consolidatedReport(report)
                : ReportDocuments.communeReport(report);
        List<DataTable> tables = consolidated ? ReportDocuments.consolidatedTables(report)
                : ReportDocuments.communeTables(report);
        String name = (consolidated ? "bao-cao-tong-hop-" : "bao-cao-") + code + "-" + v.period();
        return switch (f) {
            case "pdf" -> file(pdf.render(doc), MediaType.APPLICATION_PDF, name + ".pdf");
            case "docx" -> file(docx.render(doc), DOCX, name + ".docx");
            case "csv" -> file(TabularExport.csv(tables), CSV, name + ".csv");
            default -> file(TabularExport.xlsx(tables), XLSX, name + ".xlsx");
        };
    }

    private static QuarterlyReport document(ReportView v, OrgUnit unit, String parent) {
        return new QuarterlyReport(v.orgUnit(), v.orgUnitName(), parent, v.period(), v.status().name(), v.dueDate(),
                v.submittedAt() == null ? null : v.submittedAt().atZoneSameInstant(TimeConfiguration.ZONE).toLocalDate(),
                v.planDocumentNumber(),
                v.targets() == null ? List.of() : v.targets().stream().map(t -> new QuarterlyReport.Target(t.code(),
                        t.description(), t.indicator(), t.planned(), t.achieved(), t.ratio(), t.recurrence(),
                        t.activitiesCompleted(), t.quantity())).toList(),
                v.channels() == null ? List.of() : v.channels().stream().map(c -> new QuarterlyReport.Channel(c.channel(),
                        c.activitiesPlanned(), c.activitiesCompleted(), c.quantity(), c.reach())).toList(),
                v.units() == null ? List.of() : v.units().stream().map(u -> new QuarterlyReport.Unit(u.unit(),
                        u.name(), u.role(), u.assigned(), u.completed(), u.overdue())).toList(),
                v.budget() == null ? 0 : v.budget().plannedVnd(), v.budget() == null ? 0 : v.budget().spentVnd(),
                v.narrative() == null ? null : v.narrative().results(),
                v.narrative() == null ? null : v.narrative().shortcomings(),
                v.narrative() == null ? null : v.narrative().nextSteps(),
                v.afterClosing() == null ? List.of() : v.afterClosing().events().stream()
                        .map(e -> new QuarterlyReport.LateArrival(e.title(), e.channel(), e.status(), e.completedOn(),
                                e.quantity(), e.publishedAt() == null ? null
                                        : e.publishedAt().atZoneSameInstant(TimeConfiguration.ZONE).toLocalDate()))
                        .toList(),
                v.documentNumber(), signer(v.signer()),
                ReportDocuments.recipientLines(v.recipients().stream()
                        .map(r -> new String[]{r.name(), r.purpose()}).toList()),
                v.children() == null ? List.of() : v.children().stream().map(c -> new QuarterlyReport.Child(c.code(),
                        c.name(), c.expected(), c.status(), c.documentNumber(), c.onTime(), c.achievement(),
                        c.activitiesCompleted(), c.spentVnd())).toList(),
                unit.issuerName(), unit.parentBodyName());
    }

    private static List<QuarterlyReport.Topic> topics(ReportView v) {
        return v.topics() == null ? List.of() : v.topics().stream().map(t -> new QuarterlyReport.Topic(t.topic(), t.title(),
                t.activitiesPlanned(), t.activitiesCompleted(), t.reach())).toList();
    }

    private static List<QuarterlyReport.Audience> audiences(ReportView v) {
        return v.audiences() == null ? List.of() : v.audiences().stream().map(a -> new QuarterlyReport.Audience(a.audience(),
                a.activitiesCompleted(), a.reach())).toList();
    }

    private static List<QuarterlyReport.Source> sources(ReportView v) {
        return v.budget() == null || v.budget().bySource() == null ? List.of() : v.budget().bySource().stream()
                .map(x -> new QuarterlyReport.Source(x.source(), x.planYearVnd(), x.plannedVnd(), x.spentVnd(),
                        x.spentYearToDateVnd())).toList();
    }

    /**
     * The signer block of Decree 30 for the form chosen at submission: TM. (the chairman for the committee),
     * KT. (a deputy for the chairman: three lines), Q. (an acting chairman).
     */
    static Signer signer(ReportView.SignerView s) {
        if (s == null) {
            return null;
        }
        return switch (s.form()) {
            case "KT" -> new Signer("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", s.title(), s.name());
            case "Q" -> new Signer("TM. ỦY BAN NHÂN DÂN", "Q. " + s.title(), s.name());
            default -> new Signer("TM. ỦY BAN NHÂN DÂN", s.title(), s.name());
        };
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(body);
    }
}
