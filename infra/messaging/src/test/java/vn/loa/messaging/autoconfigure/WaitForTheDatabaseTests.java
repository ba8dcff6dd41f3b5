package vn.loa.messaging.autoconfigure;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import vn.loa.messaging.InvalidEventException;
import vn.loa.messaging.Topics;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

class WaitForTheDatabaseTests {

    private final BiFunction<ConsumerRecord<?, ?>, Exception, BackOff> backOffs =
            MessagingAutoConfiguration.waitForTheDatabase(Duration.ofSeconds(5));
    private final ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.PERIOD_EVENTS, 0, 7L, "duc-tho", "{}");

    @Test
    void anEventArrivingWhileTheDatabaseIsDownWaitsForItInsteadOfGoingToTheDeadLetterTopic() {
        Exception failure = new ListenerExecutionFailedException("listener failed", new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out")));

        BackOff backOff = backOffs.apply(record, failure);

        assertThat(backOff).isNotNull();
        BackOffExecution execution = backOff.start();
        for (int attempt = 0; attempt < 1000; attempt++) {
            assertThat(execution.nextBackOff()).isEqualTo(5000L);
        }
    }

    @Test
    void aServerShuttingDownCountsAsUnavailable() {
        assertThat(backOffs.apply(record, new ListenerExecutionFailedException("failed",
                new RuntimeException(new SQLException("FATAL: terminating connection due to administrator command", "57P01")))))
                .isNotNull();
    }

    private final BiFunction<ConsumerRecord<?, ?>, Exception, BackOff> withTransientErrors =
            MessagingAutoConfiguration.waitForTheDatabase(Duration.ofSeconds(5),
                    new MessagingProperties.Consumer(3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5)));

    @ParameterizedTest
    @ValueSource(strings = {"40001", "40P01", "55P03", "57014", "25006", "08006"})
    void aTransientDatabaseErrorIsRetriedWithBackOffAndNeverDeadLettered(String sqlState) {
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new RuntimeException(new SQLException("transient " + sqlState, sqlState)));

        BackOff backOff = withTransientErrors.apply(record, failure);

        assertThat(backOff).as(sqlState).isNotNull();
        BackOffExecution execution = backOff.start();
        long previous = 0;
        for (int attempt = 0; attempt < 1000; attempt++) {
            long next = execution.nextBackOff();
            assertThat(next).as("attempt %d of %s", attempt, sqlState).isNotEqualTo(BackOffExecution.STOP)
                    .isBetween(previous, 5000L);
            previous = next;
        }
        assertThat(previous).isEqualTo(5000L);
    }

    @Test
    void theTranslatedExceptionsCountToo() {
        assertThat(withTransientErrors.apply(record, new ListenerExecutionFailedException("failed",
                new CannotAcquireLockException("could not obtain lock", new SQLException("lock timeout", "55P03"))))).isNotNull();
        assertThat(withTransientErrors.apply(record, new ListenerExecutionFailedException("failed",
                new QueryTimeoutException("canceling statement due to statement timeout")))).isNotNull();
        assertThat(withTransientErrors.apply(record, new ListenerExecutionFailedException("failed",
                new PessimisticLockingFailureException("deadlock detected")))).isNotNull();
    }

    @Test
    void otherFailuresKeepTheUsualBoundedRetriesThenTheDeadLetterTopic() {
        assertThat(withTransientErrors.apply(record, new ListenerExecutionFailedException("failed",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isNull();
        assertThat(withTransientErrors.apply(record, new ListenerExecutionFailedException("failed",
                new IllegalStateException("bug")))).isNull();
        assertThat(backOffs.apply(record, new ListenerExecutionFailedException("failed", new IllegalStateException("bug")))).isNull();
        assertThat(backOffs.apply(record, new ListenerExecutionFailedException("failed",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isNull();
        assertThat(backOffs.apply(record, new InvalidEventException("not an envelope"))).isNull();
    }
}
