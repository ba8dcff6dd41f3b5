package vn.loa.activity.support;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A read-through cache in front of one of this service's copies of other services' data (the org tree, the period
 * locks), which every write request reads and which changes a few times a year (issue 17.3: one round trip less
 * per completion each).
 * <p>
 * How stale an answer can be:
 * <ul>
 *   <li>a change written by <em>this</em> instance (its consumer applied the event): never stale. From the change's
 *       first statement until its transaction has completed every read bypasses the cache (and stores nothing), and
 *       the cache is emptied when it completes, so a request that starts after the commit reads the new state;</li>
 *   <li>a change written by <em>another</em> replica (the consumer group gives each event to one replica; they
 *       share the database): at most {@code ttl} after its commit, when the entry is loaded again.</li>
 * </ul>
 * A value loaded while a change was under way, or before a change completed, is never stored (generation check).
 * One entry per org unit asked about (a province has a few thousand): no eviction but the ttl's reload.
 */
public final class CopyCache<K, V> {

    private final Duration ttl;
    private final LongSupplier nanoTime;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Moves on each local change (its start and its end): a load that saw another generation stores nothing. */
    private final AtomicLong generation = new AtomicLong();
    /** Local changes whose transaction has not completed yet: while any, the cache is bypassed. */
    private final AtomicInteger changing = new AtomicInteger();
    /** Marks, per transaction, that it is already counted in {@link #changing}. */
    private final Object transactionKey = new Object();

    private record Entry<V>(V value, long loadedAt) {
    }

    /** @param ttl how long an entry is served; {@link Duration#ZERO} turns the cache off */
    public CopyCache(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    CopyCache(Duration ttl, LongSupplier nanoTime) {
        this.ttl = ttl;
        this.nanoTime = nanoTime;
    }

    /** The cached value of {@code key} if fresh, else {@code loader}'s (stored unless a local change interfered). */
    public V get(K key, Function<K, V> loader) {
        if (key == null || ttl.isZero() || ttl.isNegative() || changing.get() > 0) {
            return loader.apply(key);
        }
        long now = nanoTime.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.loadedAt() < ttl.toNanos()) {
            return entry.value();
        }
        long before = generation.get();
        V value = loader.apply(key);
        if (changing.get() == 0 && generation.get() == before) {
            // (A change that begins right after this check empties the cache again when it completes.)
            entries.put(key, new Entry<>(value, now));
        }
        return value;
    }

    /**
     * Call before each local write to the copy, in the transaction that writes it (the inbox transaction of the
     * consumer): the cache is bypassed until that transaction completes, then emptied. Outside a transaction (the
     * write commits as it runs) it only empties the cache: a load racing the write is then bounded by the ttl.
     */
    public void changing() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            invalidate();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(transactionKey)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(transactionKey, Boolean.TRUE);
        changing.incrementAndGet();
        invalidate();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
                // The order matters: emptied (and the generation moved) before reads may use the cache again.
                invalidate();
                changing.decrementAndGet();
            }
        });
    }

    /** Empties the cache. */
    public void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
