package vn.loa.notification.orgunit;

import vn.loa.notification.events.UnitRef;

import java.util.List;
import java.util.Optional;

/** Our copy of an org unit, from org-unit-registered. */
public record OrgUnit(String code, String name, String level, String parentCode, List<String> path,
                      List<UnitRef> units) {

    public OrgUnit {
        path = path == null ? List.of() : List.copyOf(path);
        units = units == null ? List.of() : List.copyOf(units);
    }

    public Optional<String> unitName(String unitCode) {
        return units.stream().filter(u -> u.code().equals(unitCode)).map(UnitRef::name).findFirst();
    }
}
