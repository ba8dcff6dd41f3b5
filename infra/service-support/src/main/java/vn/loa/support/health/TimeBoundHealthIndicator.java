package vn.loa.support.health;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;
import java.time.Instant;
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
 * A check that hangs is not started again while it hangs: later requests wait on the same one (at most
 * {@code timeout} each), so a long cut holds one thread per component, not one per health request.
 */
public final class TimeBoundHealthIndicator implements HealthIndicator, DisposableBean {

    private final HealthIndicator delegate;
    private final Duration timeout;
    private final Executor executor;

    private CompletableFuture<Health> inFlight;
    private Instant inFlightSince;

    public TimeBoundHealthIndicator(HealthIndicator delegate, Duration timeout, Executor executor) {
        this.delegate = delegate;
        this.timeout = timeout;
        this.executor = executor;
    }

    /** The component it bounds (for tests and logs). */
    public HealthIndicator delegate() {
        return delegate;
    }

    @Override
    public Health health(boolean includeDetails) {
        return answer(() -> delegate.health(includeDetails));
    }

    @Override
    public Health health() {
        return answer(delegate::health);
    }

    /** The wrapper is the bean Spring knows: it passes the shutdown on (e.g. the kafka component's admin client). */
    @Override
    public void destroy() throws Exception {
        if (delegate instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }

    private Health answer(java.util.function.Supplier<Health> check) {
        CompletableFuture<Health> running;
        Instant since;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlightSince = Instant.now();
                inFlight = CompletableFuture.supplyAsync(check, executor);
            }
            running = inFlight;
            since = inFlightSince;
        }
        try {
            return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
