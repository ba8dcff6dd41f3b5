package vn.loa.messaging.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The counts' readers never queue behind a read the database does not answer. */
class OutboxMonitorTests {

    /** A database that went silent: asking for a connection hangs until {@link #answer} is counted down. */
    static final class SilentDatabase extends AbstractDataSource {
        final CountDownLatch answer = new CountDownLatch(1);
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            asked.incrementAndGet();
            try {
                answer.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("kết nối bị ngắt: cơ sở dữ liệu không trả lời");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }

    @Test
    void aSecondReaderGivesUpWithinTheBoundWhileTheFirstHangs() {
        SilentDatabase database = new SilentDatabase();
        OutboxMonitor monitor = new OutboxMonitor(database, null,
                new OutboxMonitor.Thresholds(Duration.ofMinutes(2), Duration.ofMinutes(2)), Duration.ofSeconds(1),
                Clock.systemUTC());
        CompletableFuture<OutboxMonitor.Stats> first = CompletableFuture.supplyAsync(monitor::stats);
        await().atMost(Duration.ofSeconds(5)).until(() -> database.asked.get() == 1);

        // A scrape meanwhile: NaN within the bound, not a request thread held for as long as the socket hangs.
        assertTimeoutPreemptively(OutboxMonitor.READER_WAIT.plusSeconds(3), () -> {
            assertThatThrownBy(monitor::stats).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the database does not answer");
            assertThat(monitor.verdict().healthy()).isFalse();
        });
        assertThat(database.asked).as("only the first reader went to the database").hasValue(1);

        database.answer.countDown();
        assertThat(first).failsWithin(Duration.ofSeconds(5));
    }
}
