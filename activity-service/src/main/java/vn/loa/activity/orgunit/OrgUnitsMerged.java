package vn.loa.activity.orgunit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

/** Our copy of plan-service's {@code org-units-merged}: a new unit made of its predecessors. */
@EventType(value = "org-units-merged", topic = Topics.ORG_UNIT_EVENTS, version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
record OrgUnitsMerged(String code, String name, String level, String parentCode, List<String> path,
                      LocalDate effectiveOn, List<Predecessor> predecessors) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Predecessor(String code, String name, String level, List<String> path) {
    }
}
