package vn.loa.planning.orgunit;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.LocalDate;
import java.util.List;

/**
 * An org unit as it is now (a read snapshot of the {@link OrgUnit} aggregate, for the API and the
 * other features). {@code level} is data ({@code PROVINCE}, {@code DISTRICT}, {@code COMMUNE}, …);
 * {@code path} lists the codes from the root to this unit. {@code abbreviation} ends its document
 * numbers ({@code NN/KH-UBND}); {@code issuerName} ("UBND xã Liên Minh") and {@code parentBodyName}
 * ("UBND huyện Đức Thọ") head its documents. A closed unit has {@code closedOn} and usually a
 * {@code successorCode}; a unit made by a merger has {@code establishedOn} and {@code predecessorCodes}.
 */
public record OrgUnitView(
        String code,
        String name,
        String level,
        String parentCode,
        List<String> path,
        String abbreviation,
        String issuerName,
        String parentBodyName,
        String placeName,
        List<Unit> units,
        Status status,
        LocalDate establishedOn,
        LocalDate closedOn,
        String successorCode,
        List<String> predecessorCodes,
        @JsonIgnore long version) {

    public enum Status { ACTIVE, CLOSED }

    public OrgUnitView {
        path = List.copyOf(path);
        units = units == null ? List.of() : List.copyOf(units);
        predecessorCodes = predecessorCodes == null ? List.of() : List.copyOf(predecessorCodes);
    }

    /** An office or organisation of the org unit; {@code kind} is its field (used to map a district's phòng to a commune's office). */
    public record Unit(String code, String name, String kind) {
    }

    @JsonIgnore
    public boolean isClosed() {
        return status == Status.CLOSED;
    }

    public boolean hasUnit(String unitCode) {
        return units.stream().anyMatch(u -> u.code().equals(unitCode));
    }

    public String unitName(String unitCode) {
        return units.stream().filter(u -> u.code().equals(unitCode)).map(Unit::name).findFirst().orElse(unitCode);
    }

    @JsonIgnore
    public String etag() {
        return "\"" + version + "\"";
    }
}
