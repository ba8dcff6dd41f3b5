package vn.loa.notification.events;

import org.springframework.stereotype.Component;
import vn.loa.common.channel.Channel;
import vn.loa.messaging.EventEnvelope;
import vn.loa.notification.dispatch.Notifier;
import vn.loa.notification.notice.Notice;
import vn.loa.notification.orgunit.OrgUnit;
import vn.loa.notification.orgunit.OrgUnits;
import vn.loa.notification.plan.PlanCopies;
import vn.loa.notification.recipients.RecipientRules;
import vn.loa.notification.reminder.Deadlines;
import vn.loa.notification.subscription.SubscriptionTransfers;
import vn.loa.notification.template.Localized;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What each event does here: keep our copies (org tree, plans, deadlines) and tell the people
 * concerned. Runs inside the messaging inbox's transaction, once per event id. This is the edge:
 * the Kafka wire records of this package are mapped here to the domain types of the other packages
 * ({@link OrgUnit}, unit codes, recipient lines), and go no further.
 */
@Component
class EventHandlers {

    private final OrgUnits orgUnits;
    private final PlanCopies plans;
    private final Deadlines deadlines;
    private final Notifier notifier;
    private final SubscriptionTransfers subscriptionTransfers;

    EventHandlers(OrgUnits orgUnits, PlanCopies plans, Deadlines deadlines, Notifier notifier,
                  SubscriptionTransfers subscriptionTransfers) {
        this.orgUnits = orgUnits;
        this.plans = plans;
        this.deadlines = deadlines;
        this.notifier = notifier;
        this.subscriptionTransfers = subscriptionTransfers;
    }

    void orgUnitRegistered(EventEnvelope<OrgUnitRegistered> e) {
        OrgUnitRegistered o = e.data();
        orgUnits.register(new OrgUnit(o.code(), o.name(), o.level(), o.parentCode(), o.path(), units(o.units())),
                o.closedOn(), o.successorCode(), e.time());
        if (o.closedOn() != null) {
            // the whole state says it is closed: its subscriptions follow, as on org-unit-closed (idempotent)
            subscriptionTransfers.closed(o.code(), o.successorCode());
        }
    }

    /** The unit and its subtree get their new paths, and so do the rows that copied one (EVENTS.md). */
    void orgUnitMoved(EventEnvelope<OrgUnitMoved> e) {
        OrgUnitMoved m = e.data();
        orgUnits.move(m.code(), m.name(), m.level(), m.parentCode(), path(m.path(), m.code()), e.time());
    }

    /** The unit is kept, closed; what it was subscribed to goes to its successor, or is reported. */
    void orgUnitClosed(EventEnvelope<OrgUnitClosed> c) {
        OrgUnitClosed o = c.data();
        if (o.successorCode() != null) {
            orgUnits.ensure(o.successorCode(), null, null, parentOf(path(o.successorPath(), o.successorCode())),
                    path(o.successorPath(), o.successorCode()));
        }
        orgUnits.close(o.code(), o.name(), o.level(), o.parentCode(), o.path(), o.closedOn(), o.successorCode());
        subscriptionTransfers.closed(o.code(), o.successorCode());
    }

    /**
     * The new unit, and each predecessor closed into it (each also comes with its own org-unit-closed; whichever
     * arrives first does the work, the other finds nothing left to do). The predecessors' own rows (inbox, plans,
     * deadlines) keep their org unit: the new unit's inbox reads them through the successor links.
     */
    void orgUnitsMerged(EventEnvelope<OrgUnitsMerged> e) {
        OrgUnitsMerged m = e.data();
        orgUnits.ensure(m.code(), m.name(), m.level(), m.parentCode(), path(m.path(), m.code()));
        for (OrgUnitsMerged.Predecessor p : nn(m.predecessors())) {
            orgUnits.close(p.code(), p.name(), p.level(), parentOf(path(p.path(), p.code())), p.path(), m.effectiveOn(),
                    m.code());
            subscriptionTransfers.closed(p.code(), m.code());
        }
    }

    void planIssued(EventEnvelope<PlanIssued> e) {
        PlanIssued p = e.data();
        plans.save(p.planId(), p.version(), p.orgUnit(), path(p.orgUnitPath(), p.orgUnit()), p.documentNumber(),
                p.title(), p.year(), "ISSUED");
        Map<String, Object> model = planModel(p.documentNumber(), p.title(), p.issuer(), p.orgUnit(), p.orgUnitName(), p.version());
        model.put("issuedOn", p.issuedOn());
        notifyPlan(e, p.orgUnit(), p.orgUnitPath(), p.units(), p.assignments(), p.recipients(), model);
    }

    void planAmended(EventEnvelope<PlanAmended> e) {
        PlanAmended p = e.data();
        plans.save(p.planId(), p.version(), p.orgUnit(), path(p.orgUnitPath(), p.orgUnit()), p.documentNumber(),
                p.title(), p.year(), "ISSUED");
        Map<String, Object> model = planModel(p.documentNumber(), p.title(), p.issuer(), p.orgUnit(), p.orgUnitName(), p.version());
        model.put("issuedOn", p.issuedOn());
        model.put("reason", p.reason());
        notifyPlan(e, p.orgUnit(), p.orgUnitPath(), p.units(), p.assignments(), p.recipients(), model);
    }

    void planClosed(EventEnvelope<PlanClosed> e) {
        PlanClosed p = e.data();
        plans.save(p.planId(), p.version(), p.orgUnit(), path(p.orgUnitPath(), p.orgUnit()), p.documentNumber(),
                null, p.year(), "CLOSED");
    }

    void activityScheduled(EventEnvelope<ActivityScheduled> e) {
        ActivityScheduled a = e.data();
        String doc = documentNumber(a.planDocumentNumber(), a.planId());
        List<String> path = path(a.orgUnitPath(), a.orgUnit());
        List<String> coordinating = a.coordinatingUnits() == null ? List.of() : a.coordinatingUnits();
        deadlines.activityScheduled(new Deadlines.ActivityDeadline(a.activityId(), a.planId(), doc, a.orgUnit(), path,
                a.title(), a.unit(), coordinating, a.dueDate()));
        Map<String, Object> model = activityModel(doc, a.title(), a.orgUnit(), a.unit(), coordinating);
        model.put("dueDate", a.dueDate());
        model.put("channel", a.channel());
        // the communication form as plans print it ("Truyền thanh cơ sở"), from infra/common's one Channel
        model.put("channelName", Channel.labelOf(a.channel()));
        notifier.notify(Notice.toAll(e.id(), e.type(), time(e),
                RecipientRules.forActivity(a.orgUnit(), path, a.unit(), coordinating), model));
    }

    void activityCompleted(EventEnvelope<ActivityCompleted> e) {
        deadlines.activityEnded(e.data().activityId(), "COMPLETED");
    }

    void activityCancelled(EventEnvelope<ActivityCancelled> e) {
        deadlines.activityEnded(e.data().activityId(), "CANCELLED");
    }

    void activityOverdue(EventEnvelope<ActivityOverdue> e) {
        ActivityOverdue a = e.data();
        deadlines.activityEnded(a.activityId(), "OVERDUE");
        String doc = documentNumber(a.planDocumentNumber(), a.planId());
        List<String> coordinating = a.coordinatingUnits() == null ? List.of() : a.coordinatingUnits();
        Map<String, Object> model = activityModel(doc, a.title(), a.orgUnit(), a.unit(), coordinating);
        model.put("dueDate", a.dueDate());
        notifier.notify(Notice.toAll(e.id(), e.type(), time(e),
                RecipientRules.forOverdue(a.orgUnit(), path(a.orgUnitPath(), a.orgUnit()), a.unit()), model));
    }

    void quarterClosed(EventEnvelope<QuarterClosed> e) {
        QuarterClosed q = e.data();
        List<Notice.Addressee> addressees = new ArrayList<>();
        Map<String, String> names = names(q.district(), q.communes());
        for (CommuneWindow c : nn(q.communes())) {
            deadlines.reportDue(c.orgUnit(), q.period(), q.district(), path(c.orgUnitPath(), c.orgUnit()), c.dueDate());
            Map<String, Object> model = communeModel(q.district(), q.period(), c, names);
            model.put("closedBy", q.closedBy());
            RecipientRules.forCommune(c.orgUnit(), path(c.orgUnitPath(), c.orgUnit()))
                    .forEach(r -> addressees.add(new Notice.Addressee(r, model)));
        }
        notifier.notify(new Notice(e.id(), e.type(), time(e), addressees));
    }

    void quarterReopened(EventEnvelope<QuarterReopened> e) {
        QuarterReopened q = e.data();
        List<Notice.Addressee> addressees = new ArrayList<>();
        Map<String, String> names = names(q.district(), q.communes());
        for (CommuneWindow c : nn(q.communes())) {
            if (c.dueDate() != null) {
                deadlines.reportDue(c.orgUnit(), q.period(), q.district(), path(c.orgUnitPath(), c.orgUnit()), c.dueDate());
            }
            Map<String, Object> model = communeModel(q.district(), q.period(), c, names);
            model.put("reason", q.reason());
            model.put("until", q.until());
            model.put("reopenedBy", q.reopenedBy());
            RecipientRules.forCommune(c.orgUnit(), path(c.orgUnitPath(), c.orgUnit()))
                    .forEach(r -> addressees.add(new Notice.Addressee(r, model)));
        }
        notifier.notify(new Notice(e.id(), e.type(), time(e), addressees));
    }

    void reportSubmitted(EventEnvelope<ReportSubmitted> e) {
        ReportSubmitted r = e.data();
        deadlines.reportStatus(r.orgUnit(), r.period(), r.district(), path(r.orgUnitPath(), r.orgUnit()), r.dueDate(), "SUBMITTED");
        Map<String, Object> model = reportModel(r.orgUnit(), r.orgUnitName(), r.period(), r.dueDate(), r.by(), r.at());
        model.put("onTime", Boolean.FALSE.equals(r.onTime()) ? new Localized("quá hạn", "late")
                : new Localized("đúng hạn", "on time"));
        notifier.notify(Notice.toAll(e.id(), e.type(), time(e),
                RecipientRules.forDistrict(r.district(), r.orgUnitPath()), model));
    }

    void reportApproved(EventEnvelope<ReportApproved> e) {
        ReportApproved r = e.data();
        deadlines.reportStatus(r.orgUnit(), r.period(), r.district(), path(r.orgUnitPath(), r.orgUnit()), r.dueDate(), "APPROVED");
        Map<String, Object> model = reportModel(r.orgUnit(), r.orgUnitName(), r.period(), r.dueDate(), r.by(), r.at());
        notifier.notify(Notice.toAll(e.id(), e.type(), time(e),
                RecipientRules.forCommune(r.orgUnit(), path(r.orgUnitPath(), r.orgUnit())), model));
    }

    void reportReturned(EventEnvelope<ReportReturned> e) {
        ReportReturned r = e.data();
        deadlines.reportStatus(r.orgUnit(), r.period(), r.district(), path(r.orgUnitPath(), r.orgUnit()), r.dueDate(), "RETURNED");
        Map<String, Object> model = reportModel(r.orgUnit(), r.orgUnitName(), r.period(), r.dueDate(), r.by(), r.at());
        model.put("reason", r.reason());
        notifier.notify(Notice.toAll(e.id(), e.type(), time(e),
                RecipientRules.forCommune(r.orgUnit(), path(r.orgUnitPath(), r.orgUnit())), model));
    }

    private void notifyPlan(EventEnvelope<?> e, String orgUnit, List<String> orgUnitPath, List<UnitRef> units,
                            List<PlanAssignment> assignments, List<PlanRecipient> recipients, Map<String, Object> model) {
        List<String> path = path(orgUnitPath, orgUnit);
        OrgUnit known = orgUnits.find(orgUnit).orElse(null);
        // The plan carries its org unit's units; the copy of the tree gives the parent (district phòng).
        OrgUnit own = new OrgUnit(orgUnit, known == null ? orgUnit : known.name(), known == null ? null : known.level(),
                known == null ? parentOf(path) : known.parentCode(), path,
                units != null && !units.isEmpty() ? units(units) : known == null ? List.of() : known.units());
        OrgUnit parent = Optional.ofNullable(own.parentCode()).flatMap(orgUnits::find).orElse(null);
        List<OrgUnit> children = orgUnits.children(orgUnit);
        notifier.notify(Notice.toAll(e.id(), e.type(), time(e),
                RecipientRules.forPlan(orgUnit, path,
                        nn(assignments).stream().map(PlanAssignment::unit).toList(),
                        nn(recipients).stream().map(PlanRecipient::name).toList(), own, parent, children), model));
    }

    private static List<OrgUnit.Unit> units(List<UnitRef> units) {
        return nn(units).stream().map(u -> new OrgUnit.Unit(u.code(), u.name())).toList();
    }

    private Map<String, Object> planModel(String doc, String title, String issuer, String orgUnit, String orgUnitName,
                                          int version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documentNumber", doc);
        m.put("title", title);
        m.put("issuer", issuer != null ? issuer : orgUnitName);
        m.put("orgUnit", orgUnit);
        m.put("orgUnitName", orgUnitName);
        m.put("version", version);
        return m;
    }

    private Map<String, Object> activityModel(String doc, String title, String orgUnit, String unit, List<String> coordinating) {
        Optional<OrgUnit> org = orgUnits.find(orgUnit);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documentNumber", doc);
        m.put("activityTitle", title);
        m.put("orgUnit", orgUnit);
        m.put("orgUnitName", org.map(OrgUnit::name).orElse(orgUnit));
        m.put("unit", unit);
        m.put("unitName", org.flatMap(o -> o.unitName(unit)).orElse(unit));
        m.put("coordinatingUnits", coordinating);
        m.put("coordinatingUnitNames", coordinating.stream()
                .map(c -> org.flatMap(o -> o.unitName(c)).orElse(c)).toList());
        return m;
    }

    /** The district's and the communes' names in one statement, not two lookups per commune. */
    private Map<String, String> names(String district, List<CommuneWindow> communes) {
        List<String> codes = new ArrayList<>();
        codes.add(district);
        nn(communes).forEach(c -> codes.add(c.orgUnit()));
        return orgUnits.names(codes);
    }

    private Map<String, Object> communeModel(String district, String period, CommuneWindow c, Map<String, String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("district", district);
        m.put("districtName", names.getOrDefault(district, district));
        m.put("orgUnit", c.orgUnit());
        m.put("orgUnitName", names.getOrDefault(c.orgUnit(), c.orgUnit()));
        m.put("period", period);
        m.put("from", c.from());
        m.put("to", c.to());
        m.put("dueDate", c.dueDate());
        return m;
    }

    private Map<String, Object> reportModel(String orgUnit, String orgUnitName, String period,
                                            java.time.LocalDate dueDate, String by, OffsetDateTime at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orgUnit", orgUnit);
        m.put("orgUnitName", orgUnitName != null ? orgUnitName : orgUnits.find(orgUnit).map(OrgUnit::name).orElse(orgUnit));
        m.put("period", period);
        m.put("dueDate", dueDate);
        m.put("by", by);
        m.put("at", at);
        return m;
    }

    private String documentNumber(String fromEvent, UUID planId) {
        return fromEvent != null ? fromEvent : plans.documentNumber(planId).orElse("");
    }

    private static OffsetDateTime time(EventEnvelope<?> e) {
        return e.time() != null ? e.time() : OffsetDateTime.now();
    }

    private static List<String> path(List<String> path, String orgUnit) {
        return path == null || path.isEmpty() ? List.of(orgUnit) : path;
    }

    private static String parentOf(List<String> path) {
        return path.size() >= 2 ? path.get(path.size() - 2) : null;
    }

    private static <T> List<T> nn(List<T> list) {
        return list == null ? List.of() : list;
    }
}
