package vn.loa.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTests {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final AtomicInteger checks = new AtomicInteger();
    private final MutableClock clock = new MutableClock();

    /** Stands in for the real decoder: counts full checks; refuses "bad" and anything expired. */
    private final JwtDecoder checking = token -> {
        checks.incrementAndGet();
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature");
        }
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("lienminh.vhtt")
                .issuedAt(NOW).notBefore(NOW).expiresAt(NOW.plusSeconds(600)).build();
        if (!clock.instant().isBefore(jwt.getExpiresAt())) {
            throw new BadJwtException("expired");
        }
        return jwt;
    };

    @Test
    void checksATokenFullyOnceThenUntilItExpires() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(checking, 100, clock);
        assertThat(decoder.decode("t1").getSubject()).isEqualTo("lienminh.vhtt");
        assertThat(decoder.decode("t1").getSubject()).isEqualTo("lienminh.vhtt");
        assertThat(checks).hasValue(1);

        clock.now = NOW.plusSeconds(600);
        assertThatThrownBy(() -> decoder.decode("t1")).isInstanceOf(BadJwtException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void neverRemembersARefusedToken() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(checking, 100, clock);
        assertThatThrownBy(() -> decoder.decode("bad-signature")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-signature")).isInstanceOf(BadJwtException.class);
        assertThat(checks).hasValue(2);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void staysWithinItsBound() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(checking, 3, clock);
        for (int i = 0; i < 20; i++) {
            decoder.decode("t" + i);
        }
        assertThat(decoder.size()).isLessThanOrEqualTo(3);
    }

    private static final class MutableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
