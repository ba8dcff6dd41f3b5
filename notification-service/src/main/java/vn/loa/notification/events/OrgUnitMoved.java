package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Our copy of plan-service's org-unit-moved (v1): a unit re-parented with everything below it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "org-unit-moved", topic = Topics.ORG_UNIT_EVENTS, version = 1)
public record OrgUnitMoved(String code, String name, String level, String oldParentCode, String parentCode,
                           List<String> oldPath, List<String> path, List<Descendant> descendants,
                           LocalDate effectiveOn, String movedBy, OffsetDateTime movedAt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Descendant(String code, String parentCode, List<String> path) {
    }
}
