package vn.loa.reporting.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventPublisher;
import vn.loa.reporting.TimeConfiguration;
import vn.loa.reporting.IfMatch;
import vn.loa.reporting.figures.Figures;
import vn.loa.reporting.figures.FiguresChanged;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.Window;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Quarterly reports: drafted live from the read models, frozen at submission (the figures are
 * stored as they were), decided by the district. A returned report is live again until it is
 * resubmitted; on time means submitted (the latest submission) by the due date, 24:00 local time.
 */
@Service
class ReportService {

    /** Bounds of the narrative (issue 14.1): a page of text per field. */
    static final int NARRATIVE_MAX = 20_000;
    static final int REASON_MAX = 2_000;

    private final JdbcClient jdbc;
    private final ReportRepository reports;
    private final OrgUnitDirectory orgUnits;
    private final PeriodCalendar calendar;
    private final ReportFiguresQuery figures;
    private final EventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final Figures changes;

    ReportService(JdbcClient jdbc, ReportRepository reports, OrgUnitDirectory orgUnits, PeriodCalendar calendar,
                  ReportFiguresQuery figures, EventPublisher events, JsonMapper json, Clock clock, Figures changes) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.orgUnits = orgUnits;
        this.calendar = calendar;
        this.figures = figures;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.changes = changes;
    }

    record NarrativeRequest(@Size(max = NARRATIVE_MAX) String results, @Size(max = NARRATIVE_MAX) String shortcomings,
                            @Size(max = NARRATIVE_MAX) String nextSteps) {
    }

    record ReturnRequest(@Size(max = REASON_MAX) String reason) {
    }

    record Versioned(ReportView view, int version) {
    }

    @Transactional(readOnly = true)
    Versioned view(CurrentUser user, String commune, String periodText) {
        OrgUnit unit = commune(user, commune);
        Period period = parse(periodText);
        return render(unit, period, reports.findByOrgUnitAndPeriod(unit.code(), period.toString()));
    }

    /**
     * The reports of every commune under a district for one period, figures and late arrivals read for
     * all communes at once (the consolidated export), in the order of the communes' codes.
     */
    @Transactional(readOnly = true)
    List<ReportView> views(CurrentUser user, OrgUnit district, String periodText) {
        OrgScope.requireReadable(user, district.path(), "The reports of " + district.code());
        Period period = parse(periodText);
        List<OrgUnit> communes = orgUnits.reportingUnitsUnder(district.code());
        List<String> codes = communes.stream().map(OrgUnit::code).toList();
        Map<String, Report> rows = new LinkedHashMap<>();
        reports.findByOrgUnitInAndPeriod(codes, period.toString()).forEach(r -> rows.put(r.orgUnit(), r));
        List<String> live = codes.stream().filter(c -> !frozen(Optional.ofNullable(rows.get(c)))).toList();
        Map<String, ReportFigures> computed = figures.compute(live, period.year(), period.quarter(),
                calendar.window(period), today());
        Map<String, ReportFigures.AfterClosing> late = figures.afterClosing(codes, period.toString(),
                calendar.window(period), today());
        List<ReportView> views = new ArrayList<>();
        for (OrgUnit c : communes) {
            Optional<Report> row = Optional.ofNullable(rows.get(c.code()));
            views.add(view(c, period, row, frozen(row) ? frozenFigures(row.get()) : computed.get(c.code()),
                    late.get(c.code())));
        }
        return views;
    }

    @Transactional
    Versioned narrative(CurrentUser user, String commune, String periodText, NarrativeRequest request, String ifMatch) {
        OrgUnit unit = commune(user, commune);
        requireRole(user, Roles.COMMUNE_OFFICER, "Only the commune's officer writes its report.");
        Period period = parse(periodText);
        if (request == null) {
            throw ApiException.validation("narrative", "Send results, shortcomings and nextSteps.");
        }
        Report report = getOrCreate(unit, period);
        IfMatch.require(ifMatch, report.version(), "the report");
        if (!ReportWorkflow.canEdit(report.status())) {
            throw invalid(report.status(), "changed");
        }
        report.narrative(request.results(), request.shortcomings(), request.nextSteps());
        report = reports.saveAndFlush(report);
        history(report.id(), "NARRATIVE", user, now(), null);
        return render(unit, period, Optional.of(report));
    }

    @Transactional
    Versioned submit(CurrentUser user, String commune, String periodText, String ifMatch) {
        OrgUnit unit = commune(user, commune);
        requireRole(user, Roles.COMMUNE_OFFICER, "Only the commune's officer submits its report.");
        Period period = parse(periodText);
        Report report = getOrCreate(unit, period);
        IfMatch.require(ifMatch, report.version(), "the report");
        if (!ReportWorkflow.canSubmit(report.status())) {
            throw invalid(report.status(), "submitted");
        }
        OffsetDateTime now = now();
        LocalDate due = calendar.dueDate(period, unit.level());
        boolean onTime = ReportWorkflow.onTime(now.toInstant(), due, TimeConfiguration.ZONE);
        ReportFigures frozen = compute(unit, period);
        report.submit(now, user.username(), onTime, json.writeValueAsString(frozen), due);
        report = reports.saveAndFlush(report);
        history(report.id(), "SUBMIT", user, now, null);
        changes.changed(FiguresChanged.ofPeriod(unit.path(), period.toString()));
        events.publish(unit.code(), report.id().toString(), new ReportEvents.ReportSubmitted(report.id(), unit.code(),
                unit.name(), unit.path(), unit.districtCode(), period.toString(), due, user.username(), now, onTime));
        return render(unit, period, Optional.of(report));
    }

    @Transactional
    Versioned approve(CurrentUser user, String commune, String periodText, String ifMatch) {
        OrgUnit unit = commune(user, commune);
        requireRole(user, Roles.DISTRICT_OFFICER, "Only the district officer approves a commune's report.");
        Period period = parse(periodText);
        Report report = decidable(unit, period, ifMatch, "approved");
        OffsetDateTime now = now();
        report.approve(now, user.username());
        report = reports.saveAndFlush(report);
        history(report.id(), "APPROVE", user, now, null);
        changes.changed(FiguresChanged.ofPeriod(unit.path(), period.toString()));
        events.publish(unit.code(), report.id().toString(), new ReportEvents.ReportApproved(report.id(), unit.code(),
                unit.name(), unit.path(), unit.districtCode(), period.toString(),
                calendar.dueDate(period, unit.level()), user.username(), now, Boolean.TRUE.equals(report.onTime())));
        return render(unit, period, Optional.of(report));
    }

    @Transactional
    Versioned returnReport(CurrentUser user, String commune, String periodText, ReturnRequest request, String ifMatch) {
        OrgUnit unit = commune(user, commune);
        requireRole(user, Roles.DISTRICT_OFFICER, "Only the district officer returns a commune's report.");
        Period period = parse(periodText);
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ApiException.validation("reason", "Say what the commune must correct.");
        }
        Report report = decidable(unit, period, ifMatch, "returned");
        OffsetDateTime now = now();
        report.returnWith(now, user.username(), request.reason());
        report = reports.saveAndFlush(report);
        history(report.id(), "RETURN", user, now, request.reason());
        changes.changed(FiguresChanged.ofPeriod(unit.path(), period.toString()));
        events.publish(unit.code(), report.id().toString(), new ReportEvents.ReportReturned(report.id(), unit.code(),
                unit.name(), unit.path(), unit.districtCode(), period.toString(),
                calendar.dueDate(period, unit.level()), user.username(), now, Boolean.TRUE.equals(report.onTime()),
                request.reason()));
        return render(unit, period, Optional.of(report));
    }

    private Report decidable(OrgUnit unit, Period period, String ifMatch, String verb) {
        Report report = reports.findByOrgUnitAndPeriod(unit.code(), period.toString())
                .orElseThrow(() -> invalid(ReportStatus.DRAFT, verb));
        IfMatch.require(ifMatch, report.version(), "the report");
        if (!ReportWorkflow.canDecide(report.status())) {
            throw invalid(report.status(), verb);
        }
        return report;
    }

    private static boolean frozen(Optional<Report> row) {
        return row.isPresent() && row.get().figures() != null && row.get().status().received();
    }

    private ReportFigures frozenFigures(Report report) {
        return json.readValue(report.figures(), ReportFigures.class);
    }

    private Versioned render(OrgUnit unit, Period period, Optional<Report> row) {
        ReportFigures f = frozen(row) ? frozenFigures(row.get()) : compute(unit, period);
        ReportFigures.AfterClosing late = figures.afterClosing(List.of(unit.code()), period.toString(),
                calendar.window(period), today()).get(unit.code());
        return new Versioned(view(unit, period, row, f, late), row.map(Report::version).orElse(0));
    }

    private ReportView view(OrgUnit unit, Period period, Optional<Report> row, ReportFigures f,
                            ReportFigures.AfterClosing late) {
        ReportStatus status = row.map(Report::status).orElse(ReportStatus.DRAFT);
        Window w = calendar.window(period);
        return new ReportView(row.map(Report::id).orElse(null), unit.code(), unit.name(), period.toString(),
                status, w.from(), w.to(), calendar.dueDate(period, unit.level()), f.planId(), f.planDocumentNumber(),
                f.targets(), f.channels(), f.units(), f.budget(),
                new ReportView.Narrative(row.map(Report::results).orElse(null), row.map(Report::shortcomings).orElse(null),
                        row.map(Report::nextSteps).orElse(null)),
                row.map(Report::submittedAt).orElse(null), row.map(Report::submittedBy).orElse(null),
                row.map(Report::onTime).orElse(null), row.map(Report::decidedAt).orElse(null),
                row.map(Report::decidedBy).orElse(null), row.map(Report::returnReason).orElse(null), frozen(row), late);
    }

    private ReportFigures compute(OrgUnit unit, Period period) {
        return figures.compute(unit.code(), period.year(), period.quarter(), calendar.window(period), today());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
    }

    /** The commune's report of the period, created as a draft the first time it is written (race-free upsert). */
    private Report getOrCreate(OrgUnit unit, Period period) {
        jdbc.sql("""
                        insert into report (id, org_unit, period, status, due_date) values (:id, :org, :p, 'DRAFT', :due)
                        on conflict (org_unit, period) do nothing""")
                .param("id", UUID.randomUUID()).param("org", unit.code()).param("p", period.toString())
                .param("due", calendar.dueDate(period, unit.level())).update();
        return reports.findByOrgUnitAndPeriod(unit.code(), period.toString()).orElseThrow();
    }

    private void history(UUID reportId, String action, CurrentUser user, OffsetDateTime at, String reason) {
        jdbc.sql("insert into report_history (report_id, action, actor, at, reason) values (:id, :a, :u, :at, :r)")
                .param("id", reportId).param("a", action).param("u", user.username()).param("at", at)
                .param("r", reason).update();
    }

    /** The commune, if it exists, reports (has no children) and lies in the caller's scope; else 404. */
    private OrgUnit commune(CurrentUser user, String code) {
        OrgUnit unit = orgUnits.find(code)
                .filter(u -> !orgUnits.hasChildren(u.code()))
                .orElseThrow(() -> ApiException.notFound("No report of " + code + " was found."));
        OrgScope.requireReadable(user, unit.path(), "The report of " + code);
        return unit;
    }

    private static void requireRole(CurrentUser user, String role, String detail) {
        if (!user.hasRole(role)) {
            throw ApiException.forbidden(detail);
        }
    }

    private static ApiException invalid(ReportStatus status, String verb) {
        return ApiException.conflict("invalid-transition", "A report that is " + status + " cannot be " + verb + ".");
    }

    static Period parse(String text) {
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("period", "A period is written like 2022-Q1.");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
