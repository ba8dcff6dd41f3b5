package vn.loa.gateway.limits;

import java.security.Principal;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.loa.gateway.web.ClientAddress;
import vn.loa.gateway.web.Problems;

/**
 * 429 with Retry-After when a user (JWT {@code sub}) calls the API faster than its bucket refills,
 * or when one client address asks for tokens too often (password guessing). Runs after Spring
 * Security, so the principal is known.
 */
final class RateLimitWebFilter implements WebFilter {

    private final RateLimiter perUser;
    private final RateLimiter perAddressOnTokenEndpoint;
    private final boolean perUserEnabled;
    private final boolean tokenEndpointEnabled;

    RateLimitWebFilter(LimitsProperties properties) {
        this.perUser = new RateLimiter(properties.perUser(), System::nanoTime);
        this.perAddressOnTokenEndpoint = new RateLimiter(properties.tokenEndpoint(), System::nanoTime);
        this.perUserEnabled = properties.perUser().enabled();
        this.tokenEndpointEnabled = properties.tokenEndpoint().enabled();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (tokenEndpointEnabled && HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && path.equals("/auth/token")) {
            return limit(exchange, chain, perAddressOnTokenEndpoint, ClientAddress.of(exchange),
                    "Too many token requests from your address");
        }
        if (perUserEnabled && (path.startsWith("/api/") || path.startsWith("/ops/"))) {
            return exchange.getPrincipal()
                    .map(Principal::getName)
                    .defaultIfEmpty("address:" + ClientAddress.of(exchange))
                    .flatMap(user -> limit(exchange, chain, perUser, user, "Too many requests for your account"));
        }
        return chain.filter(exchange);
    }

    private static Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, RateLimiter limiter,
                                    String key, String reason) {
        long waitNanos = limiter.tryAcquire(key);
        if (waitNanos == 0) {
            return chain.filter(exchange);
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        exchange.getResponse().getHeaders().set("RateLimit-Limit", Integer.toString(limiter.capacity()));
        return Problems.write(exchange, Problems.body(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                reason + "; retry in " + seconds + " s."));
    }
}
