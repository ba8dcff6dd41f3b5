package vn.loa.notification.template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the template of a notification type in a language. An operator changes a message without a
 * rebuild or a restart by putting {@code <lang>/<type>.txt} in {@code loa.notification.templates.dir};
 * a file there is read on every use (they are small) and wins over the built-in default on the
 * classpath. An unknown language falls back to Vietnamese.
 */
@Component
public class TemplateStore {

    public static final String DEFAULT_LANGUAGE = "vi";
    public static final List<String> LANGUAGES = List.of("vi", "en");

    private static final Logger log = LoggerFactory.getLogger(TemplateStore.class);

    private final Path overrideDir;
    private final Map<String, Template> builtIn = new ConcurrentHashMap<>();

    TemplateStore(@Value("${loa.notification.templates.dir:}") String overrideDir) {
        this.overrideDir = overrideDir == null || overrideDir.isBlank() ? null : Path.of(overrideDir);
        if (this.overrideDir != null) {
            log.info("Notification templates: files in {} override the built-in ones", this.overrideDir.toAbsolutePath());
        }
    }

    public RenderedMessage render(String type, String language, Map<String, ?> model) {
        String lang = LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
        return template(type, lang).render(model, lang);
    }

    /** The template in force for each type and language, and where it comes from (for operators). */
    public Map<String, String> sources(List<String> types) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            for (String type : types) {
                out.put(lang + "/" + type, template(type, lang).source());
            }
        }
        return out;
    }

    Template template(String type, String lang) {
        if (overrideDir != null) {
            Path file = overrideDir.resolve(lang).resolve(type + ".txt");
            if (Files.isRegularFile(file)) {
                try {
                    return Template.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    log.warn("Cannot read template {}, using the built-in one: {}", file, e.toString());
                }
            }
        }
        Template t = builtIn.computeIfAbsent(lang + "/" + type, k -> loadBuiltIn(type, lang));
        if (t == null && !DEFAULT_LANGUAGE.equals(lang)) {
            return template(type, DEFAULT_LANGUAGE);
        }
        if (t == null) {
            throw new IllegalStateException("No template for notification type " + type);
        }
        return t;
    }

    private static Template loadBuiltIn(String type, String lang) {
        ClassPathResource resource = new ClassPathResource("templates/" + lang + "/" + type + ".txt");
        if (!resource.exists()) {
            return null;
        }
        try (InputStream in = resource.getInputStream()) {
            return Template.parse("classpath:templates/" + lang + "/" + type + ".txt",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
