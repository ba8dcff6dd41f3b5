package vn.loa.planning.orgunit;

import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.messaging.EventPublisher;
import vn.loa.planning.access.OrgTree;
import vn.loa.planning.events.OrgUnitClosed;
import vn.loa.planning.events.OrgUnitMoved;
import vn.loa.planning.events.OrgUnitRegistered;
import vn.loa.planning.events.OrgUnitsMerged;
import vn.loa.support.web.IfMatch;
import vn.loa.planning.web.PlainText;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The org tree: looks units up, and changes it — register, move (with the subtree), close, merge —
 * publishing what changed. Every unit whose state changes, its path included, gets an
 * {@code org-unit-registered} with its whole state (so a consumer that only upserts units stays right);
 * moves, closures and mergers also publish {@code org-unit-moved}, {@code org-unit-closed} and
 * {@code org-units-merged}, the structural facts.
 *
 * <p>Changes of the tree's shape take a transaction-scoped advisory lock, so that two of them (or a
 * registration under a unit being moved) never compute paths from each other's stale state. They are
 * operator actions, a few a year; the lock costs nothing that matters.
 *
 * <p>A move or a merger changes more than one aggregate in one transaction, against the rule of thumb:
 * materialized paths must be consistent at every commit, or scope checks would be wrong in between. The
 * moved unit is changed through JPA (its {@code @Version} checked against If-Match); the paths below it
 * are derived data, rewritten set-based, each row getting a new version.
 */
@Service
public class OrgUnits implements OrgTree {

    /** Deepest tree accepted (Vietnam has had at most province → district → commune; hamlets are not units). */
    public static final int MAX_DEPTH = 8;
    /** Most units moved at once: bounds org-unit-moved (descendants with their paths) well under 1 MiB. */
    public static final int MAX_SUBTREE = 1000;

    private final OrgUnitRepository repository;
    private final EventPublisher events;
    private final EntityManager entityManager;
    private final Clock clock;

    OrgUnits(OrgUnitRepository repository, EventPublisher events, EntityManager entityManager, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    // --- reads ---

    @Transactional(readOnly = true)
    public Optional<OrgUnitView> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return repository.findById(code).map(u -> u.view(repository.predecessors(List.of(code)).getOrDefault(code, List.of())));
    }

    /** The units whose parent is {@code code}, closed ones included (they keep their history). */
    @Transactional(readOnly = true)
    public List<OrgUnitView> children(String code) {
        return views(repository.findByParentCodeOrderByCode(code));
    }

    @Override
    @Transactional(readOnly = true)
    public List<List<String>> scopePaths(String unitCode) {
        return repository.scopePaths(unitCode);
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> pathOf(String unitCode) {
        return repository.findById(unitCode).map(OrgUnit::path).map(List::copyOf).orElse(List.of());
    }

    private List<OrgUnitView> views(List<OrgUnit> units) {
        Map<String, List<String>> predecessors = repository.predecessors(units.stream().map(OrgUnit::code).toList());
        return units.stream().map(u -> u.view(predecessors.getOrDefault(u.code(), List.of()))).toList();
    }

    // --- changes ---

    @Transactional
    public void defineLevel(String code, String name, int rank) {
        repository.upsertLevel(code, name, rank);
    }

    /** What registers an org unit. */
    public record Registration(String code, String name, String level, String parentCode, String abbreviation,
                               String issuerName, String parentBodyName, String placeName, List<OrgUnitView.Unit> units) {
        public Registration {
            Objects.requireNonNull(code);
            Objects.requireNonNull(name);
            Objects.requireNonNull(level);
            units = units == null ? List.of() : List.copyOf(units);
        }

        OrgUnit.Details details() {
            return new OrgUnit.Details(name, level, abbreviation, issuerName, parentBodyName, placeName,
                    units.stream().map(u -> new OrgUnit.Member(u.code(), u.name(), u.kind())).toList());
        }
    }

    /** How a registration ended: the unit as it is now, and whether it was created or changed. */
    public record Registered(OrgUnitView unit, boolean created, boolean changed) {
    }

    /** {@code POST /api/org-units}: a new unit; 409 {@code org-unit-exists} if the code is taken. */
    @Transactional
    public Registered create(Registration r, String by) {
        repository.lockTree();
        if (repository.existsById(r.code())) {
            throw ApiException.of(ProblemCode.ORG_UNIT_EXISTS, "create", r.code());
        }
        return register(r, IfMatch.ANY, by);
    }

    /**
     * Creates or changes a unit ({@code PUT /api/org-units/{code}}, demo data). A change of an existing unit
     * needs {@code ifMatch} (checked; missing: 428); the same data again changes and publishes nothing. A new parent moves a
     * unit that has no children (a unit with children moves with {@link #move}).
     */
    @Transactional
    public Registered register(Registration r, IfMatch ifMatch, String by) {
        repository.lockTree();
        checkText(r);
        checkUnitCodes(r.units());
        Optional<OrgUnit> existing = repository.findById(r.code());
        Instant now = clock.instant();
        if (existing.isEmpty()) {
            int rank = rank(r.level());
            OrgUnit parent = r.parentCode() == null ? null : activeParent(r.parentCode(), rank);
            OrgUnit unit = repository.save(OrgUnit.create(r.code(), r.parentCode(), pathUnder(parent, r.code()), r.details(), null, now));
            publishRegistered(unit);
            return new Registered(view(unit), true, true);
        }
        OrgUnit unit = existing.get();
        ifMatch.check(unit.version(), Text.of("object.org-unit", unit.code()));
        boolean moves = !Objects.equals(unit.parentCode(), r.parentCode());
        if (!moves && unit.details().equals(r.details())) {
            return new Registered(view(unit), false, false);
        }
        if (unit.isClosed()) {
            throw closed(unit);
        }
        int rank = rank(r.level());
        OrgUnit parent = r.parentCode() == null ? null : activeParent(r.parentCode(), rank);
        for (OrgUnit child : repository.findByParentCodeOrderByCode(unit.code())) {
            if (rank(child.level()) <= rank) {
                throw ApiException.of(ProblemCode.INVALID_PARENT_LEVEL, "children", r.code(), r.level(), child.code(), child.level());
            }
        }
        if (moves && (parent == null || repository.subtree(unit.code()).size() > 0)) {
            // the paths below would go stale (plans and other services scope by path): that is the move operation
            throw ApiException.of(ProblemCode.ORG_UNIT_HAS_CHILDREN, parent == null ? "root" : "move", r.code());
        }
        unit.change(r.details(), now);
        if (moves) {
            List<String> oldPath = List.copyOf(unit.path());
            String oldParent = unit.parentCode();
            unit.moveUnder(r.parentCode(), pathUnder(parent, r.code()), now);
            repository.flush();
            events.publish(unit.code(), unit.code(), new OrgUnitMoved(unit.code(), unit.name(), unit.level(), oldParent,
                    unit.parentCode(), oldPath, unit.path(), List.of(), null, by, at(now)));
        }
        repository.flush();
        publishRegistered(unit);
        return new Registered(view(unit), false, true);
    }

    /**
     * Re-parents a unit with everything below it ({@code POST /api/org-units/{code}/move}). The level above
     * is whatever the new parent is: a commune can move from a district to its province (the 2025 reform).
     */
    @Transactional
    public OrgUnitView move(String code, String newParentCode, LocalDate effectiveOn, IfMatch ifMatch, String by) {
        repository.lockTree();
        OrgUnit unit = repository.findById(code).orElseThrow(() -> notFound(code));
        ifMatch.check(unit.version(), Text.of("object.org-unit", code));
        if (unit.isClosed()) {
            throw closed(unit);
        }
        if (Objects.equals(unit.parentCode(), newParentCode)) {
            return view(unit);
        }
        OrgUnit parent = activeParent(newParentCode, rank(unit.level()));
        if (parent.path().contains(code)) {
            throw ApiException.invalid("newParent", "field.org-unit.move-under-itself");
        }
        moveWithSubtree(unit, parent, effectiveOn, by, clock.instant());
        return find(code).orElseThrow();
    }

    /**
     * Closes a unit from {@code closedOn}, optionally naming its successor ({@code POST …/close}). A unit
     * with active units below it is not closed: move or close them first.
     */
    @Transactional
    public OrgUnitView close(String code, LocalDate closedOn, String successorCode, IfMatch ifMatch, String by) {
        repository.lockTree();
        OrgUnit unit = repository.findById(code).orElseThrow(() -> notFound(code));
        ifMatch.check(unit.version(), Text.of("object.org-unit", code));
        if (unit.isClosed()) {
            throw closed(unit);
        }
        List<String> children = repository.activeChildren(code);
        if (!children.isEmpty()) {
            throw ApiException.of(ProblemCode.ORG_UNIT_HAS_CHILDREN, "close", code, String.join(", ", children));
        }
        OrgUnit successor = null;
        if (successorCode != null) {
            successor = repository.findById(successorCode)
                    .orElseThrow(() -> ApiException.of(ProblemCode.UNKNOWN_ORG_UNIT, "successor", successorCode));
            if (successor.path().contains(code)) {
                throw ApiException.invalid("successor", "field.org-unit.successor-below");
            }
            if (successor.isClosed()) {
                throw closed(successor);
            }
        }
        closeUnit(unit, closedOn, successor, by, clock.instant());
        return find(code).orElseThrow();
    }

    /** What merges units into a new one. */
    public record Merger(Registration unit, List<String> predecessors, LocalDate effectiveOn) {
        public Merger {
            predecessors = List.copyOf(predecessors);
        }
    }

    /**
     * Merges units into a new one ({@code POST /api/org-units/merge}): registers the new unit, moves the
     * predecessors' active children under it, closes the predecessors from {@code effectiveOn} with the
     * new unit as successor, and publishes {@code org-units-merged}. Predecessors are of the new unit's
     * rank (communes into a commune), active and distinct; none of them may be the new unit's parent.
     */
    @Transactional
    public OrgUnitView merge(Merger m, String by) {
        repository.lockTree();
        Registration r = m.unit();
        if (repository.existsById(r.code())) {
            throw ApiException.of(ProblemCode.ORG_UNIT_EXISTS, "merge", r.code());
        }
        checkText(r);
        checkUnitCodes(r.units());
        int rank = rank(r.level());
        if (new LinkedHashSet<>(m.predecessors()).size() != m.predecessors().size()) {
            throw ApiException.invalid("predecessors", "field.org-unit.predecessors-once");
        }
        OrgUnit parent = r.parentCode() == null ? null : activeParent(r.parentCode(), rank);
        List<OrgUnit> predecessors = new ArrayList<>();
        for (String code : m.predecessors()) {
            OrgUnit p = repository.findById(code)
                    .orElseThrow(() -> ApiException.of(ProblemCode.UNKNOWN_ORG_UNIT, "predecessor", code));
            if (p.isClosed()) {
                throw closed(p);
            }
            if (parent != null && parent.path().contains(code)) {
                throw ApiException.invalid("parentCode", "field.org-unit.under-predecessor", code);
            }
            if (rank(p.level()) != rank) {
                throw ApiException.of(ProblemCode.INVALID_MERGE, "rank", code, p.level(), r.level());
            }
            predecessors.add(p);
        }
        Instant now = clock.instant();
        OrgUnit merged = repository.save(OrgUnit.create(r.code(), r.parentCode(), pathUnder(parent, r.code()), r.details(),
                m.effectiveOn(), now));
        repository.flush();
        publishRegistered(merged);
        List<OrgUnitsMerged.Predecessor> described = new ArrayList<>();
        for (OrgUnit p : predecessors) {
            List<String> pathAtClosing = List.copyOf(p.path());
            List<String> moved = repository.activeChildren(p.code());
            for (String child : moved) {
                OrgUnit c = repository.findById(child).orElseThrow();
                moveWithSubtree(c, repository.findById(merged.code()).orElseThrow(), m.effectiveOn(), by, now);
            }
            OrgUnit current = repository.findById(p.code()).orElseThrow();
            closeUnit(current, m.effectiveOn(), repository.findById(merged.code()).orElseThrow(), by, now);
            described.add(new OrgUnitsMerged.Predecessor(p.code(), p.name(), p.level(), pathAtClosing, moved));
        }
        OrgUnit result = repository.findById(merged.code()).orElseThrow();
        events.publish(result.code(), result.code(), new OrgUnitsMerged(result.code(), result.name(), result.level(),
                result.parentCode(), result.path(), m.effectiveOn(), described, by, at(now)));
        return find(result.code()).orElseThrow();
    }

    // --- helpers ---

    private void moveWithSubtree(OrgUnit unit, OrgUnit parent, LocalDate effectiveOn, String by, Instant now) {
        OrgTreeQueries.Subtree below = repository.subtree(unit.code());
        if (below.size() + 1 > MAX_SUBTREE) {
            throw ApiException.of(ProblemCode.SUBTREE_TOO_LARGE, "move", unit.code(), (long) below.size(), (long) MAX_SUBTREE);
        }
        List<String> newPath = pathUnder(parent, unit.code());
        if (newPath.size() + below.depth() > MAX_DEPTH) {
            throw ApiException.of(ProblemCode.TREE_TOO_DEEP, "depth", (long) (newPath.size() + below.depth()), (long) MAX_DEPTH);
        }
        List<String> oldPath = List.copyOf(unit.path());
        String oldParent = unit.parentCode();
        unit.moveUnder(parent.code(), newPath, now);
        repository.flush();
        List<OrgTreeQueries.Rewritten> rewritten = repository.rewriteDescendantPaths(unit.code(), newPath);
        // the bulk update bypassed the persistence context: forget what it holds, read the units again
        entityManager.clear();
        events.publish(unit.code(), unit.code(), new OrgUnitMoved(unit.code(), unit.name(), unit.level(), oldParent,
                parent.code(), oldPath, newPath,
                rewritten.stream().map(d -> new OrgUnitMoved.Descendant(d.code(), d.parentCode(), d.path())).toList(),
                effectiveOn, by, at(now)));
        publishRegistered(repository.findById(unit.code()).orElseThrow());
        List<String> codes = rewritten.stream().map(OrgTreeQueries.Rewritten::code).toList();
        Map<String, OrgUnit> loaded = new java.util.HashMap<>();
        repository.findAllById(codes).forEach(u -> loaded.put(u.code(), u));
        codes.forEach(c -> publishRegistered(loaded.get(c)));
    }

    private void closeUnit(OrgUnit unit, LocalDate closedOn, OrgUnit successor, String by, Instant now) {
        unit.close(closedOn, successor == null ? null : successor.code(), now);
        repository.flush();
        events.publish(unit.code(), unit.code(), new OrgUnitClosed(unit.code(), unit.name(), unit.level(), unit.parentCode(),
                unit.path(), closedOn, successor == null ? null : successor.code(), successor == null ? null : successor.path(),
                by, at(now)));
        publishRegistered(unit);
    }

    private int rank(String level) {
        return repository.levelRank(level).orElseThrow(() -> ApiException.of(ProblemCode.UNKNOWN_LEVEL, "level", level));
    }

    /** The parent must exist, be active and be of a higher level (a smaller rank) than the unit. */
    private OrgUnit activeParent(String parentCode, int childRank) {
        OrgUnit parent = repository.findById(parentCode)
                .orElseThrow(() -> ApiException.of(ProblemCode.UNKNOWN_ORG_UNIT, "parent", parentCode));
        if (parent.isClosed()) {
            throw closed(parent);
        }
        if (rank(parent.level()) >= childRank) {
            throw ApiException.of(ProblemCode.INVALID_PARENT_LEVEL, "parent", parent.level(), parentCode);
        }
        return parent;
    }

    private static List<String> pathUnder(OrgUnit parent, String code) {
        List<String> path = new ArrayList<>(parent == null ? List.of() : parent.path());
        if (path.contains(code)) {
            throw ApiException.invalid("parentCode", "field.org-unit.under-itself");
        }
        path.add(code);
        if (path.size() > MAX_DEPTH) {
            throw ApiException.of(ProblemCode.TREE_TOO_DEEP, "depth", (long) path.size(), (long) MAX_DEPTH);
        }
        return path;
    }

    private static void checkText(Registration r) {
        var errors = PlainText.controlCharacters(r, "");
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static void checkUnitCodes(Collection<OrgUnitView.Unit> units) {
        Set<String> codes = new HashSet<>();
        for (OrgUnitView.Unit u : units) {
            if (!codes.add(u.code())) {
                throw ApiException.invalid("units", "field.org-unit.duplicate-unit", u.code());
            }
        }
    }

    private void publishRegistered(OrgUnit u) {
        OrgUnitView v = u.view(List.of());
        events.publish(v.code(), v.code(), new OrgUnitRegistered(v.code(), v.name(), v.level(), v.parentCode(), v.path(),
                v.units().stream().map(x -> new OrgUnitRegistered.Unit(x.code(), x.name(), x.kind())).toList(),
                v.abbreviation(), v.issuerName(), v.parentBodyName(), v.establishedOn(), v.closedOn(), v.successorCode()));
    }

    private OrgUnitView view(OrgUnit unit) {
        return unit.view(repository.predecessors(List.of(unit.code())).getOrDefault(unit.code(), List.of()));
    }

    private OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, clock.getZone());
    }

    private static ApiException notFound(String code) {
        return ApiException.of(ProblemCode.NOT_FOUND, "object", Text.of("object.org-unit", code));
    }

    private static ApiException closed(OrgUnit unit) {
        String closedOn = String.valueOf(unit.view(List.of()).closedOn());
        return unit.successorCode() == null ? ApiException.of(ProblemCode.ORG_UNIT_CLOSED, "unit", unit.code(), closedOn)
                : ApiException.of(ProblemCode.ORG_UNIT_CLOSED, "unit-successor", unit.code(), closedOn, unit.successorCode());
    }
}
