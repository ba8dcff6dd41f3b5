package vn.loa.planning.orgunit;

import java.util.List;

/**
 * A node of the administrative hierarchy. {@code level} is data ({@code PROVINCE}, {@code DISTRICT},
 * {@code COMMUNE}, …); {@code path} lists the codes from the root to this unit. {@code abbreviation}
 * ends its document numbers ({@code NN/KH-UBND}); {@code issuerName} ("UBND xã Liên Minh") and
 * {@code parentBodyName} ("UBND huyện Đức Thọ") head its documents.
 */
public record OrgUnit(
        String code,
        String name,
        String level,
        String parentCode,
        List<String> path,
        String abbreviation,
        String issuerName,
        String parentBodyName,
        String placeName,
        List<Unit> units) {

    public OrgUnit {
        path = List.copyOf(path);
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** An office or organisation of the org unit; {@code kind} is its field (used to map a district's phòng to a commune's office). */
    public record Unit(String code, String name, String kind) {
    }

    public boolean hasUnit(String unitCode) {
        return units.stream().anyMatch(u -> u.code().equals(unitCode));
    }

    public String unitName(String unitCode) {
        return units.stream().filter(u -> u.code().equals(unitCode)).map(Unit::name).findFirst().orElse(unitCode);
    }
}
