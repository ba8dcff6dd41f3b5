package vn.loa.reporting.dashboard;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.reporting.TimeConfiguration;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.Window;
import vn.loa.reporting.figures.ReportArithmetic;
import vn.loa.reporting.figures.TallyQuery;
import vn.loa.reporting.report.ReportStatus;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.web.ApiException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Dashboards over an org unit's children. Completeness and timeliness follow DHIS2's reporting
 * rates: reports received (submitted or approved) / reports expected, and received by the due date /
 * expected, where every commune below the unit is expected to report once per quarter.
 */
@Service
class DashboardService {

    private final OrgUnitDirectory orgUnits;
    private final PeriodCalendar calendar;
    private final DashboardQuery query;
    private final TallyQuery tallies;
    private final Clock clock;

    DashboardService(OrgUnitDirectory orgUnits, PeriodCalendar calendar, DashboardQuery query, TallyQuery tallies,
                     Clock clock) {
        this.tallies = tallies;
        this.orgUnits = orgUnits;
        this.calendar = calendar;
        this.query = query;
        this.clock = clock;
    }

    /** The figures of one reporting commune. */
    private record CommuneFigures(OrgUnit commune, BigDecimal achievement, long completed, long overdue,
                                  String reportStatus, Boolean onTime, long received, long receivedOnTime,
                                  long expected) {
    }

    /** What a dashboard shows: the org unit (checked against the caller's scope) and a quarter or a year. */
    record Scope(OrgUnit unit, Period period, Integer year) {
    }

    /** The dashboard's org unit if the caller may see it (else 404), with its quarter or year (else 400). */
    @Transactional(readOnly = true)
    Scope scope(CurrentUser user, String code, String periodText, Integer year) {
        OrgUnit unit = orgUnits.find(code).orElseThrow(() -> ApiException.notFound("Org unit " + code + " was not found."));
        OrgScope.requireReadable(user, unit.path(), "Org unit " + code);
        if ((periodText == null) == (year == null)) {
            throw ApiException.validation("period", "Give either period (2022-Q1) or year (2022).");
        }
        return new Scope(unit, periodText == null ? null : parse(periodText), year);
    }

    @Transactional(readOnly = true)
    DashboardView dashboard(CurrentUser user, String code, String periodText, Integer year) {
        return compute(scope(user, code, periodText, year), today());
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
    }

    /** The dashboard of a scope already checked, for {@code today} (overdue depends on it). */
    @Transactional(readOnly = true)
    DashboardView compute(Scope scope, LocalDate today) {
        OrgUnit unit = scope.unit();
        String periodText = scope.period() == null ? null : scope.period().toString();
        Integer year = scope.year();
        List<OrgUnit> communes = orgUnits.reportingUnitsUnder(unit.code());
        List<OrgUnit> children = orgUnits.children(unit.code());
        if (children.isEmpty()) {
            children = List.of(unit);
        }
        if (periodText != null) {
            Period period = parse(periodText);
            Data data = load(communes, period.year(), List.of(period), today);
            return view(unit, period.toString(), null, calendar.window(period), children,
                    figures(communes, data, period.quarter(), new int[]{0}), null);
        }
        List<Period> quarters = IntStream.rangeClosed(1, 4).mapToObj(q -> Period.of(year, q)).toList();
        Data data = load(communes, year, quarters, today);
        List<DashboardView.TrendPoint> trend = quarters.stream().map(q -> {
            DashboardView v = view(unit, q.toString(), null, calendar.window(q), List.of(),
                    figures(communes, data, q.quarter(), new int[]{q.quarter() - 1}), null);
            return new DashboardView.TrendPoint(q.toString(), v.completeness(), v.timeliness(), v.achievement(),
                    v.activitiesCompleted(), v.activitiesOverdue());
        }).toList();
        return view(unit, null, year, calendar.yearWindow(year), children,
                figures(communes, data, ReportArithmetic.WHOLE_YEAR, new int[]{0, 1, 2, 3}), trend);
    }

    /**
     * Everything a dashboard needs, per commune and quarter ("bucket"): the tallies (ALL and TARGET
     * dimensions), the plans' targets and the reports; a handful of queries over at most 12 tally rows
     * per commune and target, whatever the number of activities.
     */
    private record Data(List<Period> periods, Map<TallyQuery.Key, TallyQuery.Cell> cells,
                        List<DashboardQuery.TargetDef> targets, List<DashboardQuery.ReportState> reports) {
    }

    private Data load(List<OrgUnit> communes, int year, List<Period> periods, LocalDate today) {
        List<String> codes = communes.stream().map(OrgUnit::code).toList();
        List<Window> buckets = periods.stream().map(calendar::window).toList();
        return new Data(periods, tallies.read(codes, buckets, List.of("ALL", "TARGET"), today, false),
                query.targets(codes, year), query.reports(codes, periods.stream().map(Period::toString).toList()));
    }

    /** The figures of each commune over the given buckets; {@code quarter} (or WHOLE_YEAR) sets the planned values. */
    private List<CommuneFigures> figures(List<OrgUnit> communes, Data data, int quarter, int[] buckets) {
        List<String> periods = Arrays.stream(buckets).mapToObj(b -> data.periods().get(b).toString()).toList();
        Map<String, List<BigDecimal>> ratios = new HashMap<>();
        for (DashboardQuery.TargetDef t : data.targets()) {
            ReportArithmetic.Tally sum = ReportArithmetic.Tally.NONE;
            for (int b : buckets) {
                TallyQuery.Cell cell = data.cells().get(new TallyQuery.Key(t.orgUnit(), b, "TARGET", t.code()));
                if (cell != null) {
                    sum = sum.plus(cell.tally());
                }
            }
            BigDecimal planned = ReportArithmetic.planned(t.indicator(), t.yearly(), t.quarterly(), quarter);
            BigDecimal achieved = ReportArithmetic.achieved(t.indicator(), t.recurrence(), sum);
            ratios.computeIfAbsent(t.orgUnit(), k -> new ArrayList<>()).add(ReportArithmetic.ratio(achieved, planned));
        }
        return communes.stream().map(c -> {
            List<DashboardQuery.ReportState> own = data.reports().stream()
                    .filter(r -> r.orgUnit().equals(c.code()) && periods.contains(r.period())).toList();
            long received = own.stream().filter(r -> ReportStatus.valueOf(r.status()).received()).count();
            long onTime = own.stream().filter(r -> ReportStatus.valueOf(r.status()).received()
                    && Boolean.TRUE.equals(r.onTime())).count();
            long completed = 0;
            long overdue = 0;
            for (int b : buckets) {
                TallyQuery.Cell cell = data.cells().get(new TallyQuery.Key(c.code(), b, "ALL", ""));
                if (cell != null) {
                    completed += cell.completed();
                    overdue += cell.overdue();
                }
            }
            boolean single = periods.size() == 1;
            String status = single
                    ? own.stream().findFirst().map(DashboardQuery.ReportState::status).orElse(ReportStatus.DRAFT.name())
                    : null;
            Boolean childOnTime = single ? (Boolean) (onTime > 0) : null;
            List<BigDecimal> ownRatios = ratios.getOrDefault(c.code(), List.of());
            return new CommuneFigures(c, ReportArithmetic.achievement(ownRatios), completed, overdue, status,
                    childOnTime, received, onTime, periods.size());
        }).toList();
    }

    private DashboardView view(OrgUnit unit, String period, Integer year, Window w, List<OrgUnit> children,
                               List<CommuneFigures> figures, List<DashboardView.TrendPoint> trend) {
        List<DashboardView.Child> rows = new ArrayList<>();
        for (OrgUnit child : children) {
            List<CommuneFigures> mine = figures.stream().filter(f -> f.commune().path().contains(child.code())).toList();
            boolean single = mine.size() == 1 && mine.get(0).commune().code().equals(child.code());
            long expected = mine.stream().mapToLong(CommuneFigures::expected).sum();
            long received = mine.stream().mapToLong(CommuneFigures::received).sum();
            long onTime = mine.stream().mapToLong(CommuneFigures::receivedOnTime).sum();
            rows.add(new DashboardView.Child(child.code(), child.name(), child.level(),
                    mean(mine.stream().map(CommuneFigures::achievement).toList()),
                    mine.stream().mapToLong(CommuneFigures::completed).sum(),
                    mine.stream().mapToLong(CommuneFigures::overdue).sum(),
                    single ? mine.get(0).reportStatus() : null, single ? mine.get(0).onTime() : null,
                    expected, received, onTime, ReportArithmetic.rate(received, expected),
                    ReportArithmetic.rate(onTime, expected), 0));
        }
        long expected = figures.stream().mapToLong(CommuneFigures::expected).sum();
        long received = figures.stream().mapToLong(CommuneFigures::received).sum();
        long onTime = figures.stream().mapToLong(CommuneFigures::receivedOnTime).sum();
        return new DashboardView(unit.code(), unit.name(), period, year != null ? year : null, w.from(), w.to(),
                ReportArithmetic.rate(received, expected), ReportArithmetic.rate(onTime, expected), expected, received,
                onTime, mean(figures.stream().map(CommuneFigures::achievement).toList()),
                figures.stream().mapToLong(CommuneFigures::completed).sum(),
                figures.stream().mapToLong(CommuneFigures::overdue).sum(), rank(rows), trend);
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
                    c.reportsOnTime(), c.completeness(), c.timeliness(), rank));
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
            throw ApiException.validation("period", "A period is written like 2022-Q1.");
        }
    }
}
