package vn.loa.reporting.orgunit;

import java.time.LocalDate;
import java.util.List;

/**
 * An org unit of our copy of the tree; {@code path} runs from the root to the unit itself.
 * {@code abbreviation} ends its document numbers ({@code NN/BC-UBND}), {@code issuerName} ("UBND xã Liên Minh")
 * and {@code parentBodyName} ("UBND huyện Đức Thọ") head its documents. After the 2025 reform a unit may have
 * been made by a merger ({@code establishedOn}) or closed ({@code closedOn}, with the {@code successorCode}
 * its history counts for). {@code hadChildren}: others report (or reported) to it; the units that report to
 * no one below them are the reporting units (communes in 2022).
 */
public record OrgUnit(String code, String name, String level, String parentCode, List<String> path,
                      List<Unit> units, String abbreviation, String issuerName, String parentBodyName,
                      LocalDate establishedOn, LocalDate closedOn, String successorCode, boolean hadChildren) {

    public record Unit(String code, String name) {
    }

    /** A unit as the first copies of the tree knew it (tests). */
    public OrgUnit(String code, String name, String level, String parentCode, List<String> path, List<Unit> units) {
        this(code, name, level, parentCode, path, units, null, null, null, null, null, null, false);
    }

    /** The district above this unit (the path's element before a commune), or the unit itself. */
    public String districtCode() {
        return path.size() >= 2 ? path.get(path.size() - 2) : code;
    }

    public String unitName(String unitCode) {
        return units.stream().filter(u -> u.code().equals(unitCode)).map(Unit::name).findFirst().orElse(null);
    }

    /** Whether the unit existed on {@code day}: established by then (or always), not yet closed. */
    public boolean existsOn(LocalDate day) {
        return (establishedOn == null || !establishedOn.isAfter(day)) && (closedOn == null || closedOn.isAfter(day));
    }

    /** Whether the unit existed at some time between the two days (inclusive). */
    public boolean existsDuring(LocalDate from, LocalDate to) {
        return (establishedOn == null || !establishedOn.isAfter(to)) && (closedOn == null || closedOn.isAfter(from));
    }

    public boolean closed() {
        return closedOn != null;
    }

    /** "UBND" unless plan-service named another abbreviation. */
    public String abbreviationOrDefault() {
        return abbreviation == null || abbreviation.isBlank() ? "UBND" : abbreviation;
    }
}
