package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

/**
 * Our copy of plan-service's org-unit-registered (v1): the unit's whole current state. {@code level} is data,
 * not an enum; {@code abbreviation}, {@code issuerName} and {@code parentBodyName} head its documents;
 * {@code establishedOn}, {@code closedOn} and {@code successorCode} come with the 2025 reform (absent otherwise).
 */
@EventType(value = "org-unit-registered", topic = Topics.ORG_UNIT_EVENTS, version = 1)
public record OrgUnitRegistered(String code, String name, String level, String parentCode, List<String> path,
                                List<Unit> units, String abbreviation, String issuerName, String parentBodyName,
                                LocalDate establishedOn, LocalDate closedOn, String successorCode) {

    public record Unit(String code, String name) {
    }
}
