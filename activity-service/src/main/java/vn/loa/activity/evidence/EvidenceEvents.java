package vn.loa.activity.evidence;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The events of evidence files (schemas in infra/contracts: evidence-added, evidence-removed), on the activities'
 * topic with the activity's plan id as key, so that they follow their activity's events. Metadata only: what a
 * report lists of its evidence (issue 18); the bytes stay behind this service's API.
 */
final class EvidenceEvents {

    private EvidenceEvents() {
    }

    @EventType(value = "evidence-added", topic = Topics.ACTIVITY_EVENTS, version = 1)
    record EvidenceAdded(UUID evidenceId, UUID activityId, UUID planId, String orgUnit, List<String> orgUnitPath,
                         String name, String contentType, long size, String sha256, String uploadedBy,
                         OffsetDateTime uploadedAt) {
    }

    @EventType(value = "evidence-removed", topic = Topics.ACTIVITY_EVENTS, version = 1)
    record EvidenceRemoved(UUID evidenceId, UUID activityId, UUID planId, String orgUnit, List<String> orgUnitPath,
                           String name, String sha256, String removedBy, OffsetDateTime removedAt) {
    }
}
