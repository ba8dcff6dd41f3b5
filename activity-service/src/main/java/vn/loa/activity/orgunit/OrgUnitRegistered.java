package vn.loa.activity.orgunit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

/** Our copy of plan-service's {@code org-unit-registered}: the unit's whole current state (only what we use). */
@EventType(value = "org-unit-registered", topic = Topics.ORG_UNIT_EVENTS, version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
record OrgUnitRegistered(String code, String name, String level, String parentCode, List<String> path,
                         List<Unit> units, LocalDate establishedOn, LocalDate closedOn, String successorCode) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Unit(String code, String name) {
    }
}
