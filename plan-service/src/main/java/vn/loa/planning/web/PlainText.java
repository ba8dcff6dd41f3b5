package vn.loa.planning.web;

import vn.loa.common.problem.FieldText;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Refuses control characters (U+0000–U+001F other than tab, line feed and carriage return) in every
 * text of a request record, with the path of each field ({@code topics[0].items[3]}). They are never
 * meant in a plan or an org unit, and they are the only characters JSON writes in six bytes: without
 * them a stored character takes at most three bytes in an event, which is what the size bounds of the
 * README (a plan at its limits fits in one Kafka record) are computed with.
 */
public final class PlainText {

    private PlainText() {
    }

    public static List<FieldText> controlCharacters(Object value, String path) {
        List<FieldText> out = new ArrayList<>();
        walk(value, path, out);
        return out;
    }

    private static void walk(Object value, String path, List<FieldText> out) {
        if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    out.add(FieldText.of(path, "field.control-character", String.format("%04X", (int) c)));
                    return;
                }
            }
        } else if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", out);
            }
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    Object v = component.getAccessor().invoke(value);
                    walk(v, path.isEmpty() ? component.getName() : path + "." + component.getName(), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
        }
    }
}
