package vn.loa.support.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.Problems;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on creating POSTs (API.md): the first answer to a key is stored and
 * replayed for a repeat with the same body; the same key with another body is 422. Keys are per
 * caller, so two users cannot collide. A request that fails with a server error leaves no record,
 * so that it can be retried.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final IdempotencyStore store;
    private final JsonMapper jsonMapper;

    public IdempotencyFilter(IdempotencyStore store, JsonMapper jsonMapper) {
        this.store = store;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        if (key.isEmpty() || key.length() > 200) {
            problem(response, ApiException.badRequest("invalid-idempotency-key",
                    "The Idempotency-Key header must have 1 to 200 characters."));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String principal = principal();
        String hash = hash(request.getRequestURI(), body);

        if (!store.claim(principal, key, request.getRequestURI(), hash)) {
            Optional<IdempotencyStore.StoredResponse> stored = store.find(principal, key);
            if (stored.isEmpty()) {
                // The other request failed and released the key between our two reads: just retry.
                problem(response, ApiException.conflict("idempotency-in-progress",
                        "A request with this Idempotency-Key is being processed; repeat it in a moment."));
                return;
            }
            IdempotencyStore.StoredResponse first = stored.get();
            if (!first.requestHash().equals(hash)) {
                problem(response, ApiException.unprocessable("idempotency-key-reused",
                        "This Idempotency-Key was already used with another request body."));
                return;
            }
            if (first.status() == null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problem(response, ApiException.conflict("idempotency-in-progress",
                        "A request with this Idempotency-Key is being processed; repeat it in a moment."));
                return;
            }
            replay(response, first);
            return;
        }

        ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), wrapped);
            completed = true;
        } finally {
            int status = wrapped.getStatus();
            if (completed && status < 500) {
                store.complete(principal, key, status, wrapped.getContentType(),
                        wrapped.getHeader(HttpHeaders.LOCATION), wrapped.getHeader(HttpHeaders.ETAG),
                        wrapped.getContentAsByteArray());
            } else {
                store.release(principal, key);
            }
            wrapped.copyBodyToResponse();
        }
    }

    private void replay(HttpServletResponse response, IdempotencyStore.StoredResponse first) throws IOException {
        response.setStatus(first.status());
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        if (first.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, first.location());
        }
        if (first.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, first.etag());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        if (first.body() != null) {
            response.getOutputStream().write(first.body());
        }
    }

    private void problem(HttpServletResponse response, ApiException e) throws IOException {
        response.setStatus(e.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(jsonMapper.writeValueAsBytes(Problems.of(e)));
    }

    private static String principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous" : authentication.getName();
    }

    private static String hash(String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets the controller read the body the filter already read to hash it. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

}
