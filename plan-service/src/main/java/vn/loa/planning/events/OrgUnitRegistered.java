package vn.loa.planning.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

/**
 * An org unit was created or changed — its path included, so every unit below a moved one gets one —
 * with its whole current state; consumers upsert their org trees from these.
 * {@code establishedOn}, {@code closedOn} and {@code successorCode} (additive in v1) are absent while
 * they do not apply.
 */
@EventType(value = "org-unit-registered", topic = Topics.ORG_UNIT_EVENTS, version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgUnitRegistered(
        String code,
        String name,
        String level,
        String parentCode,
        List<String> path,
        List<Unit> units,
        String abbreviation,
        String issuerName,
        String parentBodyName,
        LocalDate establishedOn,
        LocalDate closedOn,
        String successorCode) {

    public record Unit(String code, String name, String kind) {
    }
}
