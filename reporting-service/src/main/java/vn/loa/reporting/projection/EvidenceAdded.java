package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Our copy of activity-service's evidence-added (v1): a file was attached to an activity. Reporting keeps its
 * metadata (never the bytes) to list a report's evidence (issue 18).
 */
@EventType(value = "evidence-added", topic = Topics.ACTIVITY_EVENTS, version = 1)
public record EvidenceAdded(UUID evidenceId, UUID activityId, UUID planId, String orgUnit, List<String> orgUnitPath,
                            String name, String contentType, long size, String sha256, String uploadedBy,
                            OffsetDateTime uploadedAt) {
}
