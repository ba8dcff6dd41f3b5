package vn.loa.reporting.report;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventPublisher;
import vn.loa.reporting.TimeConfiguration;
import vn.loa.reporting.dashboard.FiguresChanged;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.Window;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.ETags;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Quarterly reports: drafted live from the read models, frozen at submission (the figures are
 * stored as they were), decided by the district. A returned report is live again until it is
 * resubmitted; on time means submitted (the latest submission) by the due date, 24:00 local time.
 */
@Service
class ReportService {

    private final JdbcClient jdbc;
    private final OrgUnitDirectory orgUnits;
    private final PeriodCalendar calendar;
    private final ReportFiguresQuery figures;
    private final EventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher changes;

    ReportService(JdbcClient jdbc, OrgUnitDirectory orgUnits, PeriodCalendar calendar, ReportFiguresQuery figures,
                  EventPublisher events, JsonMapper json, Clock clock, ApplicationEventPublisher changes) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.calendar = calendar;
        this.figures = figures;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    record Row(UUID id, ReportStatus status, String results, String shortcomings, String nextSteps,
               OffsetDateTime submittedAt, String submittedBy, Boolean onTime, OffsetDateTime decidedAt,
               String decidedBy, String returnReason, String figures, int version) {
    }

    record NarrativeRequest(String results, String shortcomings, String nextSteps) {
    }

    record ReturnRequest(String reason) {
    }

    record Versioned(ReportView view, int version) {
    }

    @Transactional(readOnly = true)
    Versioned view(CurrentUser user, String commune, String periodText) {
        OrgUnit unit = commune(user, commune);
        Period period = parse(periodText);
        return render(unit, period, row(unit.code(), period, false));
    }

    @Transactional
    Versioned narrative(CurrentUser user, String commune, String periodText, NarrativeRequest request, String ifMatch) {
        OrgUnit unit = commune(user, commune);
        requireRole(user, Roles.COMMUNE_OFFICER, "Only the commune's officer writes its report.");
        Period period = parse(periodText);
        if (request == null) {
            throw ApiException.validation("narrative", "Send results, shortcomings and nextSteps.");
        }
        Row row = lockOrCreate(unit, period);
        ETags.checkIfMatch(ifMatch, row.version());
        if (!ReportWorkflow.canEdit(row.status())) {
            throw invalid(row.status(), "changed");
        }
        jdbc.sql("""
                        update report set results = :r, shortcomings = :s, next_steps = :n, version = version + 1
                        where id = :id""")
                .param("r", request.results()).param("s", request.shortcomings()).param("n", request.nextSteps())
                .param("id", row.id()).update();
        history(row.id(), "NARRATIVE", user, now(), null);
        return render(unit, period, row(unit.code(), period, false));
    }

    @Transactional
    Versioned submit(CurrentUser user, String commune, String periodText, String ifMatch) {
        OrgUnit unit = commune(user, commune);
        requireRole(user, Roles.COMMUNE_OFFICER, "Only the commune's officer submits its report.");
        Period period = parse(periodText);
        Row row = lockOrCreate(unit, period);
        ETags.checkIfMatch(ifMatch, row.version());
        if (!ReportWorkflow.canSubmit(row.status())) {
            throw invalid(row.status(), "submitted");
        }
        OffsetDateTime now = now();
        LocalDate due = calendar.dueDate(period, unit.level());
        boolean onTime = ReportWorkflow.onTime(now.toInstant(), due, TimeConfiguration.ZONE);
        ReportFigures frozen = compute(unit, period);
        jdbc.sql("""
                        update report set status = 'SUBMITTED', submitted_at = :at, submitted_by = :by, on_time = :onTime,
                            decided_at = null, decided_by = null, figures = cast(:figures as jsonb), due_date = :due,
                            version = version + 1
                        where id = :id""")
                .param("at", now).param("by", user.username()).param("onTime", onTime)
                .param("figures", json.writeValueAsString(frozen)).param("due", due).param("id", row.id()).update();
        history(row.id(), "SUBMIT", user, now, null);
        changes.publishEvent(FiguresChanged.ofPeriod(unit.path(), period.toString()));
        events.publish(unit.code(), row.id().toString(), new ReportEvents.ReportSubmitted(row.id(), unit.code(),
                unit.name(), unit.path(), unit.districtCode(), period.toString(), due, user.username(), now, onTime));
        return render(unit, period, row(unit.code(), period, false));
    }

    @Transactional
    Versioned approve(CurrentUser user, String commune, String periodText, String ifMatch) {
        OrgUnit unit = commune(user, commune);
        requireRole(user, Roles.DISTRICT_OFFICER, "Only the district officer approves a commune's report.");
        Period period = parse(periodText);
        Row row = decidable(unit, period, ifMatch, "approved");
        OffsetDateTime now = now();
        jdbc.sql("""
                        update report set status = 'APPROVED', decided_at = :at, decided_by = :by, return_reason = null,
                            version = version + 1 where id = :id""")
                .param("at", now).param("by", user.username()).param("id", row.id()).update();
        history(row.id(), "APPROVE", user, now, null);
        changes.publishEvent(FiguresChanged.ofPeriod(unit.path(), period.toString()));
        events.publish(unit.code(), row.id().toString(), new ReportEvents.ReportApproved(row.id(), unit.code(),
                unit.name(), unit.path(), unit.districtCode(), period.toString(),
                calendar.dueDate(period, unit.level()), user.username(), now, Boolean.TRUE.equals(row.onTime())));
        return render(unit, period, row(unit.code(), period, false));
    }

    @Transactional
    Versioned returnReport(CurrentUser user, String commune, String periodText, ReturnRequest request, String ifMatch) {
        OrgUnit unit = commune(user, commune);
        requireRole(user, Roles.DISTRICT_OFFICER, "Only the district officer returns a commune's report.");
        Period period = parse(periodText);
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ApiException.validation("reason", "Say what the commune must correct.");
        }
        Row row = decidable(unit, period, ifMatch, "returned");
        OffsetDateTime now = now();
        // Returned: the figures are live again until the commune resubmits.
        jdbc.sql("""
                        update report set status = 'RETURNED', decided_at = :at, decided_by = :by, return_reason = :reason,
                            figures = null, version = version + 1 where id = :id""")
                .param("at", now).param("by", user.username()).param("reason", request.reason())
                .param("id", row.id()).update();
        history(row.id(), "RETURN", user, now, request.reason());
        changes.publishEvent(FiguresChanged.ofPeriod(unit.path(), period.toString()));
        events.publish(unit.code(), row.id().toString(), new ReportEvents.ReportReturned(row.id(), unit.code(),
                unit.name(), unit.path(), unit.districtCode(), period.toString(),
                calendar.dueDate(period, unit.level()), user.username(), now, Boolean.TRUE.equals(row.onTime()),
                request.reason()));
        return render(unit, period, row(unit.code(), period, false));
    }

    private Row decidable(OrgUnit unit, Period period, String ifMatch, String verb) {
        Row row = row(unit.code(), period, true).orElseThrow(() -> invalid(ReportStatus.DRAFT, verb));
        ETags.checkIfMatch(ifMatch, row.version());
        if (!ReportWorkflow.canDecide(row.status())) {
            throw invalid(row.status(), verb);
        }
        return row;
    }

    private Versioned render(OrgUnit unit, Period period, Optional<Row> row) {
        ReportStatus status = row.map(Row::status).orElse(ReportStatus.DRAFT);
        boolean frozen = row.isPresent() && row.get().figures() != null && status.received();
        ReportFigures f = frozen ? json.readValue(row.get().figures(), ReportFigures.class) : compute(unit, period);
        Window w = calendar.window(period);
        ReportView view = new ReportView(row.map(Row::id).orElse(null), unit.code(), unit.name(), period.toString(),
                status, w.from(), w.to(), calendar.dueDate(period, unit.level()), f.planId(), f.planDocumentNumber(),
                f.targets(), f.channels(), f.units(), f.budget(),
                new ReportView.Narrative(row.map(Row::results).orElse(null), row.map(Row::shortcomings).orElse(null),
                        row.map(Row::nextSteps).orElse(null)),
                row.map(Row::submittedAt).orElse(null), row.map(Row::submittedBy).orElse(null),
                row.map(Row::onTime).orElse(null), row.map(Row::decidedAt).orElse(null),
                row.map(Row::decidedBy).orElse(null), row.map(Row::returnReason).orElse(null), frozen);
        return new Versioned(view, row.map(Row::version).orElse(0));
    }

    private ReportFigures compute(OrgUnit unit, Period period) {
        return figures.compute(unit.code(), period.year(), period.quarter(), calendar.window(period),
                LocalDate.now(clock.withZone(TimeConfiguration.ZONE)));
    }

    private Row lockOrCreate(OrgUnit unit, Period period) {
        jdbc.sql("""
                        insert into report (id, org_unit, period, status, due_date) values (:id, :org, :p, 'DRAFT', :due)
                        on conflict (org_unit, period) do nothing""")
                .param("id", UUID.randomUUID()).param("org", unit.code()).param("p", period.toString())
                .param("due", calendar.dueDate(period, unit.level())).update();
        return row(unit.code(), period, true).orElseThrow();
    }

    private Optional<Row> row(String orgUnit, Period period, boolean forUpdate) {
        return jdbc.sql("select * from report where org_unit = :org and period = :p" + (forUpdate ? " for update" : ""))
                .param("org", orgUnit).param("p", period.toString())
                .query((rs, i) -> new Row(rs.getObject("id", UUID.class), ReportStatus.valueOf(rs.getString("status")),
                        rs.getString("results"), rs.getString("shortcomings"), rs.getString("next_steps"),
                        rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("submitted_by"),
                        (Boolean) rs.getObject("on_time"), rs.getObject("decided_at", OffsetDateTime.class),
                        rs.getString("decided_by"), rs.getString("return_reason"), rs.getString("figures"),
                        rs.getInt("version")))
                .optional();
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
