package vn.loa.notification.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

public record InboxEntry(UUID id, UUID eventId, String type, String orgUnit, String unit, String subject, String text,
                         OffsetDateTime createdAt, OffsetDateTime readAt) {

    public boolean read() {
        return readAt != null;
    }
}
