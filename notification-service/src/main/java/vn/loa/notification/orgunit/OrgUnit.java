package vn.loa.notification.orgunit;

import java.util.List;
import java.util.Optional;

/** Our copy of an org unit (from org-unit-registered), with the units inside it (offices, phòng). */
public record OrgUnit(String code, String name, String level, String parentCode, List<String> path,
                      List<Unit> units) {

    /** A unit inside an org unit: a commune office or a district phòng. */
    public record Unit(String code, String name) {
    }

    public OrgUnit {
        path = path == null ? List.of() : List.copyOf(path);
        units = units == null ? List.of() : List.copyOf(units);
    }

    public Optional<String> unitName(String unitCode) {
        return units.stream().filter(u -> u.code().equals(unitCode)).map(Unit::name).findFirst();
    }
}
