package vn.loa.support.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAdviceTests {

    private final ProblemAdvice advice = new ProblemAdvice();
    private static final MockHttpServletRequest REQUEST = new MockHttpServletRequest();

    private ResponseEntity<ProblemDetail> unexpected(Exception e) {
        return advice.unexpected(e, REQUEST);
    }

    @Test
    void aPoolTimeoutWhileOpeningATransactionIs503WithRetryAfter() {
        ResponseEntity<ProblemDetail> response = unexpected(new CannotCreateTransactionException(
                "Could not open JPA EntityManager for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out")));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail body = response.getBody();
        assertThat(body.getProperties()).containsEntry("code", "service-unavailable");
        assertThat(body.getType().toString()).endsWith("/service-unavailable");
        assertThat(body.getDetail()).doesNotContain("Hikari").doesNotContain("Exception");
    }

    @Test
    void aConnectionRefusedOrAServerShuttingDownIs503() {
        assertThat(unexpected(new CannotGetJdbcConnectionException("no connection",
                new SQLException("Connection to localhost:5432 refused", "08001"))).getStatusCode().value()).isEqualTo(503);
        assertThat(unexpected(new RuntimeException("commit failed",
                new SQLException("FATAL: the database system is shutting down", "57P03"))).getStatusCode().value()).isEqualTo(503);
        assertThat(unexpected(new DataAccessResourceFailureException("down")).getStatusCode().value()).isEqualTo(503);
        // Hibernate's "Unable to rollback against JDBC Connection" over HikariCP's closed connection.
        assertThat(unexpected(new RuntimeException("Unable to rollback against JDBC Connection",
                new RuntimeException("Unable to rollback", new SQLException("Connection is closed"))))
                .getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void otherFailuresStay500WithoutDetailsOfTheCause() {
        ResponseEntity<ProblemDetail> response = unexpected(new IllegalStateException("bug",
                new SQLException("duplicate key value violates unique constraint", "23505")));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
        assertThat(response.getBody().getProperties()).containsEntry("code", "internal-error");
        assertThat(response.getBody().getDetail()).doesNotContain("duplicate key");
    }

    @Test
    void anUploadCutOffMidWayIs400NotA500() {
        ResponseEntity<ProblemDetail> response = advice.multipart(new org.springframework.web.multipart.MultipartException(
                "Failed to parse multipart servlet request", new java.io.EOFException("Unexpected EOF read on the socket")), REQUEST);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().getProperties()).containsEntry("code", "malformed-request");
        assertThat(response.getBody().getDetail()).doesNotContain("EOF");
    }
}
