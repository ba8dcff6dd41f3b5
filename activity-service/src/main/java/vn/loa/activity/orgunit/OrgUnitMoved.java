package vn.loa.activity.orgunit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.util.List;

/** Our copy of plan-service's {@code org-unit-moved}: a unit re-parented with everything below it. */
@EventType(value = "org-unit-moved", topic = Topics.ORG_UNIT_EVENTS, version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
record OrgUnitMoved(String code, String name, String level, String oldParentCode, String parentCode,
                    List<String> oldPath, List<String> path, List<Descendant> descendants) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Descendant(String code, String parentCode, List<String> path) {
    }
}
