package vn.loa.support.health;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A health component that answers within a time bound. The check runs on another thread; when it has not answered
 * within {@code timeout} the component says DOWN ("no answer within …") instead of holding the health request.
 * <p>
 * Why: a peer cut off by the network does not close its sockets, it stops answering. The database check (a
 * connection from the pool, then {@code isValid(0)}: no timeout) and the outbox counts then wait for minutes, and a
 * probe or an operator gets no answer at all rather than the component that is wrong.
 * <p>
 * A check that hangs is not started again while it hangs: later requests wait on the same one, never longer than
 * {@code timeout} from its start, so a long cut holds one thread per component, not one per health request.
 * <p>
 * The components of one application form a {@link Group}: the first of them a health request asks starts every
 * member's check at once, so a request that finds the database and Kafka both cut off answers within one bound, not
 * one bound per hanging peer (Spring Boot asks its components one after the other). A check started less than
 * {@code timeout} ago is what a request gets, running or done: the components of one health request answer from
 * the same round of checks, and requests closer together than the bound share it.
 */
public final class TimeBoundHealthIndicator implements HealthIndicator, DisposableBean {

    /** The bounded components of one application: a request to one starts them all. */
    public static final class Group {

        private final List<TimeBoundHealthIndicator> members = new CopyOnWriteArrayList<>();

        void add(TimeBoundHealthIndicator member) {
            members.add(member);
        }

        void startAll() {
            members.forEach(TimeBoundHealthIndicator::start);
        }
    }

    private final HealthIndicator delegate;
    private final Duration timeout;
    private final Executor executor;
    private final Group group;

    private CompletableFuture<Health> current;
    private Instant currentSince;

    public TimeBoundHealthIndicator(HealthIndicator delegate, Duration timeout, Executor executor) {
        this(delegate, timeout, executor, new Group());
    }

    public TimeBoundHealthIndicator(HealthIndicator delegate, Duration timeout, Executor executor, Group group) {
        this.delegate = delegate;
        this.timeout = timeout;
        this.executor = executor;
        this.group = group;
        group.add(this);
    }

    /** The component it bounds (for tests and logs). */
    public HealthIndicator delegate() {
        return delegate;
    }

    @Override
    public Health health(boolean includeDetails) {
        Health health = answer();
        return includeDetails ? health : Health.status(health.getStatus()).build();
    }

    @Override
    public Health health() {
        return answer();
    }

    /** The wrapper is the bean Spring knows: it passes the shutdown on (e.g. the kafka component's admin client). */
    @Override
    public void destroy() throws Exception {
        if (delegate instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }

    /** Starts a check unless one started less than the bound ago (running or done) or one still hangs. */
    private synchronized void start() {
        if (!recent(Instant.now())) {
            currentSince = Instant.now();
            // With details: whether a caller may see them is decided when it asks (health(includeDetails)).
            current = CompletableFuture.supplyAsync(() -> delegate.health(true), executor);
        }
    }

    private boolean recent(Instant now) {
        return current != null && (!current.isDone() || currentSince.plus(timeout).isAfter(now));
    }

    private Health answer() {
        boolean recent;
        synchronized (this) {
            recent = recent(Instant.now());
        }
        if (!recent) {
            group.startAll(); // this one's among them; outside this lock: startAll takes each member's
        }
        CompletableFuture<Health> running;
        Instant since;
        synchronized (this) {
            running = current;
            since = currentSince;
        }
        Duration left = timeout.minus(Duration.between(since, Instant.now()));
        try {
            return running.get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail("error", "no answer within " + timeout.toMillis() + " ms")
                    .withDetail("waitingForSeconds", Duration.between(since, Instant.now()).toSeconds())
                    .build();
        } catch (ExecutionException e) {
            return Health.down().withException(e.getCause() != null ? e.getCause() : e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("error", "interrupted").build();
        }
    }
}
