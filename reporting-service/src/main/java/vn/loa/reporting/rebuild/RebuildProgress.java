package vn.loa.reporting.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Where a rebuild stands: records replayed out of those on the topics when it started. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RebuildProgress(UUID id, String status, String requestedBy, OffsetDateTime startedAt,
                       OffsetDateTime finishedAt, long total, long processed, long failed, List<TopicProgress> topics,
                       String error) {

    record TopicProgress(String topic, long total, long processed) {
    }
}
