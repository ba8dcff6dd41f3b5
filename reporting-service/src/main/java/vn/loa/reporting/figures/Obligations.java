package vn.loa.reporting.figures;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.ReportingRegime;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which reports are expected, as DHIS2 counts expected reports (only the org units a data set is assigned
 * to): a unit owes a report for a period when
 * <ol>
 *   <li>it has an issued plan for that year, its own or (after a merger) one of its predecessors' — their
 *       history is its history, and so is their duty to report;</li>
 *   <li>its plan's {@code reportsEveryMonths} makes the period one it reports on ({@link ReportingRegime}:
 *       every 3 months Q1, H1, Q3 and the year);</li>
 *   <li>it exists on the report's due date: established by then, not closed (a unit closed before the due
 *       date is not expected; its successor, which exists then, reports for it).</li>
 * </ol>
 * Completeness and timeliness are computed over these and nothing else.
 */
@Component
public class Obligations {

    /** Why a unit is not expected, for the dashboards' explanation. */
    public enum NotExpected { NO_PLAN, NOT_IN_REGIME, NOT_YET_ESTABLISHED, CLOSED }

    private final JdbcClient jdbc;
    private final OrgUnitDirectory orgUnits;
    private final PeriodCalendar calendar;

    Obligations(JdbcClient jdbc, OrgUnitDirectory orgUnits, PeriodCalendar calendar) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.calendar = calendar;
    }

    /** A unit's reporting duty for a year: every 3, 6 or 12 months; empty when it has no issued plan. */
    public record Duty(String orgUnit, int year, Optional<Integer> everyMonths) {
        public boolean hasPlan() {
            return everyMonths.isPresent();
        }
    }

    /**
     * The duty of each unit for a year, from its issued plan or, failing one, its predecessors' (the smallest
     * {@code reportsEveryMonths} of them). Three queries for any number of units.
     */
    public Map<String, Duty> duties(Collection<OrgUnit> units, int year) {
        Map<String, List<OrgUnit>> families = orgUnits.families(units);
        Set<String> all = new HashSet<>();
        families.values().forEach(f -> f.forEach(u -> all.add(u.code())));
        Map<String, Integer> plans = new HashMap<>();
        if (!all.isEmpty()) {
            jdbc.sql("""
                            select distinct on (org_unit) org_unit, reports_every_months from plan_copy
                            where org_unit = any(:orgs::text[]) and year = :year and version > 0
                            order by org_unit, (closed_at is null) desc, version desc""")
                    .param("orgs", all.toArray(String[]::new)).param("year", year)
                    .query((rs, i) -> plans.put(rs.getString("org_unit"),
                            ReportingRegime.normalize((Integer) rs.getObject("reports_every_months"))))
                    .list();
        }
        Map<String, Duty> out = new HashMap<>();
        for (OrgUnit u : units) {
            Optional<Integer> every = Optional.ofNullable(plans.get(u.code()));
            if (every.isEmpty()) {
                every = families.get(u.code()).stream().skip(1).map(m -> plans.get(m.code()))
                        .filter(java.util.Objects::nonNull).min(Integer::compare);
            }
            out.put(u.code(), new Duty(u.code(), year, every));
        }
        return out;
    }

    public Duty duty(OrgUnit unit, int year) {
        return duties(List.of(unit), year).get(unit.code());
    }

    /** Whether the unit owes a report for the period, or why not. */
    public Optional<NotExpected> whyNot(OrgUnit unit, Duty duty, Period period) {
        if (!duty.hasPlan()) {
            return Optional.of(NotExpected.NO_PLAN);
        }
        if (!ReportingRegime.owes(duty.everyMonths().get(), period)) {
            return Optional.of(NotExpected.NOT_IN_REGIME);
        }
        LocalDate due = calendar.dueDate(period, unit.level());
        if (unit.establishedOn() != null && unit.establishedOn().isAfter(due)) {
            return Optional.of(NotExpected.NOT_YET_ESTABLISHED);
        }
        if (unit.closedOn() != null && !unit.closedOn().isAfter(due)) {
            return Optional.of(NotExpected.CLOSED);
        }
        return Optional.empty();
    }

    public boolean owes(OrgUnit unit, Duty duty, Period period) {
        return whyNot(unit, duty, period).isEmpty();
    }

    /** The report a unit owes at the end of a quarter (Q1, H1, Q3 or the year for a 3-monthly unit), if any. */
    public Optional<Period> reportEnding(OrgUnit unit, Duty duty, Period quarter) {
        return duty.everyMonths()
                .flatMap(m -> ReportingRegime.reportEnding(m, quarter.year(), quarter.quarter()))
                .filter(p -> owes(unit, duty, p));
    }
}
