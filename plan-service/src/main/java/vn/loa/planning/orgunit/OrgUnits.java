package vn.loa.planning.orgunit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.messaging.EventPublisher;
import vn.loa.planning.events.OrgUnitRegistered;
import vn.loa.support.web.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The org-unit registry: looks units up and registers them, publishing {@code org-unit-registered} on every change. */
@Service
public class OrgUnits {

    private final OrgUnitRepository repository;
    private final EventPublisher events;

    OrgUnits(OrgUnitRepository repository, EventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Optional<OrgUnit> find(String code) {
        return code == null ? Optional.empty() : repository.find(code);
    }

    @Transactional(readOnly = true)
    public List<OrgUnit> children(String code) {
        return repository.children(code);
    }

    @Transactional
    public void defineLevel(String code, String name, int rank) {
        repository.upsertLevel(code, name, rank);
    }

    /**
     * Creates or changes an org unit; its path is computed from its parent's. Publishes
     * {@code org-unit-registered} when something changed, so calling it again with the same data
     * (demo data at every start) publishes nothing.
     *
     * @return true if the unit was created or changed
     */
    @Transactional
    public boolean register(Registration r) {
        if (!repository.levelExists(r.level())) {
            throw ApiException.unprocessable("unknown-level", "Unknown level " + r.level());
        }
        List<String> path = new ArrayList<>();
        if (r.parentCode() != null) {
            OrgUnit parent = repository.find(r.parentCode())
                    .orElseThrow(() -> ApiException.unprocessable("unknown-org-unit", "Unknown parent org unit " + r.parentCode()));
            if (parent.path().contains(r.code())) {
                throw ApiException.validation("parentCode", "an org unit cannot be under itself");
            }
            path.addAll(parent.path());
        }
        path.add(r.code());
        OrgUnit unit = new OrgUnit(r.code(), r.name(), r.level(), r.parentCode(), path, r.abbreviation(),
                r.issuerName(), r.parentBodyName(), r.placeName(), r.units());
        Optional<OrgUnit> existing = repository.find(r.code());
        if (existing.isPresent() && existing.get().equals(unit)) {
            return false;
        }
        if (existing.isPresent() && !existing.get().path().equals(path) && !repository.children(r.code()).isEmpty()) {
            // the paths below would go stale (plans and other services scope by path)
            throw ApiException.conflict("org-unit-has-children", "Org unit " + r.code() + " has children and cannot move");
        }
        Set<String> unitCodes = new HashSet<>();
        for (OrgUnit.Unit u : r.units()) {
            if (!unitCodes.add(u.code())) {
                throw ApiException.validation("units", "duplicate unit code " + u.code());
            }
        }
        repository.save(unit);
        events.publish(unit.code(), unit.code(), toEvent(unit));
        return true;
    }

    static OrgUnitRegistered toEvent(OrgUnit u) {
        return new OrgUnitRegistered(u.code(), u.name(), u.level(), u.parentCode(), u.path(),
                u.units().stream().map(x -> new OrgUnitRegistered.Unit(x.code(), x.name(), x.kind())).toList(),
                u.abbreviation(), u.issuerName(), u.parentBodyName());
    }

    /** What registers an org unit. */
    public record Registration(String code, String name, String level, String parentCode, String abbreviation,
                               String issuerName, String parentBodyName, String placeName, List<OrgUnit.Unit> units) {
        public Registration {
            Objects.requireNonNull(code);
            Objects.requireNonNull(name);
            Objects.requireNonNull(level);
            units = units == null ? List.of() : List.copyOf(units);
        }
    }
}
