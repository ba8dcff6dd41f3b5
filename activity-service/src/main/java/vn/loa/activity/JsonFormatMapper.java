package vn.loa.activity;

import org.hibernate.type.format.AbstractJsonFormatMapper;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Type;

/**
 * Lets Hibernate read and write JSON columns ({@code activity.evidence}, {@code activity_change.changes}) with
 * the application's Jackson 3 {@link JsonMapper}, the one the API uses: Hibernate 7.2 ships format
 * mappers for Jackson 2 only, and the stored JSON must be what the API reads and writes.
 */
final class JsonFormatMapper extends AbstractJsonFormatMapper {

    private final JsonMapper json;

    JsonFormatMapper(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected <T> T fromString(CharSequence text, Type type) {
        return json.readValue(text.toString(), json.constructType(type));
    }

    @Override
    protected <T> String toString(T value, Type type) {
        return json.writerFor(json.constructType(type)).writeValueAsString(value);
    }
}
