package vn.loa.activity.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;

/** Why, by whom and when an activity was cancelled (columns of {@code activity}; null unless cancelled). */
@Embeddable
public record Cancellation(@Column(name = "cancel_reason") String reason, String cancelledBy, Instant cancelledAt) {
}
