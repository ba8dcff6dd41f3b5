package vn.loa.messaging.envelope;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.EventType;
import vn.loa.messaging.InvalidEventException;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Writes and reads {@link EventEnvelope}s as JSON with the application's Jackson 3 mapper. Reading
 * ignores unknown fields whatever the mapper says (consumers ignore fields they do not know, while a
 * service's web API may reject them).
 */
public final class EnvelopeCodec {

    private final JsonMapper writer;
    private final JsonMapper reader;
    private final String source;
    private final Clock clock;

    public EnvelopeCodec(JsonMapper mapper, String source, Clock clock) {
        this.writer = mapper;
        this.reader = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.source = source;
        this.clock = clock;
    }

    public String source() {
        return source;
    }

    /** The {@link EventType} of {@code dataType}; an {@link IllegalArgumentException} if it has none. */
    public static EventType eventType(Class<?> dataType) {
        EventType eventType = dataType.getAnnotation(EventType.class);
        if (eventType == null) {
            throw new IllegalArgumentException(dataType.getName() + " is not annotated with @EventType");
        }
        return eventType;
    }

    /** A new envelope around {@code data}: a fresh id, this service's source, the type and version of its {@link EventType}. */
    public <T> EventEnvelope<T> wrap(String subject, T data, String traceparent) {
        EventType eventType = eventType(data.getClass());
        return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), source, eventType.value(), subject,
                OffsetDateTime.now(clock), eventType.version(), EventEnvelope.CONTENT_TYPE, traceparent, data);
    }

    public String write(EventEnvelope<?> envelope) {
        return writer.writeValueAsString(envelope);
    }

    /** Parses the attributes; {@code data} stays a JSON tree until a handler's class is known. */
    public ParsedEnvelope read(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty record value: not an event envelope");
        }
        JsonNode root;
        try {
            root = reader.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidEventException("record value is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("record value is not a JSON object: not an event envelope");
        }
        String type = text(root, "type");
        String id = text(root, "id");
        if (type == null || type.isBlank() || id == null) {
            throw new InvalidEventException("envelope without id or type");
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("envelope id is not a UUID: " + id, e);
        }
        OffsetDateTime time = null;
        String timeText = text(root, "time");
        if (timeText != null) {
            try {
                time = OffsetDateTime.parse(timeText);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("envelope time is not an ISO-8601 instant with offset: " + timeText, e);
            }
        }
        JsonNode dataversion = root.get("dataversion");
        int version = dataversion != null && dataversion.canConvertToInt() ? dataversion.asInt() : 1;
        JsonNode data = root.get("data");
        return new ParsedEnvelope(text(root, "specversion"), uuid, text(root, "source"), type, text(root, "subject"),
                time, version, text(root, "datacontenttype"), text(root, "traceparent"),
                data == null || data.isNull() ? null : data);
    }

    /** Binds the data of {@code parsed} to {@code dataType}. */
    public <T> EventEnvelope<T> bind(ParsedEnvelope parsed, Class<T> dataType) {
        if (parsed.data() == null) {
            throw new InvalidEventException("event " + parsed.id() + " (" + parsed.type() + ") has no data");
        }
        T data;
        try {
            data = reader.treeToValue(parsed.data(), dataType);
        } catch (JacksonException e) {
            throw new InvalidEventException("data of event " + parsed.id() + " (" + parsed.type()
                    + ") cannot be bound to " + dataType.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        return new EventEnvelope<>(parsed.specversion(), parsed.id(), parsed.source(), parsed.type(), parsed.subject(),
                parsed.time(), parsed.dataversion(), parsed.datacontenttype(), parsed.traceparent(), data);
    }

    /** Reads a whole envelope whose data is {@code dataType}: {@link #read} then {@link #bind}. */
    public <T> EventEnvelope<T> read(String json, Class<T> dataType) {
        return bind(read(json), dataType);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new InvalidEventException("envelope attribute " + field + " is not a value");
        }
        return value.asString();
    }

    /** The attributes of an envelope, its data still unbound. */
    public record ParsedEnvelope(String specversion, UUID id, String source, String type, String subject,
                                 OffsetDateTime time, int dataversion, String datacontenttype, String traceparent,
                                 JsonNode data) {
    }
}
