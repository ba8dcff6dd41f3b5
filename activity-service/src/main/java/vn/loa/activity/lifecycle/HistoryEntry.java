package vn.loa.activity.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One entry of GET /api/activities/{id}/history: the version the change made, what it was (SCHEDULED, STARTED,
 * COMPLETED, CANCELLED, CORRECTED), who and when, the reason (cancellation, correction) and, for a correction,
 * every field changed with its old and new value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(int version, String action, String by, Instant at, String reason, List<FieldChange> changes) {
}
