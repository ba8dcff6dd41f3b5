package vn.loa.notification.delivery;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Outcomes of attempts that were made but could not be written because the database did not answer. Left alone,
 * such a delivery stays claimed until its lease runs out (5 minutes) and is then sent again; kept here, its outcome is
 * written as soon as the database answers, and the receiver gets it once. An entry is kept at most until its claim's
 * lease has run out: after that another claim may have sent it again, and the version check in
 * {@link DeliveryOutcomes} would refuse the write anyway. Memory: at most one entry per delivery this instance held
 * when the database went away (a claim needs the database, so nothing new comes in while it is away).
 * <p>
 * Only "the database did not answer" is kept: any other failure (a constraint, a trigger) would fail again, and a
 * crash loses this memory; both still end with the lease.
 */
final class UnrecordedOutcomes {

    private static final Logger log = LoggerFactory.getLogger(UnrecordedOutcomes.class);

    private record Unrecorded(Instant until, BooleanSupplier write) {
    }

    private final Map<UUID, Unrecorded> pending = new ConcurrentHashMap<>();

    /**
     * Writes an outcome; when the database does not answer, keeps it to be written again by {@link #retry} until
     * {@code until}. Other failures are thrown.
     */
    void write(UUID delivery, Instant until, BooleanSupplier write) {
        try {
            write.getAsBoolean();
        } catch (RuntimeException e) {
            if (!databaseDidNotAnswer(e)) {
                throw e;
            }
            log.warn("Delivery {}: its outcome could not be written ({}); written again once the database answers",
                    delivery, e.toString());
            pending.put(delivery, new Unrecorded(until, write));
        }
    }

    /**
     * Writes the kept outcomes again, in no particular order, and stops at the first one the database does not take
     * (it is still away: the others would wait for it too). Those whose lease ran out are dropped.
     *
     * @return how many were written (or found stale) and left the memory
     */
    int retry(Instant now) {
        int done = 0;
        for (Map.Entry<UUID, Unrecorded> entry : pending.entrySet()) {
            Unrecorded unrecorded = entry.getValue();
            if (now.isAfter(unrecorded.until())) {
                pending.remove(entry.getKey(), unrecorded);
                log.warn("Delivery {}: its outcome was not written before its lease ran out; it will be sent again",
                        entry.getKey());
                continue;
            }
            try {
                unrecorded.write().getAsBoolean();
            } catch (RuntimeException e) {
                if (databaseDidNotAnswer(e)) {
                    return done;
                }
                log.warn("Delivery {}: its outcome could not be written: {}", entry.getKey(), e.toString());
            }
            pending.remove(entry.getKey(), unrecorded);
            done++;
        }
        return done;
    }

    int size() {
        return pending.size();
    }

    /** No connection, a connection lost, a server going down: what a later try may get through. */
    static boolean databaseDidNotAnswer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception; admin shutdown, crash shutdown, cannot connect now
            }
        }
        return false;
    }
}
