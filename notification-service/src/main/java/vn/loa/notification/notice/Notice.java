package vn.loa.notification.notice;

import vn.loa.notification.recipients.Recipient;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something people must hear of: the event (or reminder) id that makes it unique, its type, and
 * each recipient with the values its message is written from (they may differ per recipient, e.g.
 * each commune's report due date).
 */
public record Notice(UUID eventId, String type, OffsetDateTime occurredAt, List<Addressee> addressees) {

    public record Addressee(Recipient recipient, Map<String, Object> model) {
    }

    public static Notice toAll(UUID eventId, String type, OffsetDateTime occurredAt, List<Recipient> recipients,
                               Map<String, Object> model) {
        return new Notice(eventId, type, occurredAt,
                recipients.stream().map(r -> new Addressee(r, model)).toList());
    }
}
