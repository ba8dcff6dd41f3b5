package vn.loa.activity.orgunit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

/** Our copy of plan-service's {@code org-unit-closed}: the unit exists no longer, its successor takes its history. */
@EventType(value = "org-unit-closed", topic = Topics.ORG_UNIT_EVENTS, version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
record OrgUnitClosed(String code, String name, String level, String parentCode, List<String> path, LocalDate closedOn,
                     String successorCode, List<String> successorPath) {
}
