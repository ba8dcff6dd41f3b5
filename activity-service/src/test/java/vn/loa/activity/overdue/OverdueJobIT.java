package vn.loa.activity.overdue;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.activity.ActivityTopic;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.messaging.EventPublisher;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OverdueJobIT extends IntegrationTestSupport {

    @Autowired
    EventPublisher events;
    @Autowired
    TransactionTemplate tx;

    OverdueJob newInstance() {
        // Small batches so that the two instances interleave many times.
        return new OverdueJob(jdbc, events, tx, clock, 3);
    }

    @Test
    void twoInstancesRacingAnnounceEachOverdueActivityExactlyOnce() throws Exception {
        clock.set(java.time.Instant.parse("2022-04-01T03:00:00Z"));
        UUID plan = issuedPlan("duc-lang");
        String officer = officerOf("duc-lang");
        List<UUID> overdue = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            overdue.add(schedule(officer, plan, "Chuyên mục số " + i, LocalDate.of(2022, 5, 1 + i)));
        }
        UUID completed = schedule(officer, plan, "Đã hoàn thành", LocalDate.of(2022, 5, 2));
        act(officer, completed, "complete", completion(LocalDate.of(2022, 4, 1), 1));
        UUID dueToday = schedule(officer, plan, "Hạn hôm nay", LocalDate.of(2022, 6, 20));

        clock.set(NOW); // 20 June 2022: everything due before today is overdue
        OverdueJob a = newInstance();
        OverdueJob b = newInstance();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> runA = () -> { go.await(); return a.run(); };
            Callable<Integer> runB = () -> { go.await(); return b.run(); };
            Future<Integer> fa = pool.submit(runA);
            Future<Integer> fb = pool.submit(runB);
            go.countDown();
            int announced = fa.get() + fb.get();
            // Other tests' overdue activities may be claimed too; ours are exactly 24 of them.
            assertThat(announced).isGreaterThanOrEqualTo(24);
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.run() + b.run()).isZero();

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() ->
                overdue.stream().allMatch(id -> ActivityTopic.ofType("activity-overdue", id).size() >= 1));
        // And no second announcement arrives afterwards.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                overdue.stream().allMatch(id -> ActivityTopic.ofType("activity-overdue", id).size() == 1));
        assertThat(ActivityTopic.ofType("activity-overdue", completed)).isEmpty();
        assertThat(ActivityTopic.ofType("activity-overdue", dueToday)).isEmpty();
        ActivityTopic.Received first = ActivityTopic.ofType("activity-overdue", overdue.get(0)).get(0);
        assertThat(first.key()).isEqualTo(plan.toString());
        assertThat(first.data().get("dueDate").asString()).isEqualTo("2022-05-01");
        vn.loa.contracts.EventContracts.assertValid("activity-overdue", first.value());

        // The next day the one due today becomes overdue, and is announced once.
        clock.set(java.time.Instant.parse("2022-06-20T17:00:00Z"));
        assertThat(a.run()).isGreaterThanOrEqualTo(1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-overdue", dueToday).size() == 1);
    }

    @Autowired
    OverdueSchedule schedule;

    @Test
    void theScheduledScanRunsInOneReplicaAtATime() throws Exception {
        clock.set(java.time.Instant.parse("2022-04-01T03:00:00Z"));
        UUID plan = issuedPlan("thuong-loc");
        UUID late = schedule(officerOf("thuong-loc"), plan, "Chuyên mục tháng 5", LocalDate.of(2022, 5, 10));
        clock.set(NOW);

        // Another replica holds the lock (ShedLock's row, database time): this one skips its tick.
        jdbc.sql("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES ('activity-overdue',"
                + " timezone('utc', now()) + interval '1 minute', timezone('utc', now()), 'activity-service-2')"
                + " ON CONFLICT (name) DO UPDATE SET lock_until = EXCLUDED.lock_until, locked_by = EXCLUDED.locked_by").update();
        assertThat(schedule.tick()).isNull();
        assertThat(notified(late)).isFalse();

        // Released: two replicas ticking at the same moment, one runs the scan, the other skips.
        jdbc.sql("UPDATE shedlock SET lock_until = timezone('utc', now()) - interval '1 second' WHERE name = 'activity-overdue'")
                .update();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> tick = () -> { go.await(); return schedule.tick(); };
            Future<Integer> first = pool.submit(tick);
            Future<Integer> second = pool.submit(tick);
            go.countDown();
            List<Integer> results = new ArrayList<>(java.util.Arrays.asList(first.get(), second.get()));
            assertThat(results).as("one tick ran, one was skipped").containsOnlyOnce((Integer) null);
            results.remove(null);
            assertThat(results.get(0)).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(notified(late)).isTrue();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ActivityTopic.ofType("activity-overdue", late).size() == 1);
        // lockAtLeastFor: a third tick right after is skipped too.
        assertThat(schedule.tick()).isNull();
    }

    private boolean notified(UUID id) {
        return jdbc.sql("SELECT overdue_notified_at IS NOT NULL FROM activity WHERE id = :id").param("id", id)
                .query(Boolean.class).single();
    }
}
