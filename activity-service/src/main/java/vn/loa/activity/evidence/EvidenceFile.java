package vn.loa.activity.evidence;

import java.time.Instant;
import java.util.UUID;

/**
 * One evidence file of an activity: the metadata row; its bytes are the object {@code storageKey} (and the
 * thumbnail {@code thumbnailKey}) in the {@link EvidenceStore}. Never changed after the upload; deleted whole.
 *
 * @param width  of an image, upright (after its EXIF orientation); null for documents and unreadable headers
 */
record EvidenceFile(UUID id, UUID activityId, String name, String contentType, long size, String sha256,
                    String storageKey, String thumbnailKey, Integer width, Integer height, String note,
                    String uploadedBy, Instant uploadedAt) {
}
