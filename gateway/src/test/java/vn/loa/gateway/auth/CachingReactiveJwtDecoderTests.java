package vn.loa.gateway.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import vn.loa.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingReactiveJwtDecoderTests {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final AtomicInteger checks = new AtomicInteger();
    private final MutableClock clock = new MutableClock(NOW, ZoneOffset.UTC);

    /** Stands in for the real decoder: counts full checks; refuses "bad" and anything expired. */
    private final ReactiveJwtDecoder checking = token -> {
        checks.incrementAndGet();
        if (token.startsWith("bad")) {
            return Mono.error(new BadJwtException("signature"));
        }
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("lienminh.vhtt")
                .issuedAt(NOW).notBefore(NOW).expiresAt(NOW.plusSeconds(3600)).build();
        return clock.instant().isBefore(jwt.getExpiresAt()) ? Mono.just(jwt) : Mono.error(new BadJwtException("expired"));
    };

    @Test
    void checksATokenFullyOnceThenUntilItExpires() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(checking, 100, clock);

        assertThat(decoder.decode("t1").block().getSubject()).isEqualTo("lienminh.vhtt");
        assertThat(decoder.decode("t1").block().getSubject()).isEqualTo("lienminh.vhtt");
        assertThat(checks).hasValue(1);

        clock.set(NOW.plusSeconds(3600));
        assertThatThrownBy(() -> decoder.decode("t1").block()).isInstanceOf(BadJwtException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void neverRemembersARefusedToken() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(checking, 100, clock);

        assertThatThrownBy(() -> decoder.decode("bad-signature").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-signature").block()).isInstanceOf(BadJwtException.class);
        assertThat(checks).hasValue(2);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void staysWithinItsBound() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(checking, 3, clock);
        for (int i = 0; i < 10; i++) {
            decoder.decode("t" + i).block();
        }
        assertThat(decoder.size()).isLessThanOrEqualTo(3);
    }

}
