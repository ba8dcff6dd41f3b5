package vn.loa.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a serialized event (the whole CloudEvents envelope with its {@code data}) against the
 * JSON Schema of its type, {@code contracts/events/<type>.schema.json} (draft 2020-12, formats asserted).
 *
 * <pre>{@code
 * EventContracts.assertValid("plan-issued", kafkaRecord.value());     // producer side
 * String sample = EventContracts.sample("plan-issued");               // consumer side: the producer's sample,
 * EventContracts.assertValid("plan-issued", sample);                  //   deserialize it into your own copy
 * EventContracts.assertValidData("plan-issued", mapper.writeValueAsString(myCopyOfPlanIssued)); // or check your copy's data
 * }</pre>
 */
public final class EventContracts {

    /** Every event type that has a schema, in the order of EVENTS.md. */
    public static final List<String> TYPES = List.of(
            "org-unit-registered", "org-unit-moved", "org-unit-closed", "org-units-merged",
            "plan-issued", "plan-amended", "plan-closed",
            "activity-scheduled", "activity-completed", "activity-corrected", "activity-cancelled", "activity-overdue",
            "evidence-added", "evidence-removed",
            "quarter-closed", "quarter-reopened",
            "report-submitted", "report-approved", "report-returned", "report-due", "report-overdue");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    // In 2020-12 "format" only annotates unless asserted; dates and uuids are part of the contract.
                    .formatAssertionsEnabled(true)
                    .build()));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** The violations of the event's schema, each as "{@code <json pointer>: <message>}"; empty if valid. */
    public static List<String> validate(String type, String json) {
        Schema schema = schema(type);
        JsonNode event;
        try {
            event = MAPPER.readTree(json);
        }
        catch (JacksonException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return schema.validate(event).stream().map(EventContracts::describe).toList();
    }

    /** Throws an {@link AssertionError} listing every violation when the event does not match its schema. */
    public static void assertValid(String type, String json) {
        List<String> errors = validate(type, json);
        if (!errors.isEmpty()) {
            throw new AssertionError("Event does not match the " + type + " contract:\n  - "
                    + String.join("\n  - ", errors) + "\nEvent: " + json);
        }
    }

    /**
     * Validates only the {@code data} of an event (e.g. a consumer's own copy of the record, serialized)
     * by putting it into the envelope of the type's sample. Violations are reported under {@code /data}.
     */
    public static List<String> validateData(String type, String dataJson) {
        JsonNode data;
        try {
            data = MAPPER.readTree(dataJson);
        }
        catch (JacksonException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        ObjectNode envelope = (ObjectNode) MAPPER.readTree(sample(type));
        envelope.set("data", data);
        return validate(type, MAPPER.writeValueAsString(envelope));
    }

    /** {@link #validateData(String, String)} throwing an {@link AssertionError} listing every violation. */
    public static void assertValidData(String type, String dataJson) {
        List<String> errors = validateData(type, dataJson);
        if (!errors.isEmpty()) {
            throw new AssertionError("Event data does not match the " + type + " contract:\n  - "
                    + String.join("\n  - ", errors) + "\nData: " + dataJson);
        }
    }

    /** The producer's valid sample of the type ({@code contracts/samples/<type>.json}), with Vietnamese text. */
    public static String sample(String type) {
        return read("contracts/samples/" + known(type) + ".json");
    }

    /** The JSON Schema of the type, as text. */
    public static String schemaText(String type) {
        return read("contracts/events/" + known(type) + ".schema.json");
    }

    private static Schema schema(String type) {
        return SCHEMAS.computeIfAbsent(known(type), t -> REGISTRY.getSchema(schemaText(t)));
    }

    private static String known(String type) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("No contract for event type '" + type + "'; known: " + TYPES);
        }
        return type;
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        String message = error.getMessage();
        return message.startsWith(location) ? message : location + ": " + message;
    }

    private static String read(String resource) {
        try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
