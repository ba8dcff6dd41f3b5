package vn.loa.common.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The problem bundles, one per language: {@code vn/loa/common/problem/problems_vi.properties} (the default) and
 * {@code problems_en.properties}, UTF-8. Titles ({@code problem.<code>.title}), details
 * ({@code problem.<code>.detail}, {@code problem.<code>.<variant>}) and field messages ({@code field.*}) of
 * every problem the services and the gateway answer. Vietnamese unless the request asks for English
 * ({@code Accept-Language: en}); see {@link #locale(String)}.
 * <p>
 * A plain bundle of this library rather than the application's {@code MessageSource}: the gateway
 * (reactive) and the servlet filters that answer before any controller need the same texts, with no
 * {@code spring.messages.*} set up in each application.
 */
public final class ProblemTexts {

    private static final Logger log = LoggerFactory.getLogger(ProblemTexts.class);

    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    public static final Locale ENGLISH = Locale.ENGLISH;
    /** The languages of the bundles; the first is the default. */
    public static final List<Locale> LANGUAGES = List.of(VIETNAMESE, ENGLISH);
    public static final String BUNDLE = "vn/loa/common/problem/problems";

    private static final ProblemTexts SHARED = new ProblemTexts();

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

    private ProblemTexts() {
        messages.setBasename(BUNDLE);
        messages.setDefaultEncoding("UTF-8");
        // Never the JVM's locale: a language the bundles lack falls back to Vietnamese.
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(VIETNAMESE);
        // Every message goes through MessageFormat, with or without arguments: one quoting rule ('' for ').
        messages.setAlwaysUseMessageFormat(true);
        messages.setUseCodeAsDefaultMessage(false);
    }

    public static ProblemTexts shared() {
        return SHARED;
    }

    /**
     * The language of the answer from an {@code Accept-Language} header: English when the caller prefers it
     * over Vietnamese, Vietnamese otherwise (no header, {@code *}, another language, a malformed header).
     */
    public static Locale locale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return VIETNAMESE;
        }
        try {
            // Sorted by weight, highest first.
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                String language = range.getRange().split("-", 2)[0];
                if (language.equals("vi") || language.equals("*")) {
                    return VIETNAMESE;
                }
                if (language.equals("en")) {
                    return ENGLISH;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // fall through to the default
        }
        return VIETNAMESE;
    }

    /** One of {@link #LANGUAGES}: English for any English locale, Vietnamese for everything else. */
    public static Locale supported(Locale locale) {
        return locale != null && ENGLISH.getLanguage().equals(locale.getLanguage()) ? ENGLISH : VIETNAMESE;
    }

    /** The message of {@code key} in {@code locale} with the arguments, if the bundle has it. */
    public Optional<String> message(String key, Locale locale, Object... args) {
        if (key == null) {
            return Optional.empty();
        }
        Locale language = supported(locale);
        Object[] resolved = args == null ? new Object[0] : new Object[args.length];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = argument(args[i], language);
        }
        return Optional.ofNullable(messages.getMessage(key, resolved, null, language));
    }

    /** Texts in the language; a list (the violations of a plan) as its items joined by "; ". */
    private Object argument(Object arg, Locale language) {
        if (arg instanceof Text text) {
            return resolve(text, language);
        }
        if (arg instanceof FieldText field) {
            return resolve(Text.of("problem.validation-failed.field", field.field(), field.message()), language);
        }
        if (arg instanceof java.util.Collection<?> items) {
            return String.join("; ", items.stream().map(item -> String.valueOf(argument(item, language))).toList());
        }
        return arg;
    }

    /**
     * The text in {@code locale}: its key's message, else its fallback, else the key itself. A key missing from
     * the bundles is logged once (ProblemCatalogueTests and the modules' problem tests should have caught it).
     */
    public String resolve(Text text, Locale locale) {
        if (text == null) {
            return null;
        }
        Optional<String> message = message(text.key(), locale, text.args().toArray());
        if (message.isPresent()) {
            return message.get();
        }
        if (text.key() != null && reportedMissing.add(text.key())) {
            log.warn("No message '{}' in the problem bundles {}", text.key(), BUNDLE);
        }
        return text.fallback() != null ? text.fallback() : text.key();
    }

    /** Whether the bundle of {@code locale} has {@code key} (itself, not by falling back to another language). */
    public boolean has(String key, Locale locale) {
        return message(key, locale).isPresent();
    }

    /** The title of a code in {@code locale}. */
    public String title(ProblemCode code, Locale locale) {
        return resolve(Text.of(code.titleKey()), locale);
    }
}
