package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.util.List;

/** Our copy of org-unit-moved (v1): the unit re-parented with everything below it (their new paths). */
@EventType(value = "org-unit-moved", topic = Topics.ORG_UNIT_EVENTS, version = 1)
public record OrgUnitMoved(String code, String parentCode, List<String> oldPath, List<String> path,
                           List<Descendant> descendants) {

    public record Descendant(String code, String parentCode, List<String> path) {
    }
}
