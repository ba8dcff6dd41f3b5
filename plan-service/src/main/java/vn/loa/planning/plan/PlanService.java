package vn.loa.planning.plan;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.messaging.EventPublisher;
import vn.loa.planning.numbering.DocumentNumber;
import vn.loa.planning.numbering.DocumentNumberAllocator;
import vn.loa.planning.orgunit.OrgUnit;
import vn.loa.planning.orgunit.OrgUnits;
import vn.loa.planning.plan.PlanContent.Target;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Plans from draft to issued and closed, with amendments, derivation and adoption. */
@Service
public class PlanService {

    private static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final PlanRepository plans;
    private final OrgUnits orgUnits;
    private final DocumentNumberAllocator numbers;
    private final EventPublisher events;
    private final Clock clock;

    PlanService(PlanRepository plans, OrgUnits orgUnits, DocumentNumberAllocator numbers, EventPublisher events, Clock clock) {
        this.plans = plans;
        this.orgUnits = orgUnits;
        this.numbers = numbers;
        this.events = events;
        this.clock = clock;
    }

    // --- reads ---

    @Transactional(readOnly = true)
    public PlanView get(Actor actor, UUID id) {
        return view(readable(actor, id));
    }

    @Transactional(readOnly = true)
    public boolean exists(UUID id) {
        return plans.exists(id);
    }

    record Page(List<PlanView> items, long total) {
    }

    @Transactional(readOnly = true)
    Page list(Actor actor, String orgUnit, Integer year, PlanStatus status, int page, int size) {
        if (!actor.canRead()) {
            throw Problems.forbidden("Reading plans needs an officer or viewer role");
        }
        if (actor.system()) {
            throw new IllegalStateException("the system actor does not list plans");
        }
        var filter = new PlanRepository.Filter(orgUnit, year, status, actor.orgUnit());
        return new Page(plans.list(filter, page, size).stream().map(this::view).toList(), plans.count(filter));
    }

    @Transactional(readOnly = true)
    List<VersionSummary> versions(Actor actor, UUID id) {
        readable(actor, id);
        return plans.versions(id).stream()
                .map(v -> new VersionSummary(v.version(), v.kind(), v.reason(), v.documentNumber(), v.issuedOn(),
                        v.recordedAt(), v.recordedBy()))
                .toList();
    }

    @Transactional(readOnly = true)
    VersionView version(Actor actor, UUID id, int n) {
        readable(actor, id);
        var v = plans.version(id, n).orElseThrow(() -> Problems.notFound("Plan " + id + " has no version " + n));
        return new VersionView(id, v.version(), v.kind(), v.reason(), v.documentNumber(), v.issuedOn(), v.recordedAt(),
                v.recordedBy(), v.content());
    }

    // --- writes ---

    @Transactional
    public PlanView create(Actor actor, PlanRequest request) {
        return create(actor, UUID.randomUUID(), request);
    }

    /** Creates a draft with a given id (demo data uses fixed ids that other services refer to). */
    @Transactional
    public PlanView create(Actor actor, UUID id, PlanRequest request) {
        requireWriteRole(actor);
        OrgUnit unit = orgUnits.find(request.orgUnit())
                .orElseThrow(() -> Problems.unprocessable("unknown-org-unit", "Unknown org unit " + request.orgUnit()));
        if (!actor.covers(unit.path())) {
            // Outside the caller's scope: as if the org unit did not exist.
            throw Problems.unprocessable("unknown-org-unit", "Unknown org unit " + request.orgUnit());
        }
        PlanContent content = normalized(request.toContent());
        checkDraft(content, unit, request.year());
        Instant now = clock.instant();
        PlanRecord p = new PlanRecord(id, unit.code(), unit.path(), request.year(), PlanStatus.DRAFT, 0, 0, null, null,
                null, content, now, actor.username(), now, actor.username(), null, null);
        plans.insert(p);
        return view(plans.find(id).orElseThrow());
    }

    @Transactional
    public PlanView update(Actor actor, UUID id, String ifMatch, PlanRequest request) {
        PlanRecord p = writable(actor, id, ifMatch);
        if (!p.status().isEditable()) {
            throw Problems.conflict("plan-not-editable",
                    "Plan " + id + " is " + p.status() + ": only drafts are edited; change an issued plan by an amendment");
        }
        if (!p.orgUnit().equals(request.orgUnit())) {
            throw Problems.validation("orgUnit", "the org unit of a plan cannot change (it is " + p.orgUnit() + ")");
        }
        OrgUnit unit = orgUnit(p);
        PlanContent content = normalized(request.toContent());
        checkDraft(content, unit, request.year());
        save(p.withContent(request.year(), content, clock.instant(), actor.username()));
        return view(plans.find(id).orElseThrow());
    }

    @Transactional
    public PlanView issue(Actor actor, UUID id, String ifMatch, IssueRequest request) {
        PlanRecord p = writable(actor, id, ifMatch);
        if (!p.status().canIssue()) {
            throw Problems.conflict("invalid-transition", "Plan " + id + " is " + p.status() + " and cannot be issued again");
        }
        OrgUnit unit = orgUnit(p);
        List<Violation> violations = new ArrayList<>(PlanRules.checkIssuable(p.content(), unitCodes(unit)));
        implementedPlanViolation(p.content(), unit).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw Problems.incomplete(violations);
        }
        int docYear = request.issuedOn().getYear();
        String number;
        if (request.documentNumber() != null && !request.documentNumber().isBlank()) {
            DocumentNumber given = DocumentNumber.parse(request.documentNumber()).orElseThrow(() ->
                    Problems.validation("documentNumber", "must read like 169/KH-" + unit.abbreviation()));
            // canonical form: "5/KH-UBND" is "05/KH-UBND", so that the duplicate check sees it
            number = given.format();
            if (plans.documentNumberTaken(unit.code(), docYear, number, id)) {
                throw duplicate(number, unit, docYear);
            }
            if (given.kind().equals(DocumentNumber.PLAN) && given.issuerAbbreviation().equals(unit.abbreviation())) {
                numbers.reserve(unit.code(), docYear, given);
            }
        } else {
            number = numbers.next(unit.code(), unit.abbreviation(), docYear,
                    n -> plans.documentNumberTaken(unit.code(), docYear, n, id)).format();
        }
        Instant now = clock.instant();
        PlanRecord issued = p.issued(number, request.issuedOn(), unit.issuerName(), now, actor.username());
        try {
            save(issued);
        } catch (DuplicateKeyException e) {
            throw duplicate(number, unit, docYear);
        }
        plans.insertVersion(new PlanRepository.StoredVersion(id, 1, "ISSUED", null, number, request.issuedOn(),
                issued.content(), now, actor.username()));
        events.publish(id.toString(), id.toString(), PlanEvents.issued(issued, unit, implementsDocumentNumber(issued)));
        return view(plans.find(id).orElseThrow());
    }

    @Transactional
    PlanView amend(Actor actor, UUID id, String ifMatch, AmendmentRequest request) {
        PlanRecord p = writable(actor, id, ifMatch);
        if (!p.status().canAmend()) {
            throw Problems.conflict("invalid-transition", "Plan " + id + " is " + p.status() + ": only an issued plan is amended");
        }
        OrgUnit unit = orgUnit(p);
        PlanContent content = normalized(request.applyTo(p.content()));
        List<Violation> violations = PlanRules.checkIssuable(content, unitCodes(unit));
        if (!violations.isEmpty()) {
            throw Problems.incomplete(violations);
        }
        Instant now = clock.instant();
        PlanRecord amended = p.amended(content, now, actor.username());
        save(amended);
        plans.insertVersion(new PlanRepository.StoredVersion(id, amended.version(), "AMENDMENT", request.reason(),
                amended.documentNumber(), amended.issuedOn(), content, now, actor.username()));
        events.publish(id.toString(), id.toString(),
                PlanEvents.amended(amended, unit, implementsDocumentNumber(amended), request.reason(), now, clock));
        return view(plans.find(id).orElseThrow());
    }

    @Transactional
    PlanView close(Actor actor, UUID id, String ifMatch) {
        PlanRecord p = writable(actor, id, ifMatch);
        if (!p.status().canClose()) {
            throw Problems.conflict("invalid-transition", "Plan " + id + " is " + p.status() + ": only an issued plan is closed");
        }
        Instant now = clock.instant();
        PlanRecord closed = p.closed(now, actor.username());
        save(closed);
        events.publish(id.toString(), id.toString(), PlanEvents.closed(closed, now, clock));
        return view(plans.find(id).orElseThrow());
    }

    /** A draft for a child org unit implementing this plan, pre-filled from it, targets linked to their parent. */
    @Transactional
    public PlanView derive(Actor actor, UUID id, DeriveRequest request) {
        return derive(actor, id, UUID.randomUUID(), request);
    }

    @Transactional
    public PlanView derive(Actor actor, UUID id, UUID newId, DeriveRequest request) {
        requireWriteRole(actor);
        PlanRecord parent = readable(actor, id);
        OrgUnit child = orgUnits.find(request.orgUnit())
                .orElseThrow(() -> Problems.unprocessable("unknown-org-unit", "Unknown org unit " + request.orgUnit()));
        if (!parent.orgUnit().equals(child.parentCode())) {
            throw Problems.validation("orgUnit", child.code() + " is not an org unit directly under " + parent.orgUnit());
        }
        if (!actor.covers(child.path())) {
            throw Problems.unprocessable("unknown-org-unit", "Unknown org unit " + request.orgUnit());
        }
        if (parent.status() != PlanStatus.ISSUED) {
            throw Problems.conflict("plan-not-issued", "Plan " + id + " is " + parent.status() + ": only an issued plan is implemented");
        }
        boolean exists = plans.implementing(id).stream()
                .anyMatch(x -> x.orgUnit().equals(child.code()) && x.status() != PlanStatus.CLOSED);
        if (exists) {
            throw Problems.conflict("plan-exists", child.name() + " already has a plan implementing " + parent.documentNumber());
        }
        OrgUnit parentUnit = orgUnit(parent);
        PlanContent pc = parent.content();
        List<Target> targets = pc.targets().stream()
                .map(t -> t.withUnitAndParent(counterpart(t.unit(), parentUnit, child), t.code()))
                .toList();
        List<PlanContent.Assignment> assignments = pc.assignments().stream()
                .map(a -> new PlanContent.Assignment(counterpart(a.unit(), parentUnit, child), a.role(), a.duties(), a.reportsEveryMonths()))
                .toList();
        String preamble = "Thực hiện Kế hoạch số: " + parent.documentNumber() + " ngày " + parent.issuedOn().format(VN_DATE)
                + " của " + parent.issuerName() + " về " + lowerFirst(pc.title()) + "; " + child.issuerName()
                + " xây dựng kế hoạch thực hiện như sau:";
        PlanContent content = new PlanContent(derivedTitle(pc.title(), parentUnit, child), id, preamble, pc.legalBases(),
                pc.purposes(), pc.requirements(), targets, pc.topics(), pc.channels(), pc.forms(), List.of(), null,
                assignments, pc.assignmentsNote(), List.of(), null);
        PlanRequest r = new PlanRequest(child.code(), parent.year(), content.title(), id, content.preamble(),
                content.legalBases(), content.purposes(), content.requirements(), content.targets(), content.topics(),
                content.channels(), content.forms(), content.budget(), null, content.assignments(),
                content.assignmentsNote(), content.recipients(), null);
        return create(actor, newId, r);
    }

    @Transactional(readOnly = true)
    AdoptionView adoption(Actor actor, UUID id) {
        PlanRecord parent = readable(actor, id);
        List<String> parentCodes = parent.content().targets().stream().map(Target::code).toList();
        List<PlanRecord> implementing = plans.implementing(id);
        List<AdoptionView.Child> children = new ArrayList<>();
        int issued = 0;
        for (OrgUnit child : orgUnits.children(parent.orgUnit())) {
            Optional<PlanRecord> best = implementing.stream()
                    .filter(x -> x.orgUnit().equals(child.code()))
                    .min(Comparator.comparingInt((PlanRecord x) -> rank(x.status())).thenComparing(PlanRecord::updatedAt, Comparator.reverseOrder()));
            if (best.isEmpty()) {
                children.add(new AdoptionView.Child(child.code(), child.name(), null, List.of(), List.of()));
                continue;
            }
            PlanRecord b = best.get();
            if (b.status() != PlanStatus.DRAFT) {
                issued++;
            }
            Set<String> adoptedSet = b.content().targets().stream().map(Target::parentTargetCode)
                    .filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
            List<String> adopted = parentCodes.stream().filter(adoptedSet::contains).toList();
            List<String> dropped = parentCodes.stream().filter(c -> !adoptedSet.contains(c)).toList();
            children.add(new AdoptionView.Child(child.code(), child.name(),
                    new AdoptionView.ImplementingPlan(b.id(), b.status(), b.documentNumber(), b.issuedOn(), b.version()),
                    adopted, dropped));
        }
        return new AdoptionView(id, parent.orgUnit(), parent.documentNumber(), parentCodes, children.size(), issued, children);
    }

    // --- helpers ---

    private static int rank(PlanStatus s) {
        return switch (s) {
            case ISSUED -> 0;
            case CLOSED -> 1;
            case DRAFT -> 2;
        };
    }

    private PlanRecord readable(Actor actor, UUID id) {
        if (!actor.canRead()) {
            throw Problems.forbidden("Reading plans needs an officer or viewer role");
        }
        PlanRecord p = plans.find(id).orElseThrow(() -> Problems.planNotFound(id));
        if (!actor.covers(p.orgUnitPath())) {
            throw Problems.planNotFound(id);
        }
        return p;
    }

    private PlanRecord writable(Actor actor, UUID id, String ifMatch) {
        PlanRecord p = plans.lock(id).orElseThrow(() -> Problems.planNotFound(id));
        // Scope first: a caller must not learn that a plan exists by being refused with 403.
        if (!actor.covers(p.orgUnitPath())) {
            throw Problems.planNotFound(id);
        }
        requireWriteRole(actor);
        if (!ETagMatch.matches(ifMatch, p.etag())) {
            throw Problems.preconditionFailed("Plan " + id + " changed since you read it (ETag " + p.etag() + ")");
        }
        return p;
    }

    private static void requireWriteRole(Actor actor) {
        if (!actor.canWrite()) {
            throw Problems.forbidden("Changing plans needs a commune or district officer role");
        }
    }

    private void save(PlanRecord p) {
        if (!plans.update(p)) {
            throw Problems.preconditionFailed("Plan " + p.id() + " changed concurrently");
        }
    }

    private OrgUnit orgUnit(PlanRecord p) {
        return orgUnits.find(p.orgUnit()).orElseThrow();
    }

    private static Set<String> unitCodes(OrgUnit unit) {
        return unit.units().stream().map(OrgUnit.Unit::code).collect(Collectors.toSet());
    }

    private void checkDraft(PlanContent content, OrgUnit unit, int year) {
        List<Violation> violations = new ArrayList<>(PlanRules.checkConsistency(content));
        implementedPlanViolation(content, unit).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw Problems.validation(violations);
        }
    }

    /** The implemented plan must exist and belong to an org unit above this one. */
    private Optional<Violation> implementedPlanViolation(PlanContent content, OrgUnit unit) {
        if (content.implementsPlanId() == null) {
            return Optional.empty();
        }
        Optional<PlanRecord> implemented = plans.find(content.implementsPlanId());
        if (implemented.isEmpty() || implemented.get().orgUnit().equals(unit.code())
                || !unit.path().contains(implemented.get().orgUnit())) {
            return Optional.of(new Violation("implementsPlanId", "no plan " + content.implementsPlanId() + " of an org unit above " + unit.code()));
        }
        return Optional.empty();
    }

    private String implementsDocumentNumber(PlanRecord p) {
        UUID parent = p.content().implementsPlanId();
        return parent == null ? null : plans.find(parent).map(PlanRecord::documentNumber).orElse(null);
    }

    /** Text is data: keep it exactly, but in NFC so that equal Vietnamese strings compare equal. */
    private static PlanContent normalized(PlanContent c) {
        return Nfc.normalize(c);
    }

    /** The child's unit of the same kind as the parent's unit (a district's phòng VHTT → the commune's VH-TT officer). */
    private static String counterpart(String unitCode, OrgUnit parent, OrgUnit child) {
        if (child.hasUnit(unitCode)) {
            return unitCode;
        }
        return parent.units().stream().filter(u -> u.code().equals(unitCode)).findFirst()
                .flatMap(u -> child.units().stream().filter(c -> c.kind().equals(u.kind())).findFirst())
                .map(OrgUnit.Unit::code)
                .orElse(unitCode);
    }

    private static String derivedTitle(String title, OrgUnit parent, OrgUnit child) {
        String from = lowerFirst(parent.name());
        if (title != null && title.contains(from)) {
            return title.replace(from, lowerFirst(child.name()));
        }
        return "Kế hoạch thực hiện " + (title == null ? "" : lowerFirst(title)) + " tại " + lowerFirst(child.name());
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "" : s.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + s.substring(1);
    }

    private RuntimeException duplicate(String number, OrgUnit unit, int year) {
        return Problems.conflict("duplicate-document-number",
                "Number " + number + " is already used by " + unit.issuerName() + " in " + year);
    }

    private PlanView view(PlanRecord p) {
        OrgUnit unit = orgUnit(p);
        return new PlanView(p.id(), p.orgUnit(), unit.name(), unit.level(), p.orgUnitPath(), p.year(), p.status(),
                p.version(), p.documentNumber(), p.issuedOn(), p.issuerName() != null ? p.issuerName() : unit.issuerName(),
                unit.parentBodyName(), unit.placeName(), implementsDocumentNumber(p), p.content(),
                p.content().budgetTotalVnd(), p.createdAt(), p.createdBy(), p.updatedAt(), p.updatedBy(),
                p.closedAt(), p.closedBy(), p.etag());
    }
}
