package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Our copy of plan-service's org-units-merged (v1): a new unit made of its predecessors, each closed into it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "org-units-merged", topic = Topics.ORG_UNIT_EVENTS, version = 1)
public record OrgUnitsMerged(String code, String name, String level, String parentCode, List<String> path,
                             LocalDate effectiveOn, List<Predecessor> predecessors, String mergedBy,
                             OffsetDateTime mergedAt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Predecessor(String code, String name, String level, List<String> path, List<String> movedChildren) {
    }
}
