package vn.loa.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The 401 and 403 the filter chain answers are in the caller's language too. */
class ProblemAuthenticationHandlersTests {

    // as Boot's JsonMapper: ProblemDetail's extra members at the top level
    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(org.springframework.http.ProblemDetail.class, org.springframework.http.converter.json.ProblemDetailJacksonMixin.class)
            .build();
    private final ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers(JSON);

    @Test
    void withoutATokenIs401InVietnameseByDefault() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        handlers.commence(new MockHttpServletRequest(), response, new InsufficientAuthenticationException("none"));
        JsonNode body = JSON.readTree(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(body.get("code").asString()).isEqualTo("unauthorized");
        assertThat(body.get("title").asString()).isEqualTo("Chưa xác thực");
        assertThat(body.get("detail").asString()).startsWith("Cần có mã truy cập");
    }

    @Test
    void aRefusedRoleIs403InEnglishWhenAskedFor() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Accept-Language", "en");
        request.addHeader("Authorization", "Bearer x");
        MockHttpServletResponse response = new MockHttpServletResponse();
        handlers.handle(request, response, new AccessDeniedException("no"));
        JsonNode body = JSON.readTree(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(body.get("code").asString()).isEqualTo("forbidden");
        assertThat(body.get("title").asString()).isEqualTo("Forbidden");
        assertThat(body.get("type").asString()).isEqualTo("https://loa.gov.vn/problems/forbidden");
    }
}
