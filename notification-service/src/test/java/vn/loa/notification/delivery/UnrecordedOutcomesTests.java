package vn.loa.notification.delivery;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnrecordedOutcomesTests {

    private static final Instant NOW = Instant.parse("2026-12-06T07:30:00Z");
    private static final RuntimeException NO_CONNECTION = new CannotCreateTransactionException(
            "Không mở được giao dịch", new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));

    private final UnrecordedOutcomes unrecorded = new UnrecordedOutcomes();

    @Test
    void anOutcomeTheDatabaseDidNotTakeIsWrittenOnceItAnswers() {
        AtomicInteger calls = new AtomicInteger();
        unrecorded.write(UUID.randomUUID(), NOW.plusSeconds(300), () -> {
            if (calls.incrementAndGet() == 1) {
                throw NO_CONNECTION;
            }
            return true;
        });
        assertThat(unrecorded.size()).isEqualTo(1);

        assertThat(unrecorded.retry(NOW.plusSeconds(5))).isEqualTo(1);

        assertThat(calls).hasValue(2);
        assertThat(unrecorded.size()).isZero();
    }

    @Test
    void whileTheDatabaseIsStillAwayOnlyOneWriteIsTriedPerRound() {
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            unrecorded.write(UUID.randomUUID(), NOW.plusSeconds(300), () -> {
                calls.incrementAndGet();
                throw NO_CONNECTION;
            });
        }
        calls.set(0);

        assertThat(unrecorded.retry(NOW.plusSeconds(1))).isZero();

        assertThat(calls).hasValue(1);
        assertThat(unrecorded.size()).isEqualTo(3);
    }

    @Test
    void anOutcomeStillUnwrittenWhenItsLeaseRunsOutIsDroppedForTheNextClaim() {
        AtomicInteger calls = new AtomicInteger();
        unrecorded.write(UUID.randomUUID(), NOW.plusSeconds(300), () -> {
            calls.incrementAndGet();
            throw NO_CONNECTION;
        });

        assertThat(unrecorded.retry(NOW.plusSeconds(301))).isZero();

        assertThat(calls).hasValue(1);
        assertThat(unrecorded.size()).isZero();
    }

    @Test
    void aWriteTheDatabaseRefusedForAnotherReasonIsNotKept() {
        assertThatThrownBy(() -> unrecorded.write(UUID.randomUUID(), NOW.plusSeconds(300), () -> {
            throw new DataIntegrityViolationException("vi phạm ràng buộc");
        })).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(unrecorded.size()).isZero();
    }

    @Test
    void connectionFailuresAreToldFromOtherErrorsBySqlState() {
        assertThat(UnrecordedOutcomes.databaseDidNotAnswer(new RuntimeException(new SQLException("mất kết nối", "08006"))))
                .isTrue();
        assertThat(UnrecordedOutcomes.databaseDidNotAnswer(new RuntimeException(new SQLException("tắt máy", "57P01"))))
                .isTrue();
        assertThat(UnrecordedOutcomes.databaseDidNotAnswer(new RuntimeException(new SQLException("trùng khóa", "23505"))))
                .isFalse();
        assertThat(UnrecordedOutcomes.databaseDidNotAnswer(new IllegalStateException("khác"))).isFalse();
    }
}
