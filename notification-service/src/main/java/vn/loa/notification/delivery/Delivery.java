package vn.loa.notification.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Delivery(UUID id, UUID eventId, String eventType, String recipient, String channel, String target,
                       UUID subscriptionId, String language, String subject, String body, String payload,
                       DeliveryStatus status, int attempts, OffsetDateTime nextAttemptAt, String lastError,
                       OffsetDateTime createdAt, OffsetDateTime sentAt) {
}
