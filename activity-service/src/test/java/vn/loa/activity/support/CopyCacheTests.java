package vn.loa.activity.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounds {@link CopyCache} promises: a local change counts at once, another replica's within the ttl. */
class CopyCacheTests {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final CopyCache<String, String> cache = new CopyCache<>(Duration.ofSeconds(1), nanos::get);
    /** The "database": what a load reads. */
    final AtomicReference<String> row = new AtomicReference<>("duc-tho");
    final AtomicInteger loads = new AtomicInteger();

    String load(String key) {
        loads.incrementAndGet();
        return row.get();
    }

    @AfterEach
    void noTransactionLeft() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aValueIsLoadedOnceAndServedUntilTheTtlEnds() {
        assertThat(cache.get("xa-a", this::load)).isEqualTo("duc-tho");
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(cache.get("xa-a", this::load)).isEqualTo("duc-tho");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aChangeCommittedByAnotherReplicaIsSeenOnceTheTtlHasPassed() {
        cache.get("xa-a", this::load);
        row.set("can-loc"); // another replica applied org-unit-moved: nothing told this instance
        assertThat(cache.get("xa-a", this::load)).isEqualTo("duc-tho");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get("xa-a", this::load)).isEqualTo("can-loc");
    }

    @Test
    void aLocalChangeBypassesTheCacheUntilItsTransactionCompletesAndIsSeenAtOnceAfterIt() {
        cache.get("xa-a", this::load);
        beginTransaction();
        cache.changing();
        cache.changing(); // several writes in one transaction count once
        assertThat(cache.get("xa-a", this::load)).as("written, not committed: the old state").isEqualTo("duc-tho");
        row.set("can-loc"); // committed; afterCompletion has not run yet
        assertThat(cache.get("xa-a", this::load)).as("between the commit and afterCompletion").isEqualTo("can-loc");
        int loadsBefore = loads.get();
        complete(TransactionSynchronization.STATUS_COMMITTED);
        assertThat(cache.get("xa-a", this::load)).isEqualTo("can-loc");
        assertThat(cache.get("xa-a", this::load)).isEqualTo("can-loc");
        assertThat(loads.get() - loadsBefore).as("loaded once after the change, then served").isEqualTo(1);
    }

    @Test
    void aValueLoadedBeforeALocalChangeCompletedIsNotStored() {
        // A request loads the old value and is slow to store it: a change begins and commits meanwhile.
        assertThat(cache.get("xa-a", key -> {
            String old = load(key);
            beginTransaction();
            cache.changing();
            row.set("can-loc");
            complete(TransactionSynchronization.STATUS_COMMITTED);
            return old;
        })).isEqualTo("duc-tho");
        assertThat(cache.get("xa-a", this::load)).isEqualTo("can-loc");
    }

    @Test
    void aRolledBackChangeAlsoEndsTheBypass() {
        cache.get("xa-a", this::load);
        beginTransaction();
        cache.changing();
        complete(TransactionSynchronization.STATUS_ROLLED_BACK);
        int loadsBefore = loads.get();
        cache.get("xa-a", this::load);
        cache.get("xa-a", this::load);
        assertThat(loads.get() - loadsBefore).isEqualTo(1);
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        CopyCache<String, String> off = new CopyCache<>(Duration.ZERO, nanos::get);
        off.get("xa-a", this::load);
        off.get("xa-a", this::load);
        assertThat(loads).hasValue(2);
    }

    private static void beginTransaction() {
        TransactionSynchronizationManager.initSynchronization();
    }

    private static void complete(int status) {
        TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(), status);
        TransactionSynchronizationManager.clearSynchronization();
    }
}
