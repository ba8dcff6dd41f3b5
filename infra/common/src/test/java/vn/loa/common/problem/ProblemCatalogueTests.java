package vn.loa.common.problem;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue is one list with one status per code, and both bundles say everything it needs, well formed. */
class ProblemCatalogueTests {

    private static final ProblemTexts TEXTS = ProblemTexts.shared();

    @Test
    void everyCodeIsListedOnceWithOneErrorStatus() {
        Map<String, List<ProblemCode>> byCode = Arrays.stream(ProblemCode.values())
                .collect(Collectors.groupingBy(ProblemCode::code));
        assertThat(byCode.values()).allSatisfy(entries -> assertThat(entries).hasSize(1));
        assertThat(ProblemCode.values()).allSatisfy(code -> {
            assertThat(code.code()).matches("[a-z]+(-[a-z]+)*");
            assertThat(code.status()).isBetween(400, 599);
            assertThat(code.type()).isEqualTo("https://loa.gov.vn/problems/" + code.code());
            assertThat(ProblemCode.of(code.code())).contains(code);
        });
    }

    @Test
    void validationIs400AndTheCodesApiMdNamesAre422Or409() {
        assertThat(ProblemCode.VALIDATION_FAILED.status()).isEqualTo(400);
        assertThat(ProblemCode.PLAN_NOT_ISSUED.status()).isEqualTo(422);
        assertThat(ProblemCode.PLAN_INCOMPLETE.status()).isEqualTo(422);
        assertThat(ProblemCode.IDEMPOTENCY_KEY_REUSED.status()).isEqualTo(422);
        assertThat(ProblemCode.PERIOD_LOCKED.status()).isEqualTo(409);
        assertThat(ProblemCode.INVALID_TRANSITION.status()).isEqualTo(409);
        assertThat(ProblemCode.DUPLICATE_DOCUMENT_NUMBER.status()).isEqualTo(409);
        assertThat(ProblemCode.VERSION_CONFLICT.status()).isEqualTo(412);
        assertThat(ProblemCode.PRECONDITION_REQUIRED.status()).isEqualTo(428);
        // one code for "too many requests": the gateway's
        assertThat(ProblemCode.forStatus(429)).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(ProblemCode.of("too-many-requests")).isEmpty();
    }

    @Test
    void everyCodeHasAVietnameseAndAnEnglishTitleAndDetail() {
        for (ProblemCode code : ProblemCode.values()) {
            for (Locale language : ProblemTexts.LANGUAGES) {
                assertThat(TEXTS.has(code.titleKey(), language)).as(code.titleKey() + " in " + language).isTrue();
                assertThat(TEXTS.has(code.detailKey(), language)).as(code.detailKey() + " in " + language).isTrue();
            }
            // The default detail is shown without arguments.
            assertThat(TEXTS.resolve(Text.of(code.detailKey()), ProblemTexts.VIETNAMESE)).doesNotContain("{0}");
            assertThat(TEXTS.title(code, ProblemTexts.VIETNAMESE)).isNotEqualTo(TEXTS.title(code, ProblemTexts.ENGLISH));
            // Vietnamese, not an English title copied over: every one has a Vietnamese letter.
            assertThat(TEXTS.title(code, ProblemTexts.VIETNAMESE)).as(code.code()).matches(".*[^\\x00-\\x7F].*");
        }
    }

    @Test
    void theBundlesHaveTheSameKeysAreUtf8NfcAndValidMessageFormats() throws IOException {
        Map<String, String> vi = bundle("vi");
        Map<String, String> en = bundle("en");
        assertThat(new TreeSet<>(vi.keySet())).isEqualTo(new TreeSet<>(en.keySet()));
        for (Map<String, String> bundle : List.of(vi, en)) {
            bundle.forEach((key, message) -> {
                assertThat(Normalizer.isNormalized(message, Normalizer.Form.NFC)).as(key + " is NFC").isTrue();
                assertThat(message).as(key).isNotBlank();
                Object[] args = {"A", "B", "C", "D"};
                assertThat(new MessageFormat(message, Locale.ROOT).format(args)).as(key).doesNotContainPattern("\\{\\d")
                        .doesNotContain("''");
            });
        }
        // The same placeholders in both languages.
        vi.forEach((key, message) -> assertThat(placeholders(message)).as(key).isEqualTo(placeholders(en.get(key))));
    }

    @Test
    void vietnameseIsTheDefaultAndEnglishIsAskedFor() {
        assertThat(ProblemTexts.locale(null)).isEqualTo(ProblemTexts.VIETNAMESE);
        assertThat(ProblemTexts.locale("")).isEqualTo(ProblemTexts.VIETNAMESE);
        assertThat(ProblemTexts.locale("vi")).isEqualTo(ProblemTexts.VIETNAMESE);
        assertThat(ProblemTexts.locale("en")).isEqualTo(ProblemTexts.ENGLISH);
        assertThat(ProblemTexts.locale("en-US,en;q=0.9")).isEqualTo(ProblemTexts.ENGLISH);
        assertThat(ProblemTexts.locale("fr-FR, en;q=0.5")).isEqualTo(ProblemTexts.ENGLISH);
        assertThat(ProblemTexts.locale("en;q=0.5, vi")).isEqualTo(ProblemTexts.VIETNAMESE);
        assertThat(ProblemTexts.locale("fr")).isEqualTo(ProblemTexts.VIETNAMESE);
        assertThat(ProblemTexts.locale("*")).isEqualTo(ProblemTexts.VIETNAMESE);
        assertThat(ProblemTexts.locale("en;q=0")).isEqualTo(ProblemTexts.VIETNAMESE);
        assertThat(ProblemTexts.locale(";;;=")).isEqualTo(ProblemTexts.VIETNAMESE);
    }

    @Test
    void aProblemRendersInTheLanguageWithTheSameCodeAndType() {
        Problem problem = Problem.of(ProblemCode.NOT_FOUND, "object", Text.of("object.plan", "a0000000-2022"));
        Map<String, Object> vi = problem.render(ProblemTexts.VIETNAMESE);
        Map<String, Object> en = problem.render(ProblemTexts.ENGLISH);
        assertThat(vi).containsEntry("type", "https://loa.gov.vn/problems/not-found").containsEntry("status", 404)
                .containsEntry("code", "not-found").containsEntry("title", "Không tìm thấy")
                .containsEntry("detail", "Không tìm thấy kế hoạch a0000000-2022.");
        assertThat(en).containsEntry("type", vi.get("type")).containsEntry("code", "not-found")
                .containsEntry("title", "Not found").containsEntry("detail", "Plan a0000000-2022 was not found.");
        assertThat(List.copyOf(vi.keySet())).containsExactly("type", "title", "status", "detail", "code");
    }

    @Test
    void fieldErrorsAndListsAreInTheLanguageToo() {
        List<FieldText> errors = List.of(FieldText.of("targets", "field.plan.target-required"),
                FieldText.of("title", "field.size.text.max", 500L));
        Problem problem = Problem.of(ProblemCode.PLAN_INCOMPLETE, "list", errors).withErrors(errors);
        Map<String, Object> vi = problem.render(ProblemTexts.VIETNAMESE);
        assertThat(vi.get("detail")).isEqualTo(
                "Chưa thể ban hành kế hoạch: targets: kế hoạch cần có ít nhất một chỉ tiêu; title: phải có tối đa 500 ký tự");
        assertThat(vi.get("errors")).isEqualTo(List.of(Map.of("field", "targets", "message", "kế hoạch cần có ít nhất một chỉ tiêu"),
                Map.of("field", "title", "message", "phải có tối đa 500 ký tự")));
        // Numbers as each language writes them.
        assertThat(ProblemTexts.shared().resolve(Text.of("field.size.text.max", 4000L), ProblemTexts.VIETNAMESE))
                .isEqualTo("phải có tối đa 4.000 ký tự");
        assertThat(ProblemTexts.shared().resolve(Text.of("field.size.text.max", 4000L), ProblemTexts.ENGLISH))
                .isEqualTo("must be at most 4,000 characters long");
    }

    @Test
    void aCodeGivenAsAStringTakesTheCatalogueStatusAndTitleAndKeepsItsDetail() {
        // activity-service wrote validation-failed with 422 before the catalogue: the catalogue wins.
        Problem legacy = Problem.legacy("validation-failed", 422, "Unprocessable request", "The activity refers to …");
        assertThat(legacy.status()).isEqualTo(400);
        assertThat(legacy.render(ProblemTexts.VIETNAMESE)).containsEntry("title", "Dữ liệu không hợp lệ")
                .containsEntry("detail", "The activity refers to …");
        // An unknown code keeps what it was given; its title falls back to the given one.
        Problem unknown = Problem.legacy("evidence-too-large", 413, "Evidence too large", "At most 20 MiB.");
        assertThat(unknown.render(ProblemTexts.ENGLISH)).containsEntry("status", 413)
                .containsEntry("title", "Evidence too large").containsEntry("type", "https://loa.gov.vn/problems/evidence-too-large");
    }

    @Test
    void aDetailMissingFromTheBundlesFallsBackToTheThrowSiteTextOrTheCodeDefault() {
        Problem withFallback = Problem.of(ProblemCode.CONFLICT, Text.of("problem.conflict.not-yet-there").orElse("Given text."));
        assertThat(withFallback.render(ProblemTexts.VIETNAMESE)).containsEntry("detail", "Given text.");
        Problem without = Problem.of(ProblemCode.CONFLICT, "not-yet-there");
        assertThat(without.render(ProblemTexts.VIETNAMESE))
                .containsEntry("detail", "Yêu cầu mâu thuẫn với trạng thái hiện tại của đối tượng.");
    }

    private static Set<String> placeholders(String message) {
        return java.util.regex.Pattern.compile("\\{\\d}").matcher(message).results().map(java.util.regex.MatchResult::group)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The bundle as its bytes say, decoded strictly as UTF-8 (a Latin-1 file fails here). */
    static Map<String, String> bundle(String language) throws IOException {
        String name = "/" + ProblemTexts.BUNDLE + "_" + language + ".properties";
        try (InputStream in = ProblemCatalogueTests.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(in.readAllBytes())).toString();
            } catch (CharacterCodingException e) {
                throw new AssertionError(name + " is not UTF-8", e);
            }
            Properties properties = new Properties();
            properties.load(new StringReader(text));
            Map<String, String> out = new HashMap<>();
            properties.forEach((k, v) -> out.put(k.toString(), v.toString()));
            return out;
        }
    }
}
