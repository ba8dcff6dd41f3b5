package vn.loa.messaging.inbound;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.Inbox;

import javax.sql.DataSource;
import java.util.Objects;
import java.util.UUID;

/**
 * Records {@code (consumer, event_id)} in {@code processed_event} and runs the effect in the same
 * transaction, through the application's transaction manager (JPA or JDBC), so that the effect's
 * JPA and JDBC work commit or roll back with the record. Joins the caller's transaction if there is one. A concurrent duplicate waits on the
 * primary key and then finds the row: the effect runs once.
 */
public class JdbcInbox implements Inbox {

    private static final String INSERT = """
            insert into processed_event (consumer, event_id, processed_at) values (?, ?, now())
            on conflict do nothing""";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcInbox(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public boolean processOnce(String consumer, UUID eventId, Runnable effect) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(effect, "effect");
        Boolean ran = transactions.execute(status -> {
            if (!TransactionSynchronizationManager.hasResource(dataSource)) {
                // The transaction manager does not manage this DataSource: the inbox row would commit on its own.
                throw new IllegalTransactionStateException("The inbox needs a transaction manager of its DataSource"
                        + " (JpaTransactionManager or DataSourceTransactionManager of the same DataSource)");
            }
            if (jdbc.update(INSERT, consumer, eventId) == 0) {
                return false;
            }
            effect.run();
            return true;
        });
        return Boolean.TRUE.equals(ran);
    }
}
