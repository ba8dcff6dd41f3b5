package vn.loa.planning.orgunit;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The org-unit aggregate: a node of the administrative tree with its offices and organisations
 * ({@link Member}). Other units are referenced by code (parent, successor), never by association, so
 * that loading a commune never loads the tree. {@code path} is the unit's materialized path; when a
 * unit moves, the paths below it are rewritten set-based (see {@link OrgTreeQueries}), each of those
 * rows getting a new version too.
 */
@Entity
@Table(name = "org_unit")
class OrgUnit {

    @Id
    private String code;

    private String name;

    @Column(name = "level_code")
    private String level;

    private String parentCode;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> path;

    private String abbreviation;

    private String issuerName;

    private String parentBodyName;

    private String placeName;

    @ElementCollection
    @CollectionTable(name = "org_unit_member", joinColumns = @JoinColumn(name = "org_unit_code"))
    @OrderColumn(name = "position")
    private List<Member> units = new ArrayList<>();

    private LocalDate establishedOn;

    private LocalDate closedOn;

    private String successorCode;

    private Instant updatedAt;

    /** A wrapper, so that Spring Data tells a new unit (null) from a stored one and persists without a select. */
    @Version
    private Long version;

    protected OrgUnit() {
        // for JPA
    }

    /** An office or organisation of the unit (a commune's Văn hóa – Thông tin, a district's phòng). */
    @Embeddable
    record Member(String code, String name, String kind) {
    }

    /** What an operator registers about a unit (everything but its place in the tree). */
    record Details(String name, String level, String abbreviation, String issuerName, String parentBodyName,
                   String placeName, List<Member> units) {
        Details {
            units = units == null ? List.of() : List.copyOf(units);
        }
    }

    static OrgUnit create(String code, String parentCode, List<String> path, Details details, LocalDate establishedOn, Instant at) {
        OrgUnit unit = new OrgUnit();
        unit.code = code;
        unit.parentCode = parentCode;
        unit.path = List.copyOf(path);
        unit.apply(details);
        unit.establishedOn = establishedOn;
        unit.updatedAt = at;
        return unit;
    }

    /** Applies the details; false (and nothing written) when they are what the unit already has. */
    boolean change(Details details, Instant at) {
        if (details().equals(details)) {
            return false;
        }
        apply(details);
        updatedAt = at;
        return true;
    }

    void moveUnder(String newParentCode, List<String> newPath, Instant at) {
        requireActive();
        parentCode = newParentCode;
        path = List.copyOf(newPath);
        updatedAt = at;
    }

    void close(LocalDate on, String successor, Instant at) {
        requireActive();
        closedOn = Objects.requireNonNull(on);
        successorCode = successor;
        updatedAt = at;
    }

    private void requireActive() {
        if (isClosed()) {
            throw new IllegalStateException("org unit " + code + " is closed");
        }
    }

    private void apply(Details d) {
        name = d.name();
        level = d.level();
        abbreviation = d.abbreviation();
        issuerName = d.issuerName();
        parentBodyName = d.parentBodyName();
        placeName = d.placeName();
        if (!units.equals(d.units())) {
            // a new list: Hibernate deletes the old rows before it inserts the new ones (no clash on the key)
            units = new ArrayList<>(d.units());
        }
    }

    Details details() {
        return new Details(name, level, abbreviation, issuerName, parentBodyName, placeName, List.copyOf(units));
    }

    boolean isClosed() {
        return closedOn != null;
    }

    String code() {
        return code;
    }

    String name() {
        return name;
    }

    String level() {
        return level;
    }

    String parentCode() {
        return parentCode;
    }

    List<String> path() {
        return path;
    }

    String successorCode() {
        return successorCode;
    }

    long version() {
        return version == null ? 0 : version;
    }

    OrgUnitView view(List<String> predecessorCodes) {
        return new OrgUnitView(code, name, level, parentCode, path, abbreviation, issuerName, parentBodyName, placeName,
                units.stream().map(m -> new OrgUnitView.Unit(m.code(), m.name(), m.kind())).toList(),
                isClosed() ? OrgUnitView.Status.CLOSED : OrgUnitView.Status.ACTIVE, establishedOn, closedOn, successorCode,
                predecessorCodes, version());
    }
}
