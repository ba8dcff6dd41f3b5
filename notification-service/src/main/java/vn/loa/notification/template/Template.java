package vn.loa.notification.template;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A message template: the first line is the subject, the rest (after one blank line) the body.
 * Placeholders are {@code {name}}; a name the model lacks renders as empty. Dates are written the
 * way each language writes them (15/03/2022 in Vietnamese).
 */
record Template(String source, String subject, String body) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");
    private static final ZoneId LOCAL = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter VI_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter VI_INSTANT = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");
    private static final DateTimeFormatter EN_INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static Template parse(String source, String text) {
        String normalized = Normalizer.normalize(text.replace("\r\n", "\n"), Normalizer.Form.NFC);
        if (normalized.startsWith("\uFEFF")) {
            normalized = normalized.substring(1);
        }
        int nl = normalized.indexOf('\n');
        if (nl < 0) {
            return new Template(source, normalized.strip(), "");
        }
        return new Template(source, normalized.substring(0, nl).strip(), normalized.substring(nl + 1).strip());
    }

    RenderedMessage render(Map<String, ?> model, String language) {
        return new RenderedMessage(fill(subject, model, language), fill(body, model, language));
    }

    private static String fill(String text, Map<String, ?> model, String language) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(format(model.get(m.group(1)), language)));
        }
        m.appendTail(out);
        return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
    }

    static String format(Object value, String language) {
        boolean en = "en".equals(language);
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate d) {
            return en ? d.toString() : d.format(VI_DATE);
        }
        if (value instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(LOCAL).format(en ? EN_INSTANT : VI_INSTANT);
        }
        if (value instanceof Localized l) {
            return l.in(language);
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? (en ? "none" : "không") : c.stream().map(v -> format(v, language))
                    .collect(Collectors.joining(", "));
        }
        return value.toString();
    }
}
