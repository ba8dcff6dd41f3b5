package vn.loa.messaging.inbound;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure that says the consumer's own database is unreachable (down, restarting, pool
 * exhausted waiting for it) rather than that the event is bad: such a record must wait for the database,
 * not go to the dead-letter topic after a few quick retries.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /** True when {@code e} or one of its causes is a failure to get or keep a database connection. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || "org.hibernate.exception.JDBCConnectionException".equals(t.getClass().getName())) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // SQLSTATE class 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now.
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                // HikariCP on a connection it already found broken (no SQLSTATE).
                if (state == null && "Connection is closed".equals(sql.getMessage())) {
                    return true;
                }
            }
        }
        return false;
    }
}
