package vn.loa.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured mode: the whole event, attributes and data, is the
 * Kafka record's JSON value. {@code dataversion} is the schema version of {@code data};
 * {@code traceparent} is the W3C trace context of the request that caused the event. Absent
 * attributes (a null {@code subject} or {@code traceparent}) are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope<T>(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        int dataversion,
        String datacontenttype,
        String traceparent,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
}
