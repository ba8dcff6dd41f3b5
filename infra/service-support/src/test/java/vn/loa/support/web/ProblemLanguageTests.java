package vn.loa.support.web;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.ProblemTexts;
import vn.loa.common.problem.Text;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Problems in Vietnamese by default and in English on request, the same code and type in both. */
class ProblemLanguageTests {

    private static final jakarta.validation.ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private final ProblemAdvice advice = new ProblemAdvice();

    private static MockHttpServletRequest request(String acceptLanguage) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (acceptLanguage != null) {
            request.addHeader("Accept-Language", acceptLanguage);
        }
        return request;
    }

    @Test
    void aNotFoundIsVietnameseWithoutAcceptLanguageAndEnglishWithIt() {
        ApiException e = ApiException.of(ProblemCode.NOT_FOUND, "object", Text.of("object.plan", "a0000000-2022"));
        ProblemDetail vi = advice.api(e, request(null)).getBody();
        ProblemDetail en = advice.api(e, request("en")).getBody();
        assertThat(vi.getTitle()).isEqualTo("Không tìm thấy");
        assertThat(vi.getDetail()).isEqualTo("Không tìm thấy kế hoạch a0000000-2022.");
        assertThat(en.getTitle()).isEqualTo("Not found");
        assertThat(en.getDetail()).isEqualTo("Plan a0000000-2022 was not found.");
        assertThat(vi.getProperties()).containsEntry("code", "not-found");
        assertThat(en.getProperties()).containsEntry("code", "not-found");
        assertThat(vi.getType()).isEqualTo(en.getType()).hasToString("https://loa.gov.vn/problems/not-found");
        assertThat(vi.getStatus()).isEqualTo(404);
    }

    @Test
    void anInternalErrorAndAnUnavailableDatabaseAreInTheLanguageToo() {
        ProblemDetail vi = advice.unexpected(new IllegalStateException("bug"), request("vi-VN")).getBody();
        assertThat(vi.getTitle()).isEqualTo("Lỗi hệ thống");
        ProblemDetail en = advice.unexpected(new org.springframework.dao.DataAccessResourceFailureException("down"),
                request("en-US")).getBody();
        assertThat(en.getTitle()).isEqualTo("Service unavailable");
        assertThat(en.getDetail()).isEqualTo("The service cannot reach its database at the moment. Please try again shortly.");
    }

    @Test
    void aCodeGivenAsAStringByAModuleNotYetMovedGetsTheCatalogueStatusAndAVietnameseTitle() {
        @SuppressWarnings("deprecation")
        ApiException legacy = ApiException.unprocessable("validation-failed", "The activity refers to something its plan lacks.");
        ProblemDetail vi = advice.api(legacy, request(null)).getBody();
        assertThat(vi.getStatus()).isEqualTo(400);
        assertThat(vi.getTitle()).isEqualTo("Dữ liệu không hợp lệ");
        assertThat(vi.getDetail()).isEqualTo("The activity refers to something its plan lacks.");
    }

    @Test
    void theExtraMembersAndFieldErrorsAreKept() {
        ApiException e = ApiException.invalid("orgUnit", "field.required").with("period", "2022-Q1");
        ProblemDetail en = advice.api(e, request("en")).getBody();
        assertThat(en.getProperties()).containsEntry("period", "2022-Q1")
                .containsEntry("errors", List.of(new FieldError("orgUnit", "is required")));
        ProblemDetail vi = advice.api(e, request(null)).getBody();
        assertThat(vi.getProperties().get("errors")).isEqualTo(List.of(new FieldError("orgUnit", "là trường bắt buộc")));
    }

    record Note(@Size(max = 200) String text, @Max(1000) Integer priority, @NotBlank String author,
                @Size(max = 3) List<@Size(max = 5) String> tags, @Pattern(regexp = "[a-z]+") String code,
                @Pattern(regexp = "[a-z]+", message = "{field.code-format}") String unit) {
    }

    @Test
    void boundsStateTheLimitInBothLanguagesAndStandardConstraintsAreTranslated() {
        var violations = VALIDATOR.validate(new Note("Đ".repeat(4_001), 5000, " ", List.of("a", "b", "c", "tuyên truyền"),
                "X", "Y"));
        Map<String, String> vi = messages(ConstraintMessages.fieldErrors(violations, ProblemTexts.VIETNAMESE));
        Map<String, String> en = messages(ConstraintMessages.fieldErrors(violations, ProblemTexts.ENGLISH));
        assertThat(en).containsEntry("text", "must be at most 200 characters long (it has 4,001)")
                .containsEntry("priority", "must be at most 1,000 (it is 5000)")
                .containsEntry("author", "must not be blank")
                .containsEntry("tags", "must have at most 3 items (it has 4)")
                .containsEntry("tags[3]", "must be at most 5 characters long (it has 12)")
                .containsEntry("code", "must match \"[a-z]+\"")
                .containsEntry("unit", "lower-case letters and digits, words joined by single dashes");
        assertThat(vi).containsEntry("text", "phải có tối đa 200 ký tự (hiện có 4.001)")
                .containsEntry("priority", "không được lớn hơn 1.000 (giá trị gửi lên: 5000)")
                .containsEntry("author", "không được để trống")
                .containsEntry("tags", "phải có tối đa 3 mục (hiện có 4)")
                .containsEntry("code", "phải khớp mẫu \"[a-z]+\"")
                .containsEntry("unit", "chỉ gồm chữ thường không dấu và chữ số, các từ nối với nhau bằng một dấu gạch ngang");
    }

    private static Map<String, String> messages(List<FieldError> errors) {
        Map<String, String> out = new TreeMap<>();
        errors.forEach(e -> out.put(e.field(), e.message()));
        return out;
    }
}
