package vn.loa.reporting.orgunit;

import java.util.List;

/** An org unit of our copy of the tree; {@code path} runs from the root to the unit itself. */
public record OrgUnit(String code, String name, String level, String parentCode, List<String> path,
                      List<Unit> units) {

    public record Unit(String code, String name) {
    }

    /** The district above this unit (the path's element before a commune), or the unit itself. */
    public String districtCode() {
        return path.size() >= 2 ? path.get(path.size() - 2) : code;
    }

    public String unitName(String unitCode) {
        return units.stream().filter(u -> u.code().equals(unitCode)).map(Unit::name).findFirst().orElse(null);
    }
}
