package vn.loa.gateway.tracing;

import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Mono;

/**
 * Sets the request's thread-local values (its trace, hence the trace id in the log pattern's MDC) on the current
 * thread around a piece of work that writes log lines.
 * <p>
 * Why: the gateway runs with {@code spring.reactor.context-propagation=limited} (application.yml). The mode
 * {@code auto} restored every thread-local value from the Reactor context on every signal of every operator of every
 * request (the trace scope, the MDC, Spring Security's context), measured as about a tenth of the gateway's CPU per
 * request (gateway/README.md, "Benchmark"); in {@code limited} mode only {@code handle}, {@code tap} and this do it,
 * where a log line is written.
 */
public final class RequestThreadLocals {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private RequestThreadLocals() {
    }

    /** The Mono of {@code work}, assembled with the subscriber's thread-local values set (its log lines traced). */
    public static <T> Mono<T> with(Supplier<Mono<T>> work) {
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
                return work.get();
            }
        });
    }
}
