package vn.loa.activity.lifecycle;

import jakarta.validation.constraints.Size;

/** The body of POST /api/activities/{id}/cancel; the reason is copied into {@code activity-cancelled}. */
public record CancellationRequest(@Size(max = Limits.REASON) String reason) {
}
