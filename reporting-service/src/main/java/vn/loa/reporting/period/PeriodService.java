package vn.loa.reporting.period;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import jakarta.validation.constraints.Size;
import vn.loa.messaging.EventPublisher;
import vn.loa.support.web.IfMatch;
import vn.loa.reporting.orgunit.OrgUnit;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Closing and reopening quarters. A district closes a quarter for all its communes; a reopening is
 * a time-boxed exception for one commune or the whole district, and once it expires the quarter
 * counts as closed again without anyone doing anything. Every close and reopen is audited.
 */
@Service
public class PeriodService {

    private final JdbcClient jdbc;
    private final PeriodClosingRepository closings;
    private final PeriodReopeningRepository reopenings;
    private final OrgUnitDirectory orgUnits;
    private final PeriodCalendar calendar;
    private final PeriodProperties properties;
    private final EventPublisher events;
    private final Clock clock;

    PeriodService(JdbcClient jdbc, PeriodClosingRepository closings, PeriodReopeningRepository reopenings,
                  OrgUnitDirectory orgUnits, PeriodCalendar calendar, PeriodProperties properties,
                  EventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.closings = closings;
        this.reopenings = reopenings;
        this.orgUnits = orgUnits;
        this.calendar = calendar;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    record Closing(OffsetDateTime closedAt, String closedBy) {
    }

    record Reopening(String orgUnit, String reason, OffsetDateTime until, String reopenedBy) {
    }

    public record ReopenRequest(@Size(max = 2_000) String reason, OffsetDateTime until) {
    }

    /** A period's view and its ETag: the closing's version (0 while never closed). */
    public record Versioned(PeriodView view, int version) {
    }

    @Transactional(readOnly = true)
    public Versioned versioned(CurrentUser user, String code, String periodText) {
        OrgUnit unit = readable(user, code);
        Period period = parse(periodText);
        int version = closings.find(districtOf(unit), period.toString()).map(PeriodClosing::version).orElse(0);
        return new Versioned(view(user, code, periodText), version);
    }

    @Transactional(readOnly = true)
    PeriodView view(CurrentUser user, String code, String periodText) {
        OrgUnit unit = readable(user, code);
        Period period = parse(periodText);
        Window window = calendar.window(period);
        String district = districtOf(unit);
        if (!period.isQuarter()) {
            // Six months or a year: closed when every quarter of it is (and none is reopened for the unit).
            boolean closed = period.quarters().stream().allMatch(q -> closing(district, q).isPresent()
                    && activeReopening(unit, district, q).isEmpty());
            return new PeriodView(unit.code(), period.toString(), closed ? "CLOSED" : "OPEN", window.from(), window.to(),
                    calendar.dueDate(period, unit.level()), calendar.kind().name(), null, null, null, null, null);
        }
        Optional<Closing> closing = closing(district, period);
        Optional<Reopening> reopening = closing.flatMap(c -> activeReopening(unit, district, period));
        String status = closing.isPresent() && reopening.isEmpty() ? "CLOSED" : "OPEN";
        return new PeriodView(unit.code(), period.toString(), status, window.from(), window.to(),
                calendar.dueDate(period, unit.level()), calendar.kind().name(),
                closing.map(Closing::closedAt).orElse(null), closing.map(Closing::closedBy).orElse(null),
                reopening.map(Reopening::until).orElse(null), reopening.map(Reopening::reason).orElse(null),
                reopening.map(Reopening::reopenedBy).orElse(null));
    }

    /**
     * Closes the quarter for the district's communes. The first closing creates the period's closing (no
     * If-Match needed); closing again during a reopening changes it, so it needs If-Match (428/412).
     */
    @Transactional
    public PeriodView close(CurrentUser user, String districtCode, String periodText, String ifMatch) {
        OrgUnit district = readable(user, districtCode);
        // The level above closes (API.md: the district officer): a commune officer is the wrong role whatever the
        // unit, so 403 before any question about the unit (its own commune would otherwise get 422 not-a-district).
        if (!user.hasRole(Roles.DISTRICT_OFFICER)) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "quarter-officer");
        }
        Period period = quarter(periodText);
        if (!orgUnits.hasChildren(district.code())) {
            throw ApiException.of(ProblemCode.NOT_A_DISTRICT, "no-children", district.name());
        }
        requireCloser(user, district.code());
        List<OrgUnit> communes = orgUnits.reportingUnitsUnder(district.code());
        OffsetDateTime now = now();
        boolean reopened = activeReopenings(district.code(), period, now) > 0;
        Optional<Closing> closing = closing(district.code(), period);
        if (closing.isPresent() && !reopened) {
            Closing c = closing.get();
            throw ApiException.of(ProblemCode.PERIOD_CLOSED, "quarter", period.toString(), district.name(), c.closedBy(),
                    String.valueOf(c.closedAt()));
        }
        Optional<PeriodClosing> existing = closings.find(district.code(), period.toString());
        if (existing.isPresent()) {
            PeriodClosing c = existing.get();
            IfMatch.from(ifMatch).check(c.version(), Text.of("object.quarter-closing", period.toString(), district.name()));
            // Closing again ends the reopenings still running.
            reopenings.running(district.code(), period.toString(), now).forEach(r -> r.endAt(now));
            c.closeAgain(now, user.username());
            closings.saveAndFlush(c);
        } else {
            closings.saveAndFlush(new PeriodClosing(district.code(), period.toString(), now, user.username()));
        }
        audit("CLOSE", district.code(), period, user, now, null, null, communes);
        events.publish(district.code(), district.code() + "/" + period, new QuarterClosed(district.code(),
                district.path(), period.toString(), calendar.kind().name(), user.username(), now,
                calendar.dueDate(period, district.level()), windows(communes, period)));
        return view(user, district.code(), period.toString());
    }

    /** Reopens (creates a reopening: If-Match is honoured when sent, not required); the closing's version moves. */
    @Transactional
    public PeriodView reopen(CurrentUser user, String code, String periodText, ReopenRequest request, String ifMatch) {
        OrgUnit unit = readable(user, code);
        requireCloser(user, districtOf(unit));
        Period period = quarter(periodText);
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ApiException.invalid("reason", "field.period.reopen-reason");
        }
        OffsetDateTime now = now();
        OffsetDateTime until = request.until() != null ? request.until()
                : now.plus(properties.reopenFor());
        if (!until.isAfter(now)) {
            throw ApiException.invalid("until", "field.period.reopen-until");
        }
        String district = districtOf(unit);
        OrgUnit districtUnit = orgUnits.find(district).orElse(unit);
        PeriodClosing closing = closings.findForReopening(district, period.toString()).orElseThrow(() -> ApiException.of(
                ProblemCode.PERIOD_OPEN, "quarter", period.toString(), districtUnit.name()));
        if (ifMatch != null && !ifMatch.isBlank()) {
            vn.loa.support.web.ETags.checkIfMatch(ifMatch, closing.version());
        }
        List<OrgUnit> communes = district.equals(unit.code()) ? orgUnits.reportingUnitsUnder(district) : List.of(unit);
        reopenings.saveAndFlush(new PeriodReopening(district, unit.code(), period.toString(), request.reason(), until,
                user.username(), now));
        audit("REOPEN", unit.code(), period, user, now, request.reason(), until, communes);
        events.publish(district, district + "/" + period, new QuarterReopened(district, period.toString(),
                request.reason(), until, user.username(), now, windows(communes, period)));
        return view(user, unit.code(), period.toString());
    }

    record AuditEntry(String action, String orgUnit, String period, String actor, OffsetDateTime at, String reason,
                      OffsetDateTime until, List<String> communes) {
    }

    @Transactional(readOnly = true)
    List<AuditEntry> audit(CurrentUser user, String code, String periodText) {
        OrgUnit unit = readable(user, code);
        Period period = parse(periodText);
        // A commune sees its own and its district's entries; a district also those of its communes.
        String district = districtOf(unit);
        List<String> units = new java.util.ArrayList<>(List.of(unit.code(), district));
        if (district.equals(unit.code())) {
            orgUnits.reportingUnitsUnder(district).forEach(c -> units.add(c.code()));
        }
        return jdbc.sql("""
                        select * from period_audit where period = :p
                          and (org_unit = any(:units::text[]) or communes @> array[cast(:org as text)]) order by id""")
                .param("p", period.toString()).param("org", unit.code()).param("units", units.toArray(String[]::new))
                .query((rs, i) -> new AuditEntry(rs.getString("action"), rs.getString("org_unit"),
                        rs.getString("period"), rs.getString("actor"), rs.getObject("at", OffsetDateTime.class),
                        rs.getString("reason"), rs.getObject("until", OffsetDateTime.class),
                        OrgUnitDirectory.strings(rs.getArray("communes"))))
                .list();
    }

    private List<QuarterClosed.CommuneWindow> windows(List<OrgUnit> communes, Period period) {
        Window w = calendar.window(period);
        return communes.stream().map(c -> new QuarterClosed.CommuneWindow(c.code(), c.path(), w.from(), w.to(),
                calendar.dueDate(period, c.level()))).toList();
    }

    private void audit(String action, String orgUnit, Period period, CurrentUser user, OffsetDateTime at,
                       String reason, OffsetDateTime until, List<OrgUnit> communes) {
        jdbc.sql("""
                        insert into period_audit (action, org_unit, period, actor, at, reason, until, communes)
                        values (:action, :org, :p, :actor, :at, :reason, :until, :communes::text[])""")
                .param("action", action).param("org", orgUnit).param("p", period.toString())
                .param("actor", user.username()).param("at", at).param("reason", reason).param("until", until)
                .param("communes", communes.stream().map(OrgUnit::code).toArray(String[]::new))
                .update();
    }

    private Optional<Closing> closing(String district, Period period) {
        return closings.find(district, period.toString()).map(c -> new Closing(c.closedAt(), c.closedBy()));
    }

    /** A reopening still running for the unit itself or its whole district. */
    private Optional<Reopening> activeReopening(OrgUnit unit, String district, Period period) {
        return reopenings.runningFor(district, period.toString(), now(), unit.code()).stream().findFirst()
                .map(r -> new Reopening(r.orgUnit(), r.reason(), r.until(), r.reopenedBy()));
    }

    private long activeReopenings(String district, Period period, OffsetDateTime now) {
        return reopenings.running(district, period.toString(), now).size();
    }

    /** The district that closes the unit's quarters: the unit itself if it has communes, else its parent. */
    private String districtOf(OrgUnit unit) {
        return orgUnits.hasChildren(unit.code()) ? unit.code() : unit.districtCode();
    }

    private OrgUnit readable(CurrentUser user, String code) {
        OrgScope.requireBusinessRole(user);
        OrgUnit unit = orgUnits.find(code).orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "object",
                Text.of("object.org-unit", code)));
        OrgScope.requireReadable(user, unit.path(), Text.of("object.org-unit", code));
        return unit;
    }

    /**
     * Quarters are closed and reopened by the level the reporting units report to (a district in 2022, the
     * province in a two-level tree): an officer of that unit.
     */
    private static void requireCloser(CurrentUser user, String closer) {
        if (!user.canWrite() || !closer.equals(user.orgUnit())) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "quarter-closer", closer);
        }
    }

    /** Closing and reopening are for quarters: a six-month or annual period is closed by closing its quarters. */
    static Period quarter(String text) {
        Period p = parse(text);
        if (!p.isQuarter()) {
            throw ApiException.invalid("period", "field.period.quarter-only", p.toString());
        }
        return p;
    }

    static Period parse(String text) {
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("period", "field.period.format");
        }
    }

    private OffsetDateTime now() {
        // Microseconds: what PostgreSQL keeps, so that a value read back equals the one written.
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    Duration reopenFor() {
        return properties.reopenFor();
    }
}
