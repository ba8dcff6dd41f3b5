package vn.loa.planning.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.util.List;

/** An org unit was created or changed; consumers build their org trees from these. */
@EventType(value = "org-unit-registered", topic = Topics.ORG_UNIT_EVENTS, version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgUnitRegistered(
        String code,
        String name,
        String level,
        String parentCode,
        List<String> path,
        List<Unit> units,
        String abbreviation,
        String issuerName,
        String parentBodyName) {

    public record Unit(String code, String name, String kind) {
    }
}
