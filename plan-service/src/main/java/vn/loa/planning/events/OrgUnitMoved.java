package vn.loa.planning.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An org unit was re-parented with everything below it. {@code oldPath}/{@code path} are the unit's
 * paths before and after; {@code descendants} every unit below it with its new path (parents before
 * children). A consumer that copied paths onto its own rows rewrites them with the prefix: every path
 * containing {@code code} becomes {@code path} followed by its part after {@code code}.
 */
@EventType(value = "org-unit-moved", topic = Topics.ORG_UNIT_EVENTS, version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgUnitMoved(
        String code,
        String name,
        String level,
        String oldParentCode,
        String parentCode,
        List<String> oldPath,
        List<String> path,
        List<Descendant> descendants,
        LocalDate effectiveOn,
        String movedBy,
        OffsetDateTime movedAt) {

    public record Descendant(String code, String parentCode, List<String> path) {
    }
}
