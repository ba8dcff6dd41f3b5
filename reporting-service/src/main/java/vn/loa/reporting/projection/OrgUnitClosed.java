package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

/** Our copy of org-unit-closed (v1): the unit exists no longer from {@code closedOn}; its history counts for the successor. */
@EventType(value = "org-unit-closed", topic = Topics.ORG_UNIT_EVENTS, version = 1)
public record OrgUnitClosed(String code, List<String> path, LocalDate closedOn, String successorCode) {
}
