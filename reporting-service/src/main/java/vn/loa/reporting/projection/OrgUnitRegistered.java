package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.util.List;

/** Our copy of plan-service's org-unit-registered (v1). {@code level} is data, not an enum. */
@EventType(value = "org-unit-registered", topic = Topics.ORG_UNIT_EVENTS, version = 1)
public record OrgUnitRegistered(String code, String name, String level, String parentCode, List<String> path,
                                List<Unit> units) {

    public record Unit(String code, String name) {
    }
}
