package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

/** Our copy of org-units-merged (v1): a new unit made of its predecessors, from {@code effectiveOn}. */
@EventType(value = "org-units-merged", topic = Topics.ORG_UNIT_EVENTS, version = 1)
public record OrgUnitsMerged(String code, String name, String level, String parentCode, List<String> path,
                             LocalDate effectiveOn, List<Predecessor> predecessors) {

    public record Predecessor(String code, List<String> path) {
    }
}
