package vn.loa.notification.delivery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryLanesTests {

    final DeliveryLanes lanes = new DeliveryLanes(4, 2, 3, 20);
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        lanes.close();
    }

    @Test
    void aHangingTargetHoldsItsShareOfThreadsAndTheOthersRunOnTheRest() throws Exception {
        AtomicInteger hanging = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertThat(lanes.offer("http://hanging:80", () -> {
                hanging.incrementAndGet();
                block(release);
            })).isTrue();
        }
        assertThat(lanes.offer("http://hanging:80", () -> { })).as("its lane holds 2 running + 3 waiting").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> hanging.get() == 2);

        CountDownLatch healthy = new CountDownLatch(50);
        for (int i = 0; i < 50; i++) {
            String target = "http://healthy-" + (i % 5) + ":80";
            await().atMost(Duration.ofSeconds(5)).until(() -> lanes.offer(target, healthy::countDown));
        }
        assertThat(healthy.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(hanging.get()).as("still only its two threads").isEqualTo(2);
        assertThat(lanes.activeThreads()).isLessThanOrEqualTo(4);
    }

    @Test
    void theInstanceHoldsNoMoreThanItsBoundAndLanesGoAwayWhenIdle() {
        for (int i = 0; i < 20; i++) {
            assertThat(lanes.offer("http://t" + i + ":80", () -> block(release))).isTrue();
        }
        assertThat(lanes.room()).isZero();
        assertThat(lanes.offer("http://one-more:80", () -> { })).isFalse();
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.held() == 0 && lanes.lanes() == 0);
    }

    @Test
    void aTargetsCallsNeverRunMoreThanItsShareAtOnce() {
        AtomicInteger running = new AtomicInteger();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            lanes.offer("http://busy:80", () -> {
                seen.add(running.incrementAndGet());
                sleepBriefly();
                running.decrementAndGet();
                done.incrementAndGet();
            });
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 5);
        assertThat(seen).allMatch(n -> n <= 2);
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepBriefly() {
        try {
            new CountDownLatch(1).await(50, TimeUnit.MILLISECONDS); // holds the thread, as a slow call would
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
