package vn.loa.planning.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An org unit was closed: it exists no longer from {@code closedOn} (the legal date; Loa treats it as
 * closed from the moment of the operation). {@code successorCode} and {@code successorPath} name the
 * unit that took it over, when there is one (always after a merger).
 */
@EventType(value = "org-unit-closed", topic = Topics.ORG_UNIT_EVENTS, version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgUnitClosed(
        String code,
        String name,
        String level,
        String parentCode,
        List<String> path,
        LocalDate closedOn,
        String successorCode,
        List<String> successorPath,
        String closedBy,
        OffsetDateTime closedAt) {
}
