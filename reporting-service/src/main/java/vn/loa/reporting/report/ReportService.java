package vn.loa.reporting.report;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventPublisher;
import vn.loa.support.web.IfMatch;
import vn.loa.reporting.TimeConfiguration;
import vn.loa.reporting.figures.Figures;
import vn.loa.reporting.figures.FiguresChanged;
import vn.loa.reporting.figures.Obligations;
import vn.loa.reporting.figures.ReportArithmetic;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.ReportingRegime;
import vn.loa.reporting.period.Window;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Periodic reports (quarter, six months, year): drafted live from the read models, frozen at submission (the
 * figures are stored as they were, the report gets its number {@code NN/BC-<abbreviation>}), decided by the
 * level above. A unit with reporting units below it (a district) writes a consolidated report: its units'
 * figures rolled up, its own narrative, through the same workflow to its own level above (the province). A
 * returned report is live again until it is resubmitted; on time means submitted (the latest submission) by
 * the due date, 24:00 local time.
 */
@Service
class ReportService {

    /** Bounds of the narrative (issue 14.1): a page of text per field. */
    static final int NARRATIVE_MAX = 20_000;
    static final int REASON_MAX = 2_000;
    /** A signer's title ("Phó Chủ tịch") or full name. */
    static final int SIGNER_MAX = 100;

    private final JdbcClient jdbc;
    private final ReportRepository reports;
    private final OrgUnitDirectory orgUnits;
    private final PeriodCalendar calendar;
    private final ReportFiguresQuery figures;
    private final Obligations obligations;
    private final EventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final Figures changes;

    ReportService(JdbcClient jdbc, ReportRepository reports, OrgUnitDirectory orgUnits, PeriodCalendar calendar,
                  ReportFiguresQuery figures, Obligations obligations, EventPublisher events, JsonMapper json,
                  Clock clock, Figures changes) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.orgUnits = orgUnits;
        this.calendar = calendar;
        this.figures = figures;
        this.obligations = obligations;
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

    /** {@code POST …/submit}: the body is optional; without a signer the chairman signs for the committee. */
    record SubmitRequest(@Valid SignerRequest signer) {
    }

    /**
     * Who signs the document (Decree 30/2020): {@code form} TM (the chairman for the committee), KT (a deputy for
     * the chairman) or Q (an acting chairman); {@code title} the signer's position ("Chủ tịch", "Phó Chủ tịch");
     * {@code name} the full name printed under the signature.
     */
    record SignerRequest(@Size(max = 2) @Pattern(regexp = "TM|KT|Q", message = "must be TM, KT or Q") String form,
                         @Size(max = SIGNER_MAX) String title, @Size(max = SIGNER_MAX) String name) {
    }

    record Versioned(ReportView view, int version) {
    }

    /** One step of a report's history. */
    record HistoryEntry(String action, String actor, OffsetDateTime at, String reason, String documentNumber,
                        String signer) {
    }

    @Transactional(readOnly = true)
    Versioned view(CurrentUser user, String code, String periodText) {
        OrgUnit unit = readable(user, code);
        Period period = parse(periodText);
        return render(unit, period, reports.findByOrgUnitAndPeriod(unit.code(), period.toString()), today());
    }

    @Transactional(readOnly = true)
    List<HistoryEntry> history(CurrentUser user, String code, String periodText) {
        OrgUnit unit = readable(user, code);
        Period period = parse(periodText);
        return jdbc.sql("""
                        select h.action, h.actor, h.at, h.reason, h.document_number, h.signer from report_history h
                        join report r on r.id = h.report_id where r.org_unit = :org and r.period = :p order by h.id""")
                .param("org", unit.code()).param("p", period.toString())
                .query((rs, i) -> new HistoryEntry(rs.getString("action"), rs.getString("actor"),
                        rs.getObject("at", OffsetDateTime.class), rs.getString("reason"), rs.getString("document_number"),
                        rs.getString("signer")))
                .list();
    }

    @Transactional
    Versioned narrative(CurrentUser user, String code, String periodText, NarrativeRequest request, String ifMatch) {
        return narrativeAt(user, code, periodText, request, ifMatch, now());
    }

    @Transactional
    Versioned narrativeAt(CurrentUser user, String code, String periodText, NarrativeRequest request, String ifMatch,
                          OffsetDateTime at) {
        OrgUnit unit = readable(user, code);
        requireOwnOfficer(user, unit, "writes");
        Period period = parse(periodText);
        if (request == null) {
            throw ApiException.invalid("narrative", "field.report.narrative-required");
        }
        requireOwed(unit, period);
        Report report = getOrCreate(unit, period);
        IfMatch.from(ifMatch).check(report.version(), Text.of("object.report", report.orgUnit(), report.period()));
        if (!ReportWorkflow.canEdit(report.status())) {
            throw invalid(report.status(), "changed");
        }
        report.narrative(request.results(), request.shortcomings(), request.nextSteps());
        report = reports.saveAndFlush(report);
        history(report.id(), "NARRATIVE", user, at, null, null, null);
        return render(unit, period, Optional.of(report), local(at));
    }

    @Transactional
    Versioned submit(CurrentUser user, String code, String periodText, SubmitRequest request, String ifMatch) {
        return submitAt(user, code, periodText, request, ifMatch, now());
    }

    /**
     * Submits at {@code at} (now for the API; the demo year replays 2022 with its own dates): freezes the figures,
     * numbers the report for its issuer and the calendar year of {@code at}, records the signer.
     */
    @Transactional
    Versioned submitAt(CurrentUser user, String code, String periodText, SubmitRequest request, String ifMatch,
                       OffsetDateTime at) {
        OrgUnit unit = readable(user, code);
        requireOwnOfficer(user, unit, "submits");
        Period period = parse(periodText);
        requireOwed(unit, period);
        Report report = getOrCreate(unit, period);
        IfMatch.from(ifMatch).check(report.version(), Text.of("object.report", report.orgUnit(), report.period()));
        if (!ReportWorkflow.canSubmit(report.status())) {
            throw invalid(report.status(), "submitted");
        }
        LocalDate due = calendar.dueDate(period, unit.level());
        boolean onTime = ReportWorkflow.onTime(at.toInstant(), due, TimeConfiguration.ZONE);
        ReportFigures frozen = compute(unit, period, local(at));
        Signature signer = Signature.of(request == null ? null : request.signer());
        int year = local(at).getYear();
        String number = allocateNumber(unit, year);
        report.submit(at, user.username(), onTime, json.writeValueAsString(frozen), due);
        report.numbered(number, year, signer.form(), signer.title(), signer.name(), unit.parentCode());
        report = reports.saveAndFlush(report);
        history(report.id(), "SUBMIT", user, at, null, number, signer.text());
        changes.changed(FiguresChanged.ofPeriod(unit.path(), period.toString()));
        events.publish(unit.code(), report.id().toString(), new ReportEvents.ReportSubmitted(report.id(), unit.code(),
                unit.name(), unit.path(), unit.parentCode(), period.toString(), due, user.username(), at, onTime,
                number, unit.parentCode(), unit.level()));
        return render(unit, period, Optional.of(report), local(at));
    }

    @Transactional
    Versioned approve(CurrentUser user, String code, String periodText, String ifMatch) {
        return approveAt(user, code, periodText, ifMatch, now());
    }

    @Transactional
    Versioned approveAt(CurrentUser user, String code, String periodText, String ifMatch, OffsetDateTime at) {
        OrgUnit unit = readable(user, code);
        requireLevelAbove(user, unit, "approves");
        Period period = parse(periodText);
        Report report = decidable(unit, period, ifMatch, "approved");
        report.approve(at, user.username());
        report = reports.saveAndFlush(report);
        history(report.id(), "APPROVE", user, at, null, report.documentNumber(), null);
        changes.changed(FiguresChanged.ofPeriod(unit.path(), period.toString()));
        events.publish(unit.code(), report.id().toString(), new ReportEvents.ReportApproved(report.id(), unit.code(),
                unit.name(), unit.path(), unit.parentCode(), period.toString(), calendar.dueDate(period, unit.level()),
                user.username(), at, Boolean.TRUE.equals(report.onTime()), report.documentNumber(), unit.parentCode(),
                unit.level()));
        return render(unit, period, Optional.of(report), local(at));
    }

    @Transactional
    Versioned returnReport(CurrentUser user, String code, String periodText, ReturnRequest request, String ifMatch) {
        return returnAt(user, code, periodText, request, ifMatch, now());
    }

    @Transactional
    Versioned returnAt(CurrentUser user, String code, String periodText, ReturnRequest request, String ifMatch,
                       OffsetDateTime at) {
        OrgUnit unit = readable(user, code);
        requireLevelAbove(user, unit, "returns");
        Period period = parse(periodText);
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ApiException.invalid("reason", "field.report.return-reason");
        }
        Report report = decidable(unit, period, ifMatch, "returned");
        report.returnWith(at, user.username(), request.reason());
        report = reports.saveAndFlush(report);
        history(report.id(), "RETURN", user, at, request.reason(), report.documentNumber(), null);
        changes.changed(FiguresChanged.ofPeriod(unit.path(), period.toString()));
        events.publish(unit.code(), report.id().toString(), new ReportEvents.ReportReturned(report.id(), unit.code(),
                unit.name(), unit.path(), unit.parentCode(), period.toString(), calendar.dueDate(period, unit.level()),
                user.username(), at, Boolean.TRUE.equals(report.onTime()), request.reason(), report.documentNumber(),
                unit.parentCode(), unit.level()));
        return render(unit, period, Optional.of(report), local(at));
    }

    /** The version a client must send to change the report now (0 before it exists). */
    @Transactional(readOnly = true)
    int version(String code, String periodText) {
        return reports.findByOrgUnitAndPeriod(code, parse(periodText).toString()).map(Report::version).orElse(0);
    }

    private Report decidable(OrgUnit unit, Period period, String ifMatch, String verb) {
        Report report = reports.findByOrgUnitAndPeriod(unit.code(), period.toString())
                .orElseThrow(() -> invalid(ReportStatus.DRAFT, verb));
        IfMatch.from(ifMatch).check(report.version(), Text.of("object.report", report.orgUnit(), report.period()));
        if (!ReportWorkflow.canDecide(report.status())) {
            throw invalid(report.status(), verb);
        }
        return report;
    }

    /**
     * Numbers a report: the next number of its issuer's reports in the calendar year, {@code NN/BC-UBND}. The counter
     * row is incremented by one upsert and stays locked until the transaction ends, so two replicas submitting for
     * the same issuer wait for each other instead of taking the same number, and a rolled-back submission gives
     * its number back.
     */
    private String allocateNumber(OrgUnit unit, int year) {
        int n = jdbc.sql("""
                        insert into document_counter (issuer, kind, year, last) values (:issuer, 'BC', :year, 1)
                        on conflict (issuer, kind, year) do update set last = document_counter.last + 1
                        returning last""")
                .param("issuer", unit.code()).param("year", year).query(Integer.class).single();
        return String.format("%02d/BC-%s", n, unit.abbreviationOrDefault());
    }

    private static boolean frozen(Optional<Report> row) {
        return row.isPresent() && row.get().figures() != null && row.get().status().received();
    }

    private ReportFigures frozenFigures(Report report) {
        return json.readValue(report.figures(), ReportFigures.class);
    }

    private Versioned render(OrgUnit unit, Period period, Optional<Report> row, LocalDate today) {
        ReportFigures f = frozen(row) ? frozenFigures(row.get()) : compute(unit, period, today);
        List<ReportFiguresQuery.Subject> subjects = orgUnits.hasChildren(unit.code()) ? List.of()
                : List.of(subject(unit));
        ReportFigures.AfterClosing late = subjects.isEmpty() ? null
                : figures.afterClosing(subjects, period, today).get(unit.code());
        Obligations.Duty duty = obligations.duty(unit, period.year());
        Optional<Obligations.NotExpected> whyNot = obligations.whyNot(unit, duty, period);
        ReportStatus status = row.map(Report::status).orElse(ReportStatus.DRAFT);
        Window w = calendar.window(period);
        ReportView view = new ReportView(row.map(Report::id).orElse(null), unit.code(), unit.name(), period.toString(),
                status, w.from(), w.to(), calendar.dueDate(period, unit.level()), f.planId(), f.planDocumentNumber(),
                f.targets(), f.channels(), f.units(), f.budget(),
                new ReportView.Narrative(row.map(Report::results).orElse(null), row.map(Report::shortcomings).orElse(null),
                        row.map(Report::nextSteps).orElse(null)),
                row.map(Report::submittedAt).orElse(null), row.map(Report::submittedBy).orElse(null),
                row.map(Report::onTime).orElse(null), row.map(Report::decidedAt).orElse(null),
                row.map(Report::decidedBy).orElse(null), row.map(Report::returnReason).orElse(null), frozen(row), late,
                period.kind().name(), row.map(Report::documentNumber).orElse(null),
                row.filter(r -> r.signerForm() != null)
                        .map(r -> new ReportView.SignerView(r.signerForm(), r.signerTitle(), r.signerName())).orElse(null),
                row.map(Report::reportsTo).orElse(unit.parentCode()), whyNot.isEmpty(),
                whyNot.map(Enum::name).orElse(null),
                duty.everyMonths().map(m -> ReportingRegime.describe(m, period.year())).orElse(null),
                f.children(), recipients(unit, period.year()), f.topics(), f.audiences());
        return new Versioned(view, row.map(Report::version).orElse(0));
    }

    /** The report's "Nơi nhận": the plan's recipients (plan-issued {@code recipients}), in the plan's order. */
    private List<ReportView.Recipient> recipients(OrgUnit unit, int year) {
        return figures.plans(List.of(unit.code()), year).values().stream().findFirst()
                .map(p -> p.recipients().stream().map(r -> new ReportView.Recipient((String) r.get("name"),
                        (String) r.get("purpose"))).toList())
                .orElse(List.of());
    }

    private ReportFigures compute(OrgUnit unit, Period period, LocalDate today) {
        if (orgUnits.hasChildren(unit.code())) {
            return consolidated(unit, period, today);
        }
        return figures.compute(List.of(subject(unit)), period, today).get(unit.code());
    }

    /** Whose activities count for a unit's report: the unit and its predecessors (after a merger). */
    private ReportFiguresQuery.Subject subject(OrgUnit unit) {
        return new ReportFiguresQuery.Subject(unit.code(), orgUnits.family(unit).stream().map(OrgUnit::code).toList());
    }

    /**
     * A consolidated report (a district's): each reporting unit below (a merged commune with its predecessors'
     * history) with its report's state, and their figures rolled up — a received report's figures as it was sent,
     * the others' as they are now. Targets are rolled up under the district plan's targets through each commune
     * target's {@code parentTargetCode} (or the same code): counts add up, a PERCENT target is the mean, a
     * MILESTONE counts the units that reached it.
     */
    private ReportFigures consolidated(OrgUnit district, Period period, LocalDate today) {
        Window w = calendar.window(period);
        Map<OrgUnit, OrgUnit> reps = orgUnits.representatives(district, orgUnits.reportingUnitsUnder(district.code()));
        Map<String, OrgUnit> listed = new LinkedHashMap<>();
        Map<String, List<String>> members = new LinkedHashMap<>();
        reps.values().stream().sorted(java.util.Comparator.comparing(OrgUnit::code)).forEach(r -> {
            listed.putIfAbsent(r.code(), r);
            members.computeIfAbsent(r.code(), k -> new ArrayList<>(List.of(k)));
        });
        reps.forEach((m, r) -> {
            if (!m.code().equals(r.code())) {
                members.get(r.code()).add(m.code());
            }
        });
        Map<String, Obligations.Duty> duties = obligations.duties(listed.values(), period.year());
        listed.values().removeIf(u -> !u.existsDuring(w.from(), w.to())
                && !obligations.owes(u, duties.get(u.code()), period));
        List<ReportFiguresQuery.Subject> subjects = listed.keySet().stream()
                .map(c -> new ReportFiguresQuery.Subject(c, members.get(c))).toList();
        Map<String, Report> rows = new HashMap<>();
        reports.findByOrgUnitInAndPeriod(List.copyOf(listed.keySet()), period.toString())
                .forEach(r -> rows.put(r.orgUnit(), r));
        List<ReportFiguresQuery.Subject> live = subjects.stream()
                .filter(s -> !frozen(Optional.ofNullable(rows.get(s.code())))).toList();
        Map<String, ReportFigures> each = new LinkedHashMap<>(figures.compute(live, period, today));
        rows.values().stream().filter(r -> frozen(Optional.of(r))).forEach(r -> each.put(r.orgUnit(), frozenFigures(r)));

        List<ReportFigures.ChildLine> children = new ArrayList<>();
        for (OrgUnit u : listed.values()) {
            ReportFigures f = each.get(u.code());
            Optional<Report> row = Optional.ofNullable(rows.get(u.code()));
            children.add(new ReportFigures.ChildLine(u.code(), u.name(), obligations.owes(u, duties.get(u.code()), period),
                    row.map(r -> r.status().name()).orElse(ReportStatus.DRAFT.name()),
                    row.map(Report::documentNumber).orElse(null), row.map(Report::onTime).orElse(null),
                    ReportArithmetic.achievement(f.targets().stream().map(ReportFigures.TargetLine::ratio).toList()),
                    f.channels().stream().mapToLong(ReportFigures.ChannelLine::activitiesCompleted).sum(),
                    f.budget().spentVnd()));
        }
        ReportFiguresQuery.PlanRow plan = figures.plans(List.of(district.code()), period.year()).get(district.code());
        List<ReportFiguresQuery.TargetRow> own = plan == null ? List.of() : figures.targets(List.of(plan))
                .getOrDefault(plan.planId(), List.of());
        List<ReportFigures> parts = listed.keySet().stream().map(each::get).filter(Objects::nonNull).toList();
        return new ReportFigures(plan == null ? null : plan.planId(), plan == null ? null : plan.documentNumber(),
                rollUpTargets(own, parts), rollUpChannels(parts), rollUpUnits(parts),
                rollUpBudget(parts), children, rollUpTopics(parts), rollUpAudiences(parts));
    }

    /**
     * The budget of the reports consolidated: totals, and per source (a frozen report without sources adds none); the
     * plans' yearly amounts and the spending to date add up where the parts have them (null when none has).
     */
    static ReportFigures.Budget rollUpBudget(List<ReportFigures> parts) {
        Map<String, long[]> bySource = new LinkedHashMap<>();
        Map<String, Long> planYear = new HashMap<>();
        Map<String, Long> toDate = new HashMap<>();
        ReportFiguresQuery.SOURCES.forEach(s -> bySource.put(s, new long[2]));
        long activitiesPlanned = 0;
        Long planYearTotal = null;
        Long toDateTotal = null;
        for (ReportFigures p : parts) {
            if (p.budget().activitiesPlannedVnd() != null) {
                activitiesPlanned += p.budget().activitiesPlannedVnd();
            }
            if (p.budget().planYearVnd() != null) {
                planYearTotal = (planYearTotal == null ? 0 : planYearTotal) + p.budget().planYearVnd();
            }
            if (p.budget().spentYearToDateVnd() != null) {
                toDateTotal = (toDateTotal == null ? 0 : toDateTotal) + p.budget().spentYearToDateVnd();
            }
            if (p.budget().bySource() != null) {
                for (ReportFigures.SourceLine l : p.budget().bySource()) {
                    long[] sum = bySource.computeIfAbsent(l.source(), k -> new long[2]);
                    sum[0] += l.plannedVnd();
                    sum[1] += l.spentVnd();
                    if (l.planYearVnd() != null) {
                        planYear.merge(l.source(), l.planYearVnd(), Long::sum);
                    }
                    if (l.spentYearToDateVnd() != null) {
                        toDate.merge(l.source(), l.spentYearToDateVnd(), Long::sum);
                    }
                }
            }
        }
        List<ReportFigures.SourceLine> sources = new ArrayList<>();
        bySource.forEach((k, v) -> sources.add(new ReportFigures.SourceLine(k, v[0], v[1], planYear.get(k), toDate.get(k))));
        return new ReportFigures.Budget(parts.stream().mapToLong(p -> p.budget().plannedVnd()).sum(),
                parts.stream().mapToLong(p -> p.budget().spentVnd()).sum(), activitiesPlanned, sources, planYearTotal,
                toDateTotal);
    }

    static List<ReportFigures.TopicLine> rollUpTopics(List<ReportFigures> parts) {
        Map<String, long[]> byTopic = new java.util.TreeMap<>();
        Map<String, String> titles = new HashMap<>();
        parts.stream().filter(p -> p.topics() != null).flatMap(p -> p.topics().stream()).forEach(t -> {
            long[] sum = byTopic.computeIfAbsent(t.topic(), k -> new long[3]);
            sum[0] += t.activitiesPlanned();
            sum[1] += t.activitiesCompleted();
            sum[2] += t.reach();
            if (t.title() != null) {
                titles.putIfAbsent(t.topic(), t.title());
            }
        });
        List<ReportFigures.TopicLine> out = new ArrayList<>();
        byTopic.forEach((k, v) -> out.add(new ReportFigures.TopicLine(k, v[0], v[1], v[2], titles.get(k))));
        return out;
    }

    static List<ReportFigures.AudienceLine> rollUpAudiences(List<ReportFigures> parts) {
        Map<String, long[]> byAudience = new LinkedHashMap<>();
        ReportFiguresQuery.AUDIENCES.forEach(a -> byAudience.put(a, new long[2]));
        parts.stream().filter(p -> p.audiences() != null).flatMap(p -> p.audiences().stream()).forEach(a -> {
            long[] sum = byAudience.computeIfAbsent(a.audience(), k -> new long[2]);
            sum[0] += a.activitiesCompleted();
            sum[1] += a.reach();
        });
        List<ReportFigures.AudienceLine> out = new ArrayList<>();
        byAudience.forEach((k, v) -> out.add(new ReportFigures.AudienceLine(k, v[0], v[1])));
        return out;
    }

    static List<ReportFigures.TargetLine> rollUpTargets(List<ReportFiguresQuery.TargetRow> own, List<ReportFigures> parts) {
        Map<String, List<ReportFigures.TargetLine>> byCode = new LinkedHashMap<>();
        own.forEach(t -> byCode.put(t.code(), new ArrayList<>()));
        Map<String, ReportFigures.TargetLine> first = new LinkedHashMap<>();
        for (ReportFigures p : parts) {
            for (ReportFigures.TargetLine t : p.targets()) {
                String key = t.parentTargetCode() != null && byCode.containsKey(t.parentTargetCode())
                        ? t.parentTargetCode() : t.code();
                byCode.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
                first.putIfAbsent(key, t);
            }
        }
        Map<String, ReportFiguresQuery.TargetRow> ownByCode = new HashMap<>();
        own.forEach(t -> ownByCode.put(t.code(), t));
        List<ReportFigures.TargetLine> out = new ArrayList<>();
        byCode.forEach((code, lines) -> {
            ReportFiguresQuery.TargetRow o = ownByCode.get(code);
            ReportFigures.TargetLine f = first.get(code);
            String indicator = o != null ? o.indicator() : f == null ? "COUNT" : f.indicator();
            BigDecimal planned = BigDecimal.ZERO;
            BigDecimal achieved = BigDecimal.ZERO;
            long activities = 0;
            BigDecimal quantity = BigDecimal.ZERO;
            long reach = 0;
            for (ReportFigures.TargetLine l : lines) {
                planned = planned.add(nz(l.planned()));
                achieved = achieved.add(nz(l.achieved()));
                activities += l.activitiesCompleted() == null ? 0 : l.activitiesCompleted();
                quantity = quantity.add(nz(l.quantity()));
                reach += l.reach() == null ? 0 : l.reach();
            }
            if ("PERCENT".equals(indicator) && !lines.isEmpty()) {
                BigDecimal n = BigDecimal.valueOf(lines.size());
                planned = planned.divide(n, 2, java.math.RoundingMode.HALF_UP);
                achieved = achieved.divide(n, 2, java.math.RoundingMode.HALF_UP);
            }
            planned = ReportArithmetic.plain(planned);
            achieved = ReportArithmetic.plain(achieved);
            out.add(new ReportFigures.TargetLine(code, o != null ? o.description() : f.description(), indicator,
                    planned, achieved, ReportArithmetic.ratio(achieved, planned),
                    o != null ? o.recurrence() : f.recurrence(), activities, ReportArithmetic.plain(quantity), reach, null));
        });
        return out;
    }

    private static List<ReportFigures.ChannelLine> rollUpChannels(List<ReportFigures> parts) {
        Map<String, ReportFigures.ChannelLine> sums = new LinkedHashMap<>();
        parts.forEach(p -> p.channels().forEach(c -> sums.merge(String.valueOf(c.channel()), c,
                (a, b) -> new ReportFigures.ChannelLine(a.channel(), a.activitiesPlanned() + b.activitiesPlanned(),
                        a.activitiesCompleted() + b.activitiesCompleted(), nz(a.quantity()).add(nz(b.quantity())),
                        a.reach() + b.reach()))));
        return sums.values().stream().sorted(java.util.Comparator.comparingInt(
                (ReportFigures.ChannelLine l) -> ReportFiguresQuery.channelOrder(l.channel()))).toList();
    }

    private static List<ReportFigures.UnitLine> rollUpUnits(List<ReportFigures> parts) {
        Map<String, ReportFigures.UnitLine> sums = new LinkedHashMap<>();
        parts.forEach(p -> p.units().forEach(u -> sums.merge(u.unit() + "/" + u.role(), u,
                (a, b) -> new ReportFigures.UnitLine(a.unit(), a.name() != null ? a.name() : b.name(), a.role(),
                        a.assigned() + b.assigned(), a.completed() + b.completed(), a.overdue() + b.overdue()))));
        return List.copyOf(sums.values());
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
    }

    private static LocalDate local(OffsetDateTime at) {
        return at.atZoneSameInstant(TimeConfiguration.ZONE).toLocalDate();
    }

    /** The unit's report of the period, created as a draft the first time it is written (race-free upsert). */
    private Report getOrCreate(OrgUnit unit, Period period) {
        jdbc.sql("""
                        insert into report (id, org_unit, period, status, due_date) values (:id, :org, :p, 'DRAFT', :due)
                        on conflict (org_unit, period) do nothing""")
                .param("id", UUID.randomUUID()).param("org", unit.code()).param("p", period.toString())
                .param("due", calendar.dueDate(period, unit.level())).update();
        return reports.findByOrgUnitAndPeriod(unit.code(), period.toString()).orElseThrow();
    }

    private void history(UUID reportId, String action, CurrentUser user, OffsetDateTime at, String reason,
                         String documentNumber, String signer) {
        jdbc.sql("""
                        insert into report_history (report_id, action, actor, at, reason, document_number, signer)
                        values (:id, :a, :u, :at, :r, :doc, :signer)""")
                .param("id", reportId).param("a", action).param("u", user.username()).param("at", at)
                .param("r", reason).param("doc", documentNumber).param("signer", signer).update();
    }

    /**
     * A unit that exists in our tree and lies in the caller's scope (its own path, or a successor's: the officers
     * of a merged commune read its predecessors' reports); else 404.
     */
    private OrgUnit readable(CurrentUser user, String code) {
        OrgScope.requireBusinessRole(user);
        OrgUnit unit = orgUnits.find(code).orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "report", code));
        if (orgUnits.scopePaths(unit).stream().noneMatch(p -> OrgScope.covers(user, p))) {
            throw ApiException.of(ProblemCode.NOT_FOUND, "report", code);
        }
        return unit;
    }

    /** The unit's own officer writes and submits its report (a commune's, or a district's consolidated one). */
    private static void requireOwnOfficer(CurrentUser user, OrgUnit unit, String verb) {
        if (!user.canWrite() || !unit.code().equals(user.orgUnit())) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "report-writer", unit.name());
        }
    }

    /** The level above decides: an officer of the unit's parent, whatever level it is (district, or province). */
    private static void requireLevelAbove(CurrentUser user, OrgUnit unit, String verb) {
        if (!user.canWrite() || unit.parentCode() == null || !unit.parentCode().equals(user.orgUnit())) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "report-decider", unit.name());
        }
    }

    /** 422 {@code report-not-owed} for a period the unit does not report on (no plan, not in its regime, closed …). */
    private void requireOwed(OrgUnit unit, Period period) {
        Obligations.Duty duty = obligations.duty(unit, period.year());
        Optional<Obligations.NotExpected> why = obligations.whyNot(unit, duty, period);
        if (why.isEmpty()) {
            return;
        }
        String name = ReportingRegime.name(period);
        ApiException problem = switch (why.get()) {
            case NO_PLAN -> ApiException.of(ProblemCode.REPORT_NOT_OWED, "no-plan", unit.name(), String.valueOf(period.year()),
                    period.toString(), name);
            case NOT_IN_REGIME -> ApiException.of(ProblemCode.REPORT_NOT_OWED, "not-in-regime", unit.name(),
                    ReportingRegime.describe(duty.everyMonths().get(), period.year()), period.toString(), name);
            case NOT_YET_ESTABLISHED -> ApiException.of(ProblemCode.REPORT_NOT_OWED, "not-yet-established", unit.name(),
                    String.valueOf(unit.establishedOn()), period.toString());
            case CLOSED -> unit.successorCode() == null
                    ? ApiException.of(ProblemCode.REPORT_NOT_OWED, "closed", unit.name(), String.valueOf(unit.closedOn()),
                    period.toString())
                    : ApiException.of(ProblemCode.REPORT_NOT_OWED, "closed-successor", unit.name(),
                    String.valueOf(unit.closedOn()), period.toString(), unit.successorCode());
        };
        throw problem.with("reason", why.get().name());
    }

    private static ApiException invalid(ReportStatus status, String verb) {
        String variant = switch (verb) {
            case "submitted" -> "report-submit";
            case "approved" -> "report-approve";
            case "returned" -> "report-return";
            default -> "report-change";
        };
        return ApiException.of(ProblemCode.INVALID_TRANSITION, variant, status.name());
    }

    static Period parse(String text) {
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("period", "field.period.format");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The signer block chosen at submission, with the defaults of the form. */
    record Signature(String form, String title, String name) {

        static Signature of(SignerRequest r) {
            String form = r == null || r.form() == null ? "TM" : r.form();
            String title = r == null || r.title() == null || r.title().isBlank()
                    ? ("KT".equals(form) ? "Phó Chủ tịch" : "Chủ tịch") : r.title().strip();
            String name = r == null || r.name() == null || r.name().isBlank() ? null : r.name().strip();
            return new Signature(form, title, name);
        }

        /** "KT. Chủ tịch / Phó Chủ tịch / Trần Thị Lệ", for the history. */
        String text() {
            String head = switch (form) {
                case "KT" -> "KT. Chủ tịch / " + title;
                case "Q" -> "Q. " + title;
                default -> "TM. Ủy ban nhân dân / " + title;
            };
            return name == null ? head : head + " / " + name;
        }
    }
}
