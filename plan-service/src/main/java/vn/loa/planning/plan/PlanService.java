package vn.loa.planning.plan;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.messaging.EventPublisher;
import vn.loa.planning.access.AccessPolicy;
import vn.loa.planning.numbering.DocumentNumber;
import vn.loa.planning.numbering.DocumentNumberAllocator;
import vn.loa.planning.orgunit.OrgUnitView;
import vn.loa.planning.orgunit.OrgUnits;
import vn.loa.planning.plan.PlanContent.Target;
import vn.loa.support.web.IfMatch;
import vn.loa.planning.web.PlainText;
import vn.loa.common.problem.ProblemCode;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Plans from draft to issued and closed, with amendments, derivation and adoption. Each change loads
 * one {@link Plan} aggregate, checks the caller (the {@link AccessPolicy}) and If-Match against its
 * {@code @Version}, changes it, appends its history and writes its event to the outbox — all in one
 * JPA transaction. Reads go through {@link PlanQueries}.
 */
@Service
public class PlanService {

    private static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final PlanRepository plans;
    private final PlanVersionRepository versions;
    private final PlanQueries queries;
    private final OrgUnits orgUnits;
    private final DocumentNumberAllocator numbers;
    private final EventPublisher events;
    private final AccessPolicy access;
    private final Clock clock;

    PlanService(PlanRepository plans, PlanVersionRepository versions, PlanQueries queries, OrgUnits orgUnits,
                DocumentNumberAllocator numbers, EventPublisher events, AccessPolicy access, Clock clock) {
        this.plans = plans;
        this.versions = versions;
        this.queries = queries;
        this.orgUnits = orgUnits;
        this.numbers = numbers;
        this.events = events;
        this.access = access;
        this.clock = clock;
    }

    // --- reads ---

    @Transactional(readOnly = true)
    public PlanView get(CurrentUser user, UUID id) {
        access.requireReader(user);
        PlanView plan = queries.view(id).orElseThrow(() -> Problems.planNotFound(id));
        access.requireReadable(user, plan.orgUnit(), Problems.plan(id));
        return plan;
    }

    @Transactional(readOnly = true)
    public boolean exists(UUID id) {
        return plans.existsById(id);
    }

    record Page(List<PlanView> items, long total) {
    }

    @Transactional(readOnly = true)
    Page list(CurrentUser user, String orgUnit, Integer year, PlanStatus status, int page, int size) {
        access.requireReader(user);
        String scope = user.orgUnit();
        if (scope == null) {
            return new Page(List.of(), 0);
        }
        var filter = new PlanQueries.Filter(orgUnit, year, status, scope);
        return new Page(queries.list(filter, page, size), queries.count(filter));
    }

    @Transactional(readOnly = true)
    List<VersionSummary> versions(CurrentUser user, UUID id) {
        readable(user, id);
        return versions.findByKeyPlanIdOrderByKeyVersion(id).stream().map(PlanVersion::summary).toList();
    }

    @Transactional(readOnly = true)
    VersionView version(CurrentUser user, UUID id, int n) {
        readable(user, id);
        return versions.findByKey(new PlanVersion.Key(id, n)).map(PlanVersion::view)
                .orElseThrow(() -> Problems.versionNotFound(id, n));
    }

    // --- changes ---

    @Transactional
    public PlanView create(CurrentUser user, PlanRequest request) {
        return create(user, UUID.randomUUID(), request);
    }

    /** Creates a draft with a given id (demo data uses fixed ids that other services refer to). */
    @Transactional
    public PlanView create(CurrentUser user, UUID id, PlanRequest request) {
        access.requireWriter(user);
        OrgUnitView unit = orgUnits.find(request.orgUnit())
                .filter(u -> access.covers(user, u.code()))
                // outside the caller's scope: as if the org unit did not exist
                .orElseThrow(() -> Problems.unknownOrgUnit(request.orgUnit()));
        if (unit.isClosed()) {
            throw unit.successorCode() == null
                    ? ApiException.of(ProblemCode.ORG_UNIT_CLOSED, "plan", unit.name(), String.valueOf(unit.closedOn()))
                    : ApiException.of(ProblemCode.ORG_UNIT_CLOSED, "plan-successor", unit.name(), String.valueOf(unit.closedOn()),
                            unit.successorCode());
        }
        requirePlainText(request);
        PlanContent content = Nfc.normalize(request.toContent());
        checkDraft(content, unit);
        Instant now = clock.instant();
        plans.save(Plan.draft(id, unit.code(), request.year(), content, now, user.username()));
        plans.flush();
        return queries.view(id).orElseThrow();
    }

    @Transactional
    public PlanView update(CurrentUser user, UUID id, IfMatch ifMatch, PlanRequest request) {
        Plan p = writable(user, id, ifMatch);
        if (!p.status().isEditable()) {
            throw ApiException.of(ProblemCode.PLAN_NOT_EDITABLE, "status", id.toString(), p.status().name());
        }
        if (!p.orgUnit().equals(request.orgUnit())) {
            throw Problems.validation("orgUnit", "field.plan.org-unit-fixed", p.orgUnit());
        }
        OrgUnitView unit = orgUnit(p);
        requirePlainText(request);
        PlanContent content = Nfc.normalize(request.toContent());
        checkDraft(content, unit);
        p.edit(request.year(), content, clock.instant(), user.username());
        plans.flush();
        return queries.view(id).orElseThrow();
    }

    @Transactional
    public PlanView issue(CurrentUser user, UUID id, IfMatch ifMatch, IssueRequest request) {
        Plan p = writable(user, id, ifMatch);
        if (!p.status().canIssue()) {
            throw ApiException.of(ProblemCode.INVALID_TRANSITION, "plan-issue", id.toString(), p.status().name());
        }
        OrgUnitView unit = orgUnit(p);
        List<Violation> violations = new ArrayList<>(PlanRules.checkIssuable(p.content(), unitCodes(unit)));
        implementedPlanViolation(p.content(), unit).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw Problems.incomplete(violations);
        }
        int docYear = request.issuedOn().getYear();
        String number;
        if (request.documentNumber() != null && !request.documentNumber().isBlank()) {
            DocumentNumber given = DocumentNumber.parse(request.documentNumber()).orElseThrow(() ->
                    Problems.validation("documentNumber", "field.plan.document-number", unit.abbreviation()));
            // canonical form: "5/KH-UBND" is "05/KH-UBND", so that the duplicate check sees it
            number = given.format();
            if (numberTaken(unit.code(), docYear, number, id)) {
                throw duplicate(number, unit, docYear);
            }
            if (given.kind().equals(DocumentNumber.PLAN) && given.issuerAbbreviation().equals(unit.abbreviation())) {
                numbers.reserve(unit.code(), docYear, given);
            }
        } else {
            number = numbers.next(unit.code(), unit.abbreviation(), docYear, n -> numberTaken(unit.code(), docYear, n, id)).format();
        }
        Instant now = clock.instant();
        p.issue(number, request.issuedOn(), unit.issuerName(), now, user.username());
        try {
            plans.flush();
        } catch (DataIntegrityViolationException e) {
            // the unique index on (org unit, year, number): a concurrent issue took the number given by hand
            throw duplicate(number, unit, docYear);
        }
        versions.save(PlanVersion.of(p, "ISSUED", null, now, user.username()));
        events.publish(id.toString(), id.toString(), PlanEvents.issued(p, unit, implementsDocumentNumber(p)));
        return queries.view(id).orElseThrow();
    }

    @Transactional
    PlanView amend(CurrentUser user, UUID id, IfMatch ifMatch, AmendmentRequest request) {
        Plan p = writable(user, id, ifMatch);
        if (!p.status().canAmend()) {
            throw ApiException.of(ProblemCode.INVALID_TRANSITION, "plan-amend", id.toString(), p.status().name());
        }
        OrgUnitView unit = orgUnit(p);
        requirePlainText(request);
        PlanContent content = Nfc.normalize(request.applyTo(p.content()));
        List<Violation> violations = PlanRules.checkIssuable(content, unitCodes(unit));
        if (!violations.isEmpty()) {
            throw Problems.incomplete(violations);
        }
        Instant now = clock.instant();
        p.amend(content, now, user.username());
        plans.flush();
        versions.save(PlanVersion.of(p, "AMENDMENT", request.reason(), now, user.username()));
        events.publish(id.toString(), id.toString(),
                PlanEvents.amended(p, unit, implementsDocumentNumber(p), request.reason(), now, clock));
        return queries.view(id).orElseThrow();
    }

    @Transactional
    PlanView close(CurrentUser user, UUID id, IfMatch ifMatch) {
        Plan p = writable(user, id, ifMatch);
        if (!p.status().canClose()) {
            throw ApiException.of(ProblemCode.INVALID_TRANSITION, "plan-close", id.toString(), p.status().name());
        }
        Instant now = clock.instant();
        p.close(now, user.username());
        plans.flush();
        events.publish(id.toString(), id.toString(), PlanEvents.closed(p, orgUnit(p), now, clock));
        return queries.view(id).orElseThrow();
    }

    /** A draft for a child org unit implementing this plan, pre-filled from it, targets linked to their parent. */
    @Transactional
    public PlanView derive(CurrentUser user, UUID id, DeriveRequest request) {
        return derive(user, id, UUID.randomUUID(), request);
    }

    @Transactional
    public PlanView derive(CurrentUser user, UUID id, UUID newId, DeriveRequest request) {
        access.requireWriter(user);
        Plan parent = readable(user, id);
        OrgUnitView child = orgUnits.find(request.orgUnit())
                .orElseThrow(() -> Problems.unknownOrgUnit(request.orgUnit()));
        if (!parent.orgUnit().equals(child.parentCode())) {
            throw Problems.validation("orgUnit", "field.plan.not-a-child", child.code(), parent.orgUnit());
        }
        if (!access.covers(user, child.code())) {
            throw Problems.unknownOrgUnit(request.orgUnit());
        }
        if (parent.status() != PlanStatus.ISSUED) {
            // 422 plan-not-issued, as activity-service answers for the same code (one status per code, API.md)
            throw ApiException.of(ProblemCode.PLAN_NOT_ISSUED, "derive", id.toString(), parent.status().name());
        }
        boolean exists = queries.implementing(id).stream()
                .anyMatch(x -> x.orgUnit().equals(child.code()) && x.status() != PlanStatus.CLOSED);
        if (exists) {
            throw ApiException.of(ProblemCode.PLAN_EXISTS, "implementing", child.name(), String.valueOf(parent.documentNumber()));
        }
        OrgUnitView parentUnit = orgUnit(parent);
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
        PlanRequest r = new PlanRequest(child.code(), parent.year(), derivedTitle(pc.title(), parentUnit, child), id, preamble,
                pc.legalBases(), pc.purposes(), pc.requirements(), targets, pc.topics(), pc.channels(), pc.forms(), List.of(),
                null, assignments, pc.assignmentsNote(), List.of(), null);
        return create(user, newId, r);
    }

    @Transactional(readOnly = true)
    AdoptionView adoption(CurrentUser user, UUID id) {
        Plan parent = readable(user, id);
        List<String> parentCodes = parent.content().targets().stream().map(Target::code).toList();
        List<PlanQueries.Implementing> implementing = queries.implementing(id);
        List<AdoptionView.Child> children = new ArrayList<>();
        int issued = 0;
        for (OrgUnitView child : orgUnits.children(parent.orgUnit())) {
            Optional<PlanQueries.Implementing> best = implementing.stream()
                    .filter(x -> x.orgUnit().equals(child.code()))
                    .min(Comparator.comparingInt((PlanQueries.Implementing x) -> rank(x.status()))
                            .thenComparing(PlanQueries.Implementing::updatedAt, Comparator.reverseOrder()));
            if (best.isEmpty()) {
                children.add(new AdoptionView.Child(child.code(), child.name(), null, List.of(), List.of()));
                continue;
            }
            PlanQueries.Implementing b = best.get();
            if (b.status() != PlanStatus.DRAFT) {
                issued++;
            }
            Set<String> adoptedSet = Set.copyOf(b.adoptedTargetCodes());
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

    private Plan readable(CurrentUser user, UUID id) {
        access.requireReader(user);
        Plan p = plans.findById(id).orElseThrow(() -> Problems.planNotFound(id));
        access.requireReadable(user, p.orgUnit(), Problems.plan(id));
        return p;
    }

    /**
     * A reader's role (403, before anything is looked up), then scope (404) before the officer's role (403) before the
     * precondition (428/412): a refusal never tells that a plan exists.
     */
    private Plan writable(CurrentUser user, UUID id, IfMatch ifMatch) {
        access.requireReader(user);
        Plan p = plans.findById(id).orElseThrow(() -> Problems.planNotFound(id));
        access.requireWritable(user, p.orgUnit(), Problems.plan(id));
        ifMatch.check(p.rowVersion(), Problems.plan(id));
        return p;
    }

    private boolean numberTaken(String orgUnit, int year, String number, UUID except) {
        return plans.existsByOrgUnitAndDocumentYearAndDocumentNumberAndIdNot(orgUnit, year, number, except);
    }

    private OrgUnitView orgUnit(Plan p) {
        return orgUnits.find(p.orgUnit()).orElseThrow();
    }

    private static Set<String> unitCodes(OrgUnitView unit) {
        return unit.units().stream().map(OrgUnitView.Unit::code).collect(Collectors.toSet());
    }

    /** No control characters in any text of the request (400 naming each field). */
    private static void requirePlainText(Record request) {
        List<Violation> violations = PlainText.controlCharacters(request, "").stream()
                .map(e -> new Violation(e.field(), e.message())).toList();
        if (!violations.isEmpty()) {
            throw Problems.validation(violations);
        }
    }

    private void checkDraft(PlanContent content, OrgUnitView unit) {
        List<Violation> violations = new ArrayList<>(PlanRules.checkConsistency(content));
        implementedPlanViolation(content, unit).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw Problems.validation(violations);
        }
    }

    /** The implemented plan must exist and belong to an org unit above this one (on its current path). */
    private Optional<Violation> implementedPlanViolation(PlanContent content, OrgUnitView unit) {
        if (content.implementsPlanId() == null) {
            return Optional.empty();
        }
        Optional<Plan> implemented = plans.findById(content.implementsPlanId());
        if (implemented.isEmpty() || implemented.get().orgUnit().equals(unit.code())
                || !unit.path().contains(implemented.get().orgUnit())) {
            return Optional.of(new Violation("implementsPlanId", "field.plan.implements", content.implementsPlanId().toString(), unit.code()));
        }
        return Optional.empty();
    }

    private String implementsDocumentNumber(Plan p) {
        UUID parent = p.content().implementsPlanId();
        return parent == null ? null : plans.findById(parent).map(Plan::documentNumber).orElse(null);
    }

    /** The child's unit of the same kind as the parent's unit (a district's phòng VHTT → the commune's VH-TT officer). */
    private static String counterpart(String unitCode, OrgUnitView parent, OrgUnitView child) {
        if (child.hasUnit(unitCode)) {
            return unitCode;
        }
        return parent.units().stream().filter(u -> u.code().equals(unitCode)).findFirst()
                .flatMap(u -> child.units().stream().filter(c -> c.kind().equals(u.kind())).findFirst())
                .map(OrgUnitView.Unit::code)
                .orElse(unitCode);
    }

    private static String derivedTitle(String title, OrgUnitView parent, OrgUnitView child) {
        String from = lowerFirst(parent.name());
        if (title != null && title.contains(from)) {
            return title.replace(from, lowerFirst(child.name()));
        }
        return "Kế hoạch thực hiện " + (title == null ? "" : lowerFirst(title)) + " tại " + lowerFirst(child.name());
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "" : s.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + s.substring(1);
    }

    private ApiException duplicate(String number, OrgUnitView unit, int year) {
        return ApiException.of(ProblemCode.DUPLICATE_DOCUMENT_NUMBER, "number", number, unit.issuerName(), String.valueOf(year));
    }
}
