package vn.loa.messaging.deadletter;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A record that was sent to {@code <topic>-dlt} by this service's consumers, as operators see it. */
public record DeadLetter(
        UUID id,
        String topic,
        int partition,
        long offset,
        String key,
        String eventId,
        String eventType,
        String payload,
        String exceptionClass,
        String exceptionMessage,
        String consumerGroup,
        OffsetDateTime createdAt,
        OffsetDateTime replayedAt) {
}
