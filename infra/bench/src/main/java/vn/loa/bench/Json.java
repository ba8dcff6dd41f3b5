package vn.loa.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A few lines of JSON writing, so that the harness needs nothing but the JUnit launcher. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        }
        else if (value instanceof Map<?, ?> map) {
            out.append("{");
            String inner = indent + "  ";
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "\n" : ",\n").append(inner);
                string(e.getKey().toString(), out);
                out.append(": ");
                write(e.getValue(), out, inner);
                first = false;
            }
            out.append(first ? "}" : "\n" + indent + "}");
        }
        else if (value instanceof List<?> list) {
            out.append("[");
            String inner = indent + "  ";
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "\n" : ",\n").append(inner);
                write(item, out, inner);
                first = false;
            }
            out.append(first ? "]" : "\n" + indent + "]");
        }
        else if (value instanceof Double d) {
            out.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.4f", d)
                    .replaceFirst("0+$", "").replaceFirst("\\.$", ""));
        }
        else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        }
        else {
            string(value.toString(), out);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
