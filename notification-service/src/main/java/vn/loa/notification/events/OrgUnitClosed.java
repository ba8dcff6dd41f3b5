package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Our copy of plan-service's org-unit-closed (v1): the unit exists no longer, maybe taken over by a successor. */
@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "org-unit-closed", topic = Topics.ORG_UNIT_EVENTS, version = 1)
public record OrgUnitClosed(String code, String name, String level, String parentCode, List<String> path,
                            LocalDate closedOn, String successorCode, List<String> successorPath,
                            String closedBy, OffsetDateTime closedAt) {
}
