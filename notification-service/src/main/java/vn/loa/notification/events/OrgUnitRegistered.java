package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "org-unit-registered", topic = Topics.ORG_UNIT_EVENTS, version = 1)
public record OrgUnitRegistered(String code, String name, String level, String parentCode, List<String> path,
                                List<UnitRef> units, LocalDate establishedOn, LocalDate closedOn, String successorCode) {
}