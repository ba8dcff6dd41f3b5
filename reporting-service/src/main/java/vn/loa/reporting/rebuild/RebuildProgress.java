package vn.loa.reporting.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Where a rebuild stands, read from the database (the same on every replica): records replayed out of
 * those on the topics when it started, failures, its phase (REPLAYING, SWAPPING, DONE, FAILED), and the
 * replica that owns it with its last heartbeat.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RebuildProgress(UUID id, String status, String phase, String requestedBy, OffsetDateTime startedAt,
                       OffsetDateTime finishedAt, long total, long processed, long failed, List<TopicProgress> topics,
                       String owner, OffsetDateTime heartbeatAt, String error) {

    record TopicProgress(String topic, long total, long processed) {
    }
}
