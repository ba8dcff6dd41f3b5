package vn.loa.notification.delivery;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The delivery threads: one bounded pool for all targets (no pool per target), with a lane per
 * target host in front of it. A lane runs at most {@code perTarget} calls at once and holds at most
 * {@code queuePerTarget} more; the instance holds at most {@code maxQueued} in all. So a host that
 * hangs occupies {@code perTarget} threads and no more, and the number of threads does not grow
 * with the number of targets. A lane exists only while it has work: the map is bounded by the work
 * held, not by the targets ever seen.
 */
final class DeliveryLanes implements AutoCloseable {

    private static final class Lane {
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        int running;
    }

    private final ThreadPoolExecutor pool;
    private final int perTarget;
    private final int queuePerTarget;
    private final int maxQueued;
    private final Map<String, Lane> lanes = new HashMap<>();
    private int held;

    DeliveryLanes(int threads, int perTarget, int queuePerTarget, int maxQueued) {
        this.perTarget = perTarget;
        this.queuePerTarget = queuePerTarget;
        this.maxQueued = maxQueued;
        AtomicInteger n = new AtomicInteger();
        // Unbounded queue, but it never holds more than maxQueued: offer() counts every task it lets in.
        this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "loa-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** @return false when the target's lane or the instance is full (the caller puts the delivery back) */
    boolean offer(String target, Runnable task) {
        synchronized (this) {
            if (held >= maxQueued) {
                return false;
            }
            Lane lane = lanes.computeIfAbsent(target, k -> new Lane());
            if (lane.running >= perTarget) {
                if (lane.waiting.size() >= queuePerTarget) {
                    return false;
                }
                lane.waiting.add(task);
                held++;
                return true;
            }
            lane.running++;
            held++;
        }
        return submit(target, task);
    }

    private boolean submit(String target, Runnable task) {
        try {
            pool.execute(() -> run(target, task));
            return true;
        } catch (RejectedExecutionException e) {
            // Shutting down: drop this lane's work (the claimed rows come back when their lease runs out).
            while (finished(target) != null) {
                // each waiting task counted as done
            }
            return false;
        }
    }

    /**
     * Runs one task, then hands the lane's next task to the back of the pool's queue rather than
     * running it on this thread: every lane with work gets its turn.
     */
    private void run(String target, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // the task logs its own failures; a lane must go on whatever happens
        }
        Runnable next = finished(target);
        if (next != null) {
            submit(target, next);
        }
    }

    /** Counts a task as done; returns the lane's next task (which keeps the lane's running slot), if any. */
    private synchronized Runnable finished(String target) {
        held--;
        Lane lane = lanes.get(target);
        Runnable next = lane.waiting.poll();
        if (next == null) {
            lane.running--;
            if (lane.running == 0) {
                lanes.remove(target);
            }
        }
        return next;
    }

    /** How many more deliveries this instance may take on now. */
    synchronized int room() {
        return maxQueued - held;
    }

    synchronized int held() {
        return held;
    }

    int activeThreads() {
        return pool.getActiveCount();
    }

    synchronized int lanes() {
        return lanes.size();
    }

    ExecutorService pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
