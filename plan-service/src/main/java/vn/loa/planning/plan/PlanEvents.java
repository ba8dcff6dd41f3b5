package vn.loa.planning.plan;

import vn.loa.planning.events.PlanAmended;
import vn.loa.planning.events.PlanClosed;
import vn.loa.planning.events.PlanIssued;
import vn.loa.planning.events.PlanSnapshot;
import vn.loa.planning.orgunit.OrgUnitView;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Maps a plan to the events of EVENTS.md. */
final class PlanEvents {

    private PlanEvents() {
    }

    static PlanIssued issued(Plan p, OrgUnitView unit, String implementsNumber) {
        PlanContent c = p.content();
        return new PlanIssued(p.id(), p.version(), unit.code(), unit.name(), unit.level(), unit.path(), p.year(),
                p.documentNumber(), p.issuedOn(), p.issuerName(), c.title(), c.implementsPlanId(), implementsNumber,
                targets(c), topics(c), c.channels(), units(unit), assignments(c, unit), recipients(c), budget(c),
                c.budgetTotalVnd());
    }

    static PlanAmended amended(Plan p, OrgUnitView unit, String implementsNumber, String reason, Instant at, Clock clock) {
        PlanContent c = p.content();
        return new PlanAmended(p.id(), p.version(), unit.code(), unit.name(), unit.level(), unit.path(), p.year(),
                p.documentNumber(), p.issuedOn(), p.issuerName(), c.title(), c.implementsPlanId(), implementsNumber,
                targets(c), topics(c), c.channels(), units(unit), assignments(c, unit), recipients(c), budget(c),
                c.budgetTotalVnd(), reason, OffsetDateTime.ofInstant(at, clock.getZone()));
    }

    /** The org unit's path is the current one: scope follows the tree. */
    static PlanClosed closed(Plan p, OrgUnitView unit, Instant at, Clock clock) {
        return new PlanClosed(p.id(), p.version(), p.orgUnit(), unit.path(), p.year(), p.documentNumber(),
                OffsetDateTime.ofInstant(at, clock.getZone()));
    }

    private static List<PlanSnapshot.Target> targets(PlanContent c) {
        return c.targets().stream().map(t -> new PlanSnapshot.Target(t.code(), t.description(), t.indicator().name(),
                t.yearlyValue(), t.quarterlyValues(), t.channel(), t.unit(), t.parentTargetCode(), t.measure(),
                t.recurrence() == null ? null : t.recurrence().name())).toList();
    }

    private static List<PlanSnapshot.Topic> topics(PlanContent c) {
        return c.topics().stream().map(t -> new PlanSnapshot.Topic(t.code(), t.title(), t.items())).toList();
    }

    private static List<PlanSnapshot.Unit> units(OrgUnitView unit) {
        return unit.units().stream().map(u -> new PlanSnapshot.Unit(u.code(), u.name())).toList();
    }

    private static List<PlanSnapshot.Assignment> assignments(PlanContent c, OrgUnitView unit) {
        return c.assignments().stream().map(a -> new PlanSnapshot.Assignment(a.unit(), unit.unitName(a.unit()),
                a.role().name(), a.duties(), a.reportsEveryMonths())).toList();
    }

    private static List<PlanSnapshot.Recipient> recipients(PlanContent c) {
        // the contract requires a purpose: a recipient the plan lists without one has an empty purpose
        return c.recipients().stream().map(r -> new PlanSnapshot.Recipient(r.name(), r.purpose() == null ? "" : r.purpose())).toList();
    }

    private static List<PlanSnapshot.BudgetLine> budget(PlanContent c) {
        // the contract requires an amount: a source named without one (the seed's section III) counts 0 đồng
        return c.budget().stream().map(b -> new PlanSnapshot.BudgetLine(b.source().name(),
                b.amountVnd() == null ? 0L : b.amountVnd(), b.note())).toList();
    }
}
