package vn.loa.messaging.inbound;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises a database error that says "try again" about the transaction, not "this event is bad":
 * serialization failure (SQLSTATE 40001), deadlock (40P01), lock not available / lock timeout (55P03),
 * statement cancelled or timed out (57014), a read-only transaction (25006, e.g. a connection that reached
 * a standby during a failover), and the connection errors of class 08. A consumer retries such an event
 * with back-off for as long as it takes; it never goes to the dead-letter topic for it.
 * <p>
 * Also the Spring, Hibernate and JPA exceptions these states are translated into, when the SQLException
 * itself is no longer in the chain.
 */
public final class TransientDatabaseError {

    static final Set<String> SQL_STATES = Set.of("40001", "40P01", "55P03", "57014", "25006");

    private static final Set<String> TRANSLATED = Set.of(
            "org.hibernate.exception.LockAcquisitionException", "org.hibernate.PessimisticLockException",
            "org.hibernate.QueryTimeoutException", "org.hibernate.exception.JDBCConnectionException",
            "jakarta.persistence.LockTimeoutException", "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.QueryTimeoutException");

    private TransientDatabaseError() {
    }

    /** True when {@code e} or one of its causes is a transient database error. */
    public static boolean in(Throwable e) {
        return sqlState(e) != null;
    }

    /**
     * The SQLSTATE (or the translated exception's class name) that makes {@code e} transient, or null.
     * For logs and tests.
     */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (SQL_STATES.contains(state) || state.startsWith("08")) {
                    return state;
                }
            }
            if (t instanceof PessimisticLockingFailureException || t instanceof QueryTimeoutException
                    || TRANSLATED.contains(t.getClass().getName())) {
                // Keep looking for the SQLException underneath; the translation alone is enough.
                String below = t.getCause() != null && t.getCause() != t ? sqlState(t.getCause()) : null;
                return below != null ? below : t.getClass().getSimpleName();
            }
        }
        return null;
    }
}
