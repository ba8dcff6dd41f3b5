package vn.loa.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed the full check (signature, issuer, audience, expiry) until they
 * expire, as the gateway does: a client sends the same token for minutes, and the RSA signature
 * check and claim parsing are the largest part of the security cost of a request.
 * <p>
 * Safe because the key is the whole token, signature included: the same bytes would pass the same
 * check again. Only time changes the verdict, so a cached token is used only while
 * {@code nbf <= now < exp}; otherwise the delegate decides (and refuses it). Bounded (least recently
 * used out first); each entry leaves when its token expires. {@code loa.security.token-cache-size=0}
 * switches it off.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> valid;

    public CachingJwtDecoder(JwtDecoder delegate, long maxSize, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.valid = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> until(jwt.getExpiresAt(), clock)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = valid.getIfPresent(token);
        if (cached != null) {
            if (usable(cached, clock.instant())) {
                return cached;
            }
            valid.invalidate(token);
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null) { // never cache a token without an end
            valid.put(token, jwt);
        }
        return jwt;
    }

    /** The decoder this one caches for (e.g. to inspect its settings). */
    public JwtDecoder delegate() {
        return delegate;
    }

    long size() {
        valid.cleanUp();
        return valid.estimatedSize();
    }

    private static Duration until(Instant expiresAt, Clock clock) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static boolean usable(Jwt jwt, Instant now) {
        Instant notBefore = jwt.getNotBefore();
        return now.isBefore(jwt.getExpiresAt()) && (notBefore == null || !now.isBefore(notBefore));
    }
}
