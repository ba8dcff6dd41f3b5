package vn.loa.support.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyLimitFilterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(256 * 1024, 10 * 1024 * 1024,
            List.of(new RouteBodyLimit("/api/activities/*/evidence", DataSize.ofBytes(20 * 1024 * 1024 + 64 * 1024), "evidence uploads")),
            JSON);

    private MockHttpServletResponse send(String path, String contentType, long length) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType(contentType);
        request.addHeader("Content-Length", String.valueOf(length));
        request.setContent(new byte[0]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        // The mock request reports the header's length as declared.
        filter.doFilter(new jakarta.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public long getContentLengthLong() {
                return length;
            }
        }, response, chain);
        return response;
    }

    @Test
    void anUploadRouteTakesItsOwnLimitAndNamesIt() throws Exception {
        assertThat(send("/api/activities/5f0c/evidence", "multipart/form-data; boundary=x", 20 * 1024 * 1024).getStatus())
                .isEqualTo(200);
        MockHttpServletResponse refused = send("/api/activities/5f0c/evidence", "multipart/form-data; boundary=x", 21 * 1024 * 1024);
        assertThat(refused.getStatus()).isEqualTo(413);
        // (a plain JsonMapper writes the problem's extra members under "properties"; Spring's flattens them)
        JsonNode problem = JSON.readTree(refused.getContentAsByteArray());
        assertThat(problem.toString()).contains("payload-too-large", "21037056");
        assertThat(problem.get("detail").asString()).contains("21,037,056 bytes", "the limit for evidence uploads");
    }

    @Test
    void otherRoutesAndJsonKeepTheirLimits() throws Exception {
        assertThat(send("/api/activities/import", "text/csv", 11 * 1024 * 1024).getStatus()).isEqualTo(413);
        assertThat(send("/api/activities/5f0c/evidence/x", "multipart/form-data; boundary=x", 11 * 1024 * 1024).getStatus())
                .isEqualTo(413);
        assertThat(send("/api/activities/5f0c/evidence", "application/json", 300 * 1024).getStatus()).isEqualTo(413);
    }
}
