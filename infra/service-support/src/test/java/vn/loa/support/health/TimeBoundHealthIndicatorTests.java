package vn.loa.support.health;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TimeBoundHealthIndicatorTests {

    final ExecutorService executor = Executors.newCachedThreadPool();
    final CountDownLatch peerAnswers = new CountDownLatch(1);
    final AtomicInteger checksStarted = new AtomicInteger();

    final TimeBoundHealthIndicator db = new TimeBoundHealthIndicator(() -> {
        checksStarted.incrementAndGet();
        try {
            peerAnswers.await(); // a socket that hangs: the peer was cut off, not closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Health.up().withDetail("database", "PostgreSQL").build();
    }, Duration.ofMillis(300), executor);

    @AfterEach
    void stop() {
        peerAnswers.countDown();
        executor.shutdownNow();
    }

    @Test
    void aCheckThatHangsAnswersDownWithinTheBoundSayingSo() {
        long started = System.nanoTime();
        Health health = db.health();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error")).isEqualTo("no answer within 300 ms");
        assertThat(tookMillis).isBetween(250L, 5_000L);
    }

    @Test
    void aHangingCheckIsNotStartedAgainByLaterRequests() {
        for (int i = 0; i < 5; i++) {
            assertThat(db.health(true).getStatus()).isEqualTo(Status.DOWN);
        }
        assertThat(checksStarted).hasValue(1);
        assertThat(db.health().getDetails().get("waitingForSeconds")).isInstanceOf(Long.class);
    }

    @Test
    void whenThePeerAnswersAgainTheComponentSaysWhatTheCheckFound() {
        assertThat(db.health().getStatus()).isEqualTo(Status.DOWN);
        peerAnswers.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> db.health().getStatus().equals(Status.UP));
        assertThat(db.health().getDetails()).containsEntry("database", "PostgreSQL");
    }

    @Test
    void theShutdownReachesTheComponentItBounds() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        interface ClosingIndicator extends org.springframework.boot.health.contributor.HealthIndicator,
                org.springframework.beans.factory.DisposableBean {
        }
        ClosingIndicator kafka = new ClosingIndicator() {
            @Override
            public Health health() {
                return Health.up().build();
            }

            @Override
            public void destroy() {
                closed.set(true);
            }
        };

        new TimeBoundHealthIndicator(kafka, Duration.ofSeconds(1), executor).destroy();

        assertThat(closed).isTrue();
    }

    @Test
    void aCheckThatFailsIsDownWithItsError() {
        TimeBoundHealthIndicator failing = new TimeBoundHealthIndicator(() -> {
            throw new IllegalStateException("Kết nối bị từ chối");
        }, Duration.ofSeconds(1), executor);

        Health health = failing.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("Kết nối bị từ chối");
    }

    @Test
    void askingOneComponentStartsTheChecksOfAllSoThatHangingPeersAreWaitedForTogether() {
        TimeBoundHealthIndicator.Group application = new TimeBoundHealthIndicator.Group();
        AtomicInteger kafkaChecks = new AtomicInteger();
        TimeBoundHealthIndicator database = new TimeBoundHealthIndicator(hanging(checksStarted), Duration.ofMillis(300),
                executor, application);
        TimeBoundHealthIndicator kafka = new TimeBoundHealthIndicator(hanging(kafkaChecks), Duration.ofMillis(300),
                executor, application);

        assertThat(database.health().getStatus()).isEqualTo(Status.DOWN);

        // Kafka's check was started with the database's, before anyone asked for it: its bound is already over.
        await().atMost(Duration.ofSeconds(5)).untilAtomic(kafkaChecks, org.hamcrest.Matchers.equalTo(1));
        // Asked now, it does not wait a second bound: the check it reports on started with the database's.
        Health health = kafka.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "no answer within 300 ms");
        assertThat(kafkaChecks).hasValue(1);
    }

    @Test
    void requestsCloserThanTheBoundShareOneRoundOfChecks() {
        AtomicInteger checks = new AtomicInteger();
        TimeBoundHealthIndicator mail = new TimeBoundHealthIndicator(() -> {
            checks.incrementAndGet();
            return Health.up().withDetail("máy chủ thư", "smtp.loa.local").build();
        }, Duration.ofSeconds(2), executor);

        assertThat(mail.health().getStatus()).isEqualTo(Status.UP);
        assertThat(mail.health(false).getStatus()).isEqualTo(Status.UP);

        assertThat(checks).hasValue(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            mail.health();
            return checks.get() == 2; // a new round once the bound has passed
        });
    }

    @Test
    void aCallerWithoutDetailsGetsTheStatusAlone() {
        TimeBoundHealthIndicator mail = new TimeBoundHealthIndicator(
                () -> Health.up().withDetail("máy chủ thư", "smtp.loa.local").build(), Duration.ofSeconds(1), executor);

        assertThat(mail.health(false).getDetails()).isEmpty();
        assertThat(mail.health(true).getDetails()).containsEntry("máy chủ thư", "smtp.loa.local");
    }

    private org.springframework.boot.health.contributor.HealthIndicator hanging(AtomicInteger started) {
        return () -> {
            started.incrementAndGet();
            try {
                peerAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Health.up().build();
        };
    }
}
