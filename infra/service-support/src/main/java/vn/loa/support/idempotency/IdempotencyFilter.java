package vn.loa.support.idempotency;

import jakarta.servlet.FilterChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.inbound.DatabaseUnavailable;

import javax.sql.DataSource;
import java.time.Duration;
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
import vn.loa.common.problem.ProblemCode;
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
 * {@code Idempotency-Key} on creating POSTs (API.md): the first answer to a key is stored and replayed for a
 * repeat with the same body; the same key with another body is 422. Keys are per caller, so two users
 * cannot collide.
 * <p>
 * The request runs inside one transaction of the application's transaction manager, which the services'
 * {@code @Transactional} methods join (JPA or JDBC, on the same DataSource): the stored answer commits
 * <em>with</em> the business change, and the answer is sent only after that commit. So:
 * <ul>
 * <li>a crash after the commit (the client never got the answer) → the retry gets the original answer;</li>
 * <li>a crash, a rollback or a server error before it → nothing was stored and nothing changed: the retry runs
 *     the request again;</li>
 * <li>"in progress" is a transaction-level advisory lock on the key, not a row: it ends with the request's
 *     transaction, also when the process dies (PostgreSQL rolls back its session), and an idle transaction is
 *     ended by the server after {@code loa.idempotency.lease} (30 s). A repeat meanwhile gets 409
 *     {@code idempotency-in-progress} with {@code Retry-After: 1}.</li>
 * </ul>
 * A 4xx answer whose business transaction was rolled back (the service refused) is stored in a transaction of
 * its own afterwards: there was no change to go with it. Work a service does in {@code REQUIRES_NEW}
 * transactions is outside this one.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final JsonMapper jsonMapper;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Duration lease;

    /**
     * @param transactionManager the application's (JpaTransactionManager or DataSourceTransactionManager of
     *                           {@code dataSource}): the services' transactions join the request's
     * @param lease              longest the request's transaction may stay idle before the server ends it
     */
    public IdempotencyFilter(IdempotencyStore store, JsonMapper jsonMapper, DataSource dataSource,
                             PlatformTransactionManager transactionManager, Duration lease) {
        this.store = store;
        this.jsonMapper = jsonMapper;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.lease = lease;
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
            problem(request, response, ApiException.of(ProblemCode.INVALID_IDEMPOTENCY_KEY));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes(); // bounded by the body limit filter
        String principal = principal();
        String path = request.getRequestURI();
        String hash = hash(path, body);
        ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);

        Outcome outcome;
        try {
            outcome = transactions.execute(status -> {
                if (!TransactionSynchronizationManager.hasResource(dataSource)) {
                    throw new IllegalStateException("Idempotency-Key needs the transaction manager of the service's"
                            + " DataSource, so that the stored answer commits with the change");
                }
                if (!store.tryLock(principal, key)) {
                    return Outcome.IN_PROGRESS;
                }
                store.lease(lease);
                Optional<IdempotencyStore.StoredResponse> first = store.find(principal, key);
                if (first.isPresent()) {
                    return new Outcome(Kind.EXISTING, first.get());
                }
                run(chain, new CachedBodyRequest(request, body), wrapped);
                int code = wrapped.getStatus();
                if (code >= 500) {
                    status.setRollbackOnly();
                    return Outcome.SERVER_ERROR;
                }
                if (status.isRollbackOnly()) {
                    // A service method failed and marked the transaction; roll back without an exception.
                    status.setRollbackOnly();
                    return code >= 400 ? Outcome.REFUSED : Outcome.BROKEN;
                }
                status.flush(); // JPA: constraint violations surface now, not at commit after the answer is stored
                store.save(principal, key, path, hash, code, wrapped.getContentType(),
                        wrapped.getHeader(HttpHeaders.LOCATION), wrapped.getHeader(HttpHeaders.ETAG),
                        wrapped.getContentAsByteArray());
                return Outcome.DONE;
            });
        } catch (ChainFailure e) {
            e.rethrow();
            return;
        } catch (RuntimeException e) {
            // The commit (or the database before the request ran) failed: nothing was stored with a change, the
            // client may repeat the request with the same key. The buffered answer is not sent.
            unsent(request, response, e);
            return;
        }
        switch (outcome.kind()) {
            case IN_PROGRESS -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problem(request, response, ApiException.of(ProblemCode.IDEMPOTENCY_IN_PROGRESS));
            }
            case EXISTING -> {
                IdempotencyStore.StoredResponse first = outcome.first();
                if (!first.requestHash().equals(hash)) {
                    problem(request, response, ApiException.of(ProblemCode.IDEMPOTENCY_KEY_REUSED));
                } else {
                    replay(response, first);
                }
            }
            case REFUSED -> {
                storeRefusal(principal, key, path, hash, wrapped);
                wrapped.copyBodyToResponse();
            }
            case BROKEN -> unsent(request, response, new IllegalStateException(
                    "the request's transaction was marked rollback-only although the answer was " + wrapped.getStatus()));
            default -> wrapped.copyBodyToResponse(); // DONE, SERVER_ERROR
        }
    }

    /** The service refused without a change: its answer is stored on its own, for the repeats to get it too. */
    private void storeRefusal(String principal, String key, String path, String hash, ContentCachingResponseWrapper wrapped) {
        try {
            transactions.executeWithoutResult(status -> {
                if (store.tryLock(principal, key) && store.find(principal, key).isEmpty()) {
                    store.save(principal, key, path, hash, wrapped.getStatus(), wrapped.getContentType(),
                            wrapped.getHeader(HttpHeaders.LOCATION), wrapped.getHeader(HttpHeaders.ETAG),
                            wrapped.getContentAsByteArray());
                }
            });
        } catch (RuntimeException e) {
            // Nothing changed: a repeat will run the request again and get the same refusal.
            log.warn("Could not store the refusal for Idempotency-Key of {}: {}", principal, e.toString());
        }
    }

    private void unsent(HttpServletRequest request, HttpServletResponse response, RuntimeException e) throws IOException {
        if (response.isCommitted()) {
            throw e;
        }
        response.reset();
        if (DatabaseUnavailable.in(e)) {
            log.warn("Idempotent request not committed, the database is unavailable: {}", e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problem(request, response, ApiException.of(ProblemCode.SERVICE_UNAVAILABLE, "database-not-saved"));
        } else {
            log.error("Idempotent request not committed", e);
            problem(request, response, ApiException.of(ProblemCode.INTERNAL_ERROR, "not-committed"));
        }
    }

    private static void run(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException e) {
            throw new ChainFailure(e);
        }
    }

    private enum Kind { IN_PROGRESS, EXISTING, DONE, REFUSED, SERVER_ERROR, BROKEN }

    private record Outcome(Kind kind, IdempotencyStore.StoredResponse first) {
        static final Outcome IN_PROGRESS = new Outcome(Kind.IN_PROGRESS, null);
        static final Outcome DONE = new Outcome(Kind.DONE, null);
        static final Outcome REFUSED = new Outcome(Kind.REFUSED, null);
        static final Outcome SERVER_ERROR = new Outcome(Kind.SERVER_ERROR, null);
        static final Outcome BROKEN = new Outcome(Kind.BROKEN, null);
    }

    /** A checked exception of the filter chain, carried through the transaction callback (which rolls back). */
    private static final class ChainFailure extends RuntimeException {
        private final Exception failure;

        ChainFailure(Exception failure) {
            super(failure);
            this.failure = failure;
        }

        void rethrow() throws IOException, ServletException {
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (ServletException) failure;
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

    private void problem(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        response.setStatus(e.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(jsonMapper.writeValueAsBytes(Problems.of(e, request)));
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
