package vn.loa.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * The services' request body limits (SHARED-DECISIONS, issue 14): JSON at most {@code loa.web.max-json-body}
 * (256 KiB), imports and uploads (CSV, XLSX, multipart) at most {@code loa.web.max-import-body} (10 MiB), except
 * on the routes a service declares with a {@link RouteBodyLimit} bean (evidence files: 20 MiB per file). Over it: 413 {@code payload-too-large} naming the limit. A declared {@code Content-Length} is refused before
 * anything reads the body; a body without one is counted as it is read and refused when it passes the limit.
 * <p>
 * Runs before security and the {@code Idempotency-Key} filter, which reads the whole body.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final String JSON = "JSON requests";
    static final String IMPORT = "imports and uploads";

    private final long maxJson;
    private final long maxImport;
    private final List<Route> routes;
    private final JsonMapper jsonMapper;

    public RequestBodyLimitFilter(long maxJson, long maxImport, JsonMapper jsonMapper) {
        this(maxJson, maxImport, List.of(), jsonMapper);
    }

    /** @param routes non-JSON bodies on these paths get their route's limit instead of {@code maxImport} (first match wins) */
    public RequestBodyLimitFilter(long maxJson, long maxImport, List<RouteBodyLimit> routes, JsonMapper jsonMapper) {
        this.maxJson = maxJson;
        this.maxImport = maxImport;
        this.routes = routes.stream().map(r -> new Route(r.parsed(), r.maxBody().toBytes(), r.kind())).toList();
        this.jsonMapper = jsonMapper;
    }

    private record Route(PathPattern pattern, long limit, String kind) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean json = isJson(request.getContentType());
        long limit = json ? maxJson : maxImport;
        String kind = json ? JSON : IMPORT;
        if (!json && !routes.isEmpty()) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            for (Route route : routes) {
                if (RouteBodyLimit.matches(route.pattern(), path)) {
                    limit = route.limit();
                    kind = route.kind();
                    break;
                }
            }
        }
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            write(request, response, tooLarge(limit, kind));
            return;
        }
        HttpServletRequest counted = declared < 0 ? new LimitedRequest(request, limit, kind) : request;
        try {
            chain.doFilter(counted, response);
        } catch (IOException | ServletException | RuntimeException e) {
            PayloadTooLargeException tooLarge = PayloadTooLargeException.in(e);
            if (tooLarge == null || response.isCommitted()) {
                throw e;
            }
            response.reset();
            write(request, response, tooLarge.problem());
        }
    }

    /** JSON, or no body type given (the API's bodies are JSON); everything else is an import or upload. */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** 413 {@code payload-too-large} naming the limit ({@code problem.payload-too-large.json} / {@code .import}). */
    static ApiException tooLarge(long limit, String kind) {
        ApiException problem;
        if (JSON.equals(kind)) {
            problem = ApiException.of(ProblemCode.PAYLOAD_TOO_LARGE, "json", limit, human(limit));
        } else if (IMPORT.equals(kind)) {
            problem = ApiException.of(ProblemCode.PAYLOAD_TOO_LARGE, "import", limit, human(limit));
        } else {
            // a limit of a service's own (named by its kind, in English): its words until it has a key
            problem = ApiException.of(ProblemCode.PAYLOAD_TOO_LARGE, Text.literal("The request body is larger than "
                    + NumberFormat.getIntegerInstance(Locale.ROOT).format(limit) + " bytes (" + human(limit)
                    + "), the limit for " + kind + "."));
        }
        return problem.with("limit", limit);
    }

    private static String human(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ApiException problem) throws IOException {
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // The client may still be sending: tell it the connection ends here rather than read the rest.
        response.setHeader("Connection", "close");
        response.getOutputStream().write(jsonMapper.writeValueAsBytes(Problems.of(problem, request)));
    }

    /** Counts the body as it is read and fails past the limit. */
    static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final String kind;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit, String kind) {
            super(request);
            this.limit = limit;
            this.kind = kind;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit, kind);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final String kind;
        private long read;

        LimitedInputStream(ServletInputStream in, long limit, String kind) {
            this.in = in;
            this.limit = limit;
            this.kind = kind;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit, kind);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
