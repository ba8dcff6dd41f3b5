package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Our copy of activity-service's evidence-removed (v1): the file is gone, and from the reports' lists too. */
@EventType(value = "evidence-removed", topic = Topics.ACTIVITY_EVENTS, version = 1)
public record EvidenceRemoved(UUID evidenceId, UUID activityId, UUID planId, String orgUnit, List<String> orgUnitPath,
                              String name, String sha256, String removedBy, OffsetDateTime removedAt) {
}
