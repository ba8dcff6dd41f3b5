package vn.loa.reporting.dashboard;

import org.springframework.stereotype.Service;
import vn.loa.reporting.TimeConfiguration;
import vn.loa.reporting.figures.Obligations;
import vn.loa.reporting.figures.ReportArithmetic;
import vn.loa.reporting.figures.TallyQuery;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.Window;
import vn.loa.reporting.report.ReportStatus;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Dashboards over an org unit's children. Completeness and timeliness follow DHIS2's reporting rates over the
 * reports <em>expected</em> ({@link Obligations}): a unit below with an issued plan for the year owes the reports
 * its plan's {@code reportsEveryMonths} sets (every 3 months: Q1, H1, Q3, the year), while it exists; a quarter's
 * dashboard counts the report due at that quarter's end (the six-month report for the second quarter). Received
 * = submitted or approved; on time = received by the due date.
 *
 * <p>After the 2025 reform the history of a unit closed into a successor counts as the successor's: its figures,
 * its reports and its expected reports are shown in the successor's row (and on the successor's own dashboard),
 * never in a row of its own.
 */
@Service
class DashboardService {

    static final String EXPECTED_RULE = "Báo cáo phải nộp: mỗi đơn vị báo cáo (xã) có kế hoạch đã ban hành trong năm"
            + " (của mình hoặc của đơn vị được hợp nhất vào nó) nộp các báo cáo theo chu kỳ báo cáo của kế hoạch"
            + " (3 tháng/lần: quý I, quý II, quý III, quý IV, 6 tháng, năm; 6 tháng/lần: 6 tháng, năm; 12 tháng/lần: năm), khi"
            + " đơn vị còn tồn tại vào hạn nộp. Trang của một quý tính báo cáo đến hạn vào cuối quý đó."
            + " (Expected: units with an issued plan for the year owe the reports their plan's reportsEveryMonths sets,"
            + " while they exist on the due date; a quarter counts the report due at its end.)";

    private final OrgUnitDirectory orgUnits;
    private final PeriodCalendar calendar;
    private final DashboardQuery query;
    private final TallyQuery tallies;
    private final Obligations obligations;
    private final Clock clock;

    DashboardService(OrgUnitDirectory orgUnits, PeriodCalendar calendar, DashboardQuery query, TallyQuery tallies,
                     Obligations obligations, Clock clock) {
        this.tallies = tallies;
        this.orgUnits = orgUnits;
        this.calendar = calendar;
        this.query = query;
        this.obligations = obligations;
        this.clock = clock;
    }

    /** What a dashboard shows: the org unit (checked against the caller's scope) and a period or a year. */
    record Scope(OrgUnit unit, Period period, Integer year) {
    }

    /** The dashboard's org unit if the caller may see it (else 404), with its period or year (else 400). */
    Scope scope(CurrentUser user, String code, String periodText, Integer year) {
        OrgScope.requireBusinessRole(user);
        OrgUnit unit = orgUnits.find(code).orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "object",
                Text.of("object.org-unit", code)));
        if (orgUnits.scopePaths(unit).stream().noneMatch(p -> OrgScope.covers(user, p))) {
            throw ApiException.of(ProblemCode.NOT_FOUND, "object", Text.of("object.org-unit", code));
        }
        if ((periodText == null) == (year == null)) {
            throw ApiException.invalid("period", "field.period.period-or-year");
        }
        if (periodText != null) {
            Period p = parse(periodText);
            return p.kind() == Period.Kind.YEAR ? new Scope(unit, null, p.year()) : new Scope(unit, p, null);
        }
        return new Scope(unit, null, year);
    }

    DashboardView dashboard(CurrentUser user, String code, String periodText, Integer year) {
        return compute(scope(user, code, periodText, year), today());
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
    }

    /** A reporting unit as a dashboard counts it: the unit standing for it now, and its own report duty. */
    private record Member(OrgUnit unit, OrgUnit rep, Obligations.Duty duty) {
    }

    /** What one bucket set (a quarter, H1, the year) adds up to for one member. */
    private record MemberFigures(long completed, long overdue, long expected, long received, long onTime,
                                 String reportStatus, Boolean reportOnTime, String reportPeriod,
                                 Obligations.NotExpected notExpected) {
    }

    /** The figures of a row's subject: a unit and its predecessors put together. */
    private record SubjectFigures(OrgUnit rep, BigDecimal achievement, long completed, long overdue, long expected,
                                  long received, long onTime, String reportStatus, Boolean onTimeFlag,
                                  String reportPeriod, List<String> predecessors) {
    }

    /**
     * The dashboard of a scope already checked, for {@code today} (overdue depends on it). No transaction: every
     * statement reads its own snapshot either way (READ COMMITTED), and a read-only JPA transaction only added a
     * Hibernate session and four round trips (read-only on, begin, commit, read-only off) to every computation.
     */
    DashboardView compute(Scope scope, LocalDate today) {
        OrgUnit unit = scope.unit();
        Period period = scope.period() != null ? scope.period() : Period.year(scope.year());
        int year = period.year();
        List<Period> quarters = period.quarters();
        Window window = calendar.window(period);

        Map<OrgUnit, OrgUnit> reps = orgUnits.representatives(unit, orgUnits.reportingUnitsUnder(unit.code()));
        Map<String, Obligations.Duty> duties = obligations.duties(reps.keySet(), year);
        List<Member> members = reps.entrySet().stream()
                .map(e -> new Member(e.getKey(), e.getValue(), duties.get(e.getKey().code())))
                .sorted(Comparator.comparing(m -> m.unit().code())).toList();
        List<String> codes = members.stream().map(m -> m.unit().code()).toList();
        Data data = load(codes, year, quarters, today);

        List<OrgUnit> children = orgUnits.children(unit.code());
        if (children.isEmpty() || !orgUnits.hasChildren(unit.code())) {
            children = List.of(unit);
        }
        int[] all = new int[quarters.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        List<SubjectFigures> subjects = subjects(members, data, period, all, window);
        List<DashboardView.TrendPoint> trend = null;
        if (scope.year() != null) {
            trend = new ArrayList<>();
            for (int i = 0; i < quarters.size(); i++) {
                Period q = quarters.get(i);
                List<SubjectFigures> s = subjects(members, data, q, new int[]{i}, calendar.window(q));
                DashboardView v = view(unit, q.toString(), null, calendar.window(q), List.of(), s, null, members, q);
                trend.add(new DashboardView.TrendPoint(q.toString(), v.completeness(), v.timeliness(), v.achievement(),
                        v.activitiesCompleted(), v.activitiesOverdue(), v.reportsExpected(), v.reportsSubmitted(),
                        v.reportsOnTime()));
            }
        }
        return view(unit, scope.period() == null ? null : period.toString(), scope.year(), window, children, subjects,
                trend, members, period);
    }

    /**
     * Everything a dashboard needs, per unit and quarter ("bucket"): the tallies (ALL and TARGET dimensions), the
     * plans' targets and the reports of the year; a handful of queries over at most 12 tally rows per unit and
     * target, whatever the number of activities.
     */
    private record Data(List<Period> quarters, Map<TallyQuery.Key, TallyQuery.Cell> cells,
                        Map<String, List<DashboardQuery.TargetDef>> targets,
                        Map<String, DashboardQuery.ReportState> reports) {
    }

    private Data load(List<String> codes, int year, List<Period> quarters, LocalDate today) {
        List<Window> buckets = quarters.stream().map(calendar::window).toList();
        List<String> periods = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            periods.add(Period.of(year, q).toString());
        }
        periods.add(Period.halfYear(year).toString());
        periods.add(Period.year(year).toString());
        Map<String, DashboardQuery.ReportState> reports = new HashMap<>();
        query.reports(codes, periods).forEach(r -> reports.put(r.orgUnit() + "/" + r.period(), r));
        // Targets by unit: a subject looks up its own, not every target of the province (300 communes × 4 targets).
        Map<String, List<DashboardQuery.TargetDef>> targets = new HashMap<>();
        query.targets(codes, year).forEach(t -> targets.computeIfAbsent(t.orgUnit(), k -> new ArrayList<>()).add(t));
        return new Data(quarters, tallies.read(codes, buckets, List.of("ALL", "TARGET"), today, false), targets,
                reports);
    }

    /**
     * The figures of each subject (a unit standing for itself and its predecessors) over the given buckets, for
     * {@code period} (its planned values, and the reports it counts: for a quarter the report due at its end).
     */
    private List<SubjectFigures> subjects(List<Member> members, Data data, Period period, int[] buckets, Window window) {
        Map<String, List<Member>> byRep = new LinkedHashMap<>();
        members.forEach(m -> byRep.computeIfAbsent(m.rep().code(), k -> new ArrayList<>()).add(m));
        List<SubjectFigures> out = new ArrayList<>();
        for (List<Member> group : byRep.values()) {
            OrgUnit rep = group.get(0).rep();
            Set<String> codes = group.stream().map(m -> m.unit().code()).collect(Collectors.toSet());
            // Targets by code over the group's plans; tallies of every member and bucket added up.
            Map<String, BigDecimal> planned = new LinkedHashMap<>();
            Map<String, DashboardQuery.TargetDef> defs = new LinkedHashMap<>();
            List<DashboardQuery.TargetDef> own = new ArrayList<>();
            group.forEach(m -> own.addAll(data.targets().getOrDefault(m.unit().code(), List.of())));
            own.sort(Comparator.comparing(DashboardQuery.TargetDef::orgUnit));
            for (DashboardQuery.TargetDef t : own) {
                BigDecimal p = ReportArithmetic.planned(t.indicator(), t.yearly(), t.quarterly(), period.firstQuarter(),
                        period.lastQuarter());
                planned.merge(t.code(), p, "COUNT".equals(t.indicator()) ? BigDecimal::add : BigDecimal::max);
                defs.putIfAbsent(t.code(), t);
            }
            List<BigDecimal> ratios = new ArrayList<>();
            defs.forEach((code, t) -> {
                ReportArithmetic.Tally sum = ReportArithmetic.Tally.NONE;
                for (String m : codes) {
                    for (int b : buckets) {
                        TallyQuery.Cell cell = data.cells().get(new TallyQuery.Key(m, b, "TARGET", code));
                        if (cell != null) {
                            sum = sum.plus(cell.tally());
                        }
                    }
                }
                ratios.add(ReportArithmetic.ratio(ReportArithmetic.achieved(t.indicator(), t.recurrence(), sum),
                        planned.get(code)));
            });
            long completed = 0;
            long overdue = 0;
            long expected = 0;
            long received = 0;
            long onTime = 0;
            List<MemberFigures> reports = new ArrayList<>();
            for (Member m : group) {
                for (int b : buckets) {
                    TallyQuery.Cell cell = data.cells().get(new TallyQuery.Key(m.unit().code(), b, "ALL", ""));
                    if (cell != null) {
                        completed += cell.completed();
                        overdue += cell.overdue();
                    }
                }
                for (Period owed : expectedReports(m, period)) {
                    DashboardQuery.ReportState r = data.reports().get(m.unit().code() + "/" + owed);
                    boolean in = r != null && ReportStatus.valueOf(r.status()).received();
                    boolean ok = in && Boolean.TRUE.equals(r.onTime());
                    expected++;
                    received += in ? 1 : 0;
                    onTime += ok ? 1 : 0;
                    reports.add(new MemberFigures(0, 0, 1, in ? 1 : 0, ok ? 1 : 0,
                            r == null ? ReportStatus.DRAFT.name() : r.status(), in ? (Boolean) ok : Boolean.FALSE,
                            owed.toString(), null));
                }
            }
            // One report counted: say which and how it stands.
            MemberFigures single = reports.size() == 1 ? reports.get(0) : null;
            List<String> predecessors = group.stream().map(m -> m.unit().code()).filter(c -> !c.equals(rep.code()))
                    .sorted().toList();
            out.add(new SubjectFigures(rep, ReportArithmetic.achievement(ratios), completed, overdue, expected, received,
                    onTime, single == null ? null : single.reportStatus(), single == null ? null : single.reportOnTime(),
                    single == null ? null : single.reportPeriod(), predecessors));
        }
        return out;
    }

    /** The reports a member owes that a dashboard of {@code period} counts. */
    private List<Period> expectedReports(Member m, Period period) {
        List<Period> out = new ArrayList<>();
        if (period.isQuarter()) {
            obligations.reportEnding(m.unit(), m.duty(), period).ifPresent(out::add);
        } else if (period.kind() == Period.Kind.HALF_YEAR) {
            if (obligations.owes(m.unit(), m.duty(), period)) {
                out.add(period);
            }
        } else {
            for (Period q : period.quarters()) {
                obligations.reportEnding(m.unit(), m.duty(), q).ifPresent(out::add);
            }
        }
        return out;
    }

    private DashboardView view(OrgUnit unit, String period, Integer year, Window w, List<OrgUnit> children,
                               List<SubjectFigures> figures, List<DashboardView.TrendPoint> trend, List<Member> members,
                               Period p) {
        List<DashboardView.Child> rows = new ArrayList<>();
        for (OrgUnit child : children) {
            List<SubjectFigures> mine = figures.stream()
                    .filter(f -> f.rep().code().equals(child.code()) || f.rep().path().contains(child.code())).toList();
            // A unit closed into a successor shows under it; a unit that did not exist then and owes nothing is left out.
            if (child.successorCode() != null && !child.code().equals(unit.code())
                    || mine.stream().mapToLong(SubjectFigures::expected).sum() == 0 && mine.stream().allMatch(f ->
                    f.completed() == 0 && f.overdue() == 0) && !child.existsDuring(w.from(), w.to())) {
                continue;
            }
            boolean single = mine.size() == 1 && mine.get(0).rep().code().equals(child.code());
            long expected = mine.stream().mapToLong(SubjectFigures::expected).sum();
            long received = mine.stream().mapToLong(SubjectFigures::received).sum();
            long onTime = mine.stream().mapToLong(SubjectFigures::onTime).sum();
            rows.add(new DashboardView.Child(child.code(), child.name(), child.level(),
                    mean(mine.stream().map(SubjectFigures::achievement).toList()),
                    mine.stream().mapToLong(SubjectFigures::completed).sum(),
                    mine.stream().mapToLong(SubjectFigures::overdue).sum(),
                    single ? mine.get(0).reportStatus() : null, single ? mine.get(0).onTimeFlag() : null,
                    expected, received, onTime, ReportArithmetic.rate(received, expected),
                    ReportArithmetic.rate(onTime, expected), 0, single ? mine.get(0).reportPeriod() : null,
                    single && !mine.get(0).predecessors().isEmpty() ? mine.get(0).predecessors() : null,
                    child.closedOn() != null ? Boolean.TRUE : null));
        }
        long expected = figures.stream().mapToLong(SubjectFigures::expected).sum();
        long received = figures.stream().mapToLong(SubjectFigures::received).sum();
        long onTime = figures.stream().mapToLong(SubjectFigures::onTime).sum();
        List<DashboardView.NotExpected> notExpected = new ArrayList<>();
        if (!children.isEmpty()) {
            for (Member m : members) {
                if (expectedReports(m, p).isEmpty()) {
                    Optional<Obligations.NotExpected> why = p.isQuarter() ? Optional.of(reasonForQuarter(m, p))
                            : p.kind() == Period.Kind.YEAR ? Optional.of(reasonForYear(m, p)) : obligations.whyNot(m.unit(), m.duty(), p);
                    why.ifPresent(r -> notExpected.add(new DashboardView.NotExpected(m.unit().code(), m.unit().name(), r.name())));
                }
            }
        }
        return new DashboardView(unit.code(), unit.name(), period, year, w.from(), w.to(),
                ReportArithmetic.rate(received, expected), ReportArithmetic.rate(onTime, expected), expected, received,
                onTime, mean(figures.stream().map(SubjectFigures::achievement).toList()),
                figures.stream().mapToLong(SubjectFigures::completed).sum(),
                figures.stream().mapToLong(SubjectFigures::overdue).sum(), rank(rows), trend,
                children.isEmpty() ? null : EXPECTED_RULE, children.isEmpty() ? null : notExpected);
    }

    private Obligations.NotExpected reasonForQuarter(Member m, Period quarter) {
        if (!m.duty().hasPlan()) {
            return Obligations.NotExpected.NO_PLAN;
        }
        return m.duty().everyMonths()
                .flatMap(e -> vn.loa.reporting.period.ReportingRegime.reportEnding(e, quarter.year(), quarter.quarter()))
                .flatMap(p -> obligations.whyNot(m.unit(), m.duty(), p))
                .orElse(Obligations.NotExpected.NOT_IN_REGIME);
    }

    private Obligations.NotExpected reasonForYear(Member m, Period year) {
        return obligations.whyNot(m.unit(), m.duty(), year).orElse(Obligations.NotExpected.NOT_IN_REGIME);
    }

    /** Ranks by achievement (highest first, none last), then activities completed; ties share a rank. */
    static List<DashboardView.Child> rank(List<DashboardView.Child> rows) {
        Comparator<DashboardView.Child> order = Comparator
                .comparing(DashboardView.Child::achievement, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(DashboardView.Child::activitiesCompleted, Comparator.reverseOrder());
        List<DashboardView.Child> sorted = rows.stream().sorted(order.thenComparing(DashboardView.Child::code)).toList();
        List<DashboardView.Child> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            DashboardView.Child c = sorted.get(i);
            int rank = i > 0 && order.compare(sorted.get(i - 1), c) == 0 ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new DashboardView.Child(c.code(), c.name(), c.level(), c.achievement(), c.activitiesCompleted(),
                    c.activitiesOverdue(), c.reportStatus(), c.onTime(), c.reportsExpected(), c.reportsSubmitted(),
                    c.reportsOnTime(), c.completeness(), c.timeliness(), rank, c.reportPeriod(), c.predecessors(),
                    c.closed()));
        }
        return ranked;
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        List<BigDecimal> known = values.stream().filter(Objects::nonNull).toList();
        if (known.isEmpty()) {
            return null;
        }
        return known.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(known.size()), 4, java.math.RoundingMode.HALF_UP);
    }

    private static Period parse(String text) {
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("period", "field.period.format");
        }
    }
}
