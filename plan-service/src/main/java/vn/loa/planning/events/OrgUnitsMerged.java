package vn.loa.planning.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Units were merged into a new one (the 2025 reform: communes into a commune, provinces into a
 * province). The new unit ({@code code}, from {@code effectiveOn}) names its predecessors; each
 * predecessor was closed on {@code effectiveOn} with the new unit as successor, and its children (if
 * any) were moved under the new unit ({@code movedChildren}; each move has its own org-unit-moved).
 * Consumers count the predecessors' history as the new unit's.
 */
@EventType(value = "org-units-merged", topic = Topics.ORG_UNIT_EVENTS, version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgUnitsMerged(
        String code,
        String name,
        String level,
        String parentCode,
        List<String> path,
        LocalDate effectiveOn,
        List<Predecessor> predecessors,
        String mergedBy,
        OffsetDateTime mergedAt) {

    /** A merged unit as it was when it closed, and the children that moved under the new unit. */
    public record Predecessor(String code, String name, String level, List<String> path, List<String> movedChildren) {
    }
}
