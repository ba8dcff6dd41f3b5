package vn.loa.gateway.limits;

import java.security.Principal;
import java.time.Duration;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.gateway.web.Problems;

/**
 * 429 with Retry-After when a user (JWT {@code sub}) calls the API faster than its bucket refills.
 * Runs after Spring Security, so the principal is known (a request without one was already
 * answered 401). The sign-in limits are the identity's ({@code auth.LoginLimits}).
 */
final class RateLimitWebFilter implements WebFilter {

    private static final long MAX_USERS = 100_000;

    private final KeyedBuckets perUser;

    RateLimitWebFilter(LimitsProperties properties) {
        LimitsProperties.Bucket policy = properties.perUser();
        this.perUser = policy.enabled() ? new KeyedBuckets(policy.capacity(),
                Duration.ofNanos((long) Math.ceil(1e9 / policy.refillPerSecond())), MAX_USERS) : null;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (perUser == null) {
            return chain.filter(exchange);
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/") && !path.startsWith("/ops/")) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(Principal::getName)
                .defaultIfEmpty("")
                .flatMap(user -> {
                    long waitNanos = user.isEmpty() ? 0 : perUser.tryConsume(user);
                    return waitNanos == 0 ? chain.filter(exchange)
                            : tooMany(exchange, waitNanos, perUser.capacity());
                });
    }

    /** 429 {@code rate-limited} with Retry-After (whole seconds, at least 1). */
    static Mono<Void> tooMany(ServerWebExchange exchange, long waitNanos, long limit) {
        long seconds = retryAfterSeconds(waitNanos);
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
        exchange.getResponse().getHeaders().set("RateLimit-Limit", Long.toString(limit));
        return Problems.write(exchange, Problem.of(ProblemCode.RATE_LIMITED, "account", seconds));
    }

    static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
