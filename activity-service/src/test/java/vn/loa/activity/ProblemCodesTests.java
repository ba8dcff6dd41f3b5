package vn.loa.activity;

import org.junit.jupiter.api.Test;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.ProblemTexts;
import vn.loa.testsupport.ProblemCatalogueCheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem activity-service answers is a code of loa-common's catalogue (issue 16: one vocabulary), and every
 * text it names — a variant {@code ApiException.of(ProblemCode.X, "variant", …)}, a {@code field.*} or
 * {@code object.*} message — is in both bundles, so that no answer falls back to a bare key.
 */
class ProblemCodesTests {

    private static final Pattern VARIANT = Pattern.compile("ProblemCode\\.([A-Z_]+),\\s*\"([a-z0-9-]+)\"");
    private static final Pattern KEY = Pattern.compile("\"((?:field|object)\\.[a-z0-9.-]+)\"");

    @Test
    void everyProblemComesFromTheCatalogue() {
        ProblemCatalogueCheck.assertSourcesUseTheCatalogue(Path.of("src/main/java"));
    }

    @Test
    void everyVariantAndMessageKeyIsInBothBundles() throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                Matcher variant = VARIANT.matcher(source);
                while (variant.find()) {
                    keys.add(ProblemCode.valueOf(variant.group(1)).detailKey(variant.group(2)));
                }
                Matcher key = KEY.matcher(source);
                while (key.find()) {
                    keys.add(key.group(1));
                }
            }
        }
        assertThat(keys).contains("field.activity.negative", "object.activity", "problem.not-found.object");
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            for (Locale locale : List.of(ProblemTexts.VIETNAMESE, ProblemTexts.ENGLISH)) {
                if (!ProblemTexts.shared().has(key, locale)) {
                    missing.add(key + " (" + locale + ")");
                }
            }
        }
        assertThat(missing).as("keys missing from the problem bundles").isEmpty();
    }
}
