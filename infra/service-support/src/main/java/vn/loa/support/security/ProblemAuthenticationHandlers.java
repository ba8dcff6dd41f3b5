package vn.loa.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.common.problem.ProblemCode;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.Problems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** 401 and 403 as problem+json in the request's language (the filter chain answers them before any controller advice could). */
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper jsonMapper;

    ProblemAuthenticationHandlers(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String variant = request.getHeader("Authorization") == null ? "missing-token" : "invalid-token";
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, ApiException.of(ProblemCode.UNAUTHORIZED, variant));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, ApiException.of(ProblemCode.FORBIDDEN));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ApiException problem) throws IOException {
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(jsonMapper.writeValueAsBytes(Problems.of(problem, request)));
    }
}
