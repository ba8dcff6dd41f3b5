package vn.loa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Key rotation as gateway/README.md describes it, replica by replica: (1) every replica publishes the
 * next key N beside the current key C, (2) every replica signs with N and keeps C published, (3) C goes
 * once the last token it signed has expired. At no step is a token in flight, access or refresh,
 * refused by any replica: nobody is logged out.
 */
class KeyRotationTests {

    private static final String C = SigningKey.generatePem();
    private static final String N = SigningKey.generatePem();

    private final Clock clock = Clock.systemUTC();
    private final UserDirectory users = new UserDirectory(
            UsersFile.read(new ClassPathResource(IssuerConfiguration.DEMO_USERS), true), null, clock);

    @Test
    void nobodyIsLoggedOutAtAnyStepOfARotation() throws Exception {
        Replica before = replica(C);            // C signs
        Replica step1 = replica(C, N);          // C signs, N published
        Replica step2 = replica(N, C);          // N signs, C published
        Replica step3 = replica(N);             // C dropped (after refresh-token-ttl)

        TokenIssuer.IssuedTokens signedByC = before.issuer.issue(user("lienminh.vhtt"));
        TokenIssuer.IssuedTokens signedByN = step2.issuer.issue(user("lienminh.vhtt"));
        assertThat(SignedJWT.parse(signedByC.accessToken()).getHeader().getKeyID())
                .isNotEqualTo(SignedJWT.parse(signedByN.accessToken()).getHeader().getKeyID());

        // During step 1 -> 2 some replicas are at step 1, others at step 2: each accepts both kinds of token.
        for (Replica replica : List.of(step1, step2)) {
            assertThat(replica.decoder.decode(signedByC.accessToken()).block().getSubject()).isEqualTo("lienminh.vhtt");
            assertThat(replica.decoder.decode(signedByN.accessToken()).block().getSubject()).isEqualTo("lienminh.vhtt");
            assertThat(replica.issuer.refresh(signedByC.refreshToken(), users)).isPresent();
            assertThat(replica.issuer.refresh(signedByN.refreshToken(), users)).isPresent();
        }
        // Both keys are in the JWKS the services read, under their own kid.
        assertThat(step2.keys.publicJwkSet().getKeys()).extracting(JWK::getKeyID).hasSize(2)
                .containsExactly(kid(signedByN), kid(signedByC));
        // A refresh at step 2 of a token C signed gets tokens N signs, with the same end of session.
        TokenIssuer.IssuedTokens renewed = step2.issuer.refresh(signedByC.refreshToken(), users).orElseThrow();
        assertThat(kid(renewed)).isEqualTo(kid(signedByN));
        assertThat(SignedJWT.parse(renewed.refreshToken()).getJWTClaimsSet().getExpirationTime())
                .isEqualTo(SignedJWT.parse(signedByC.refreshToken()).getJWTClaimsSet().getExpirationTime());

        // Step 3 is for after the last token C signed has expired: such a token is then refused.
        assertThat(step3.issuer.refresh(signedByC.refreshToken(), users)).isEmpty();
        assertThatThrownBy(() -> step3.decoder.decode(signedByC.accessToken()).block()).isInstanceOf(JwtException.class);
        assertThat(step3.decoder.decode(renewed.accessToken()).block()).isNotNull();
    }

    @Test
    void refusesATokenOfAKeyThatWasNeverOurs() {
        Replica replica = replica(C, N);
        String foreign = replica(SigningKey.generatePem()).issuer.issue(user("operator")).accessToken();
        assertThatThrownBy(() -> replica.decoder.decode(foreign).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void endsTheSessionAtTheRefreshTokensEndHoweverOftenItIsRefreshed() throws Exception {
        Replica replica = replica(C);
        TokenIssuer.IssuedTokens first = replica.issuer.issue(user("ductho.vhtt"));
        TokenIssuer.IssuedTokens later = replica.issuer.refresh(first.refreshToken(), users).orElseThrow();
        later = replica.issuer.refresh(later.refreshToken(), users).orElseThrow();
        assertThat(SignedJWT.parse(later.refreshToken()).getJWTClaimsSet().getExpirationTime())
                .isEqualTo(SignedJWT.parse(first.refreshToken()).getJWTClaimsSet().getExpirationTime());
        assertThat(later.refreshExpiresIn()).isLessThanOrEqualTo(Duration.ofHours(12).toSeconds());
    }

    private User user(String username) {
        return users.find(username).orElseThrow();
    }

    private static String kid(TokenIssuer.IssuedTokens tokens) throws Exception {
        return SignedJWT.parse(tokens.accessToken()).getHeader().getKeyID();
    }

    private Replica replica(String signing, String... additional) {
        AuthProperties properties = new AuthProperties(new AuthProperties.Issuer(true, "https://loa.hatinh.gov.vn"),
                "loa", Duration.ofMinutes(10), Duration.ofHours(12), null, signing, String.join("\n", additional),
                List.of(), null, LoginLimitsTests.SHIPPED);
        KeyRing keys = KeyRing.of(SigningKey.fromPem(signing), properties);
        return new Replica(keys, new TokenIssuer(keys, properties, clock),
                new IssuerConfiguration().jwtDecoder(keys, properties));
    }

    private record Replica(KeyRing keys, TokenIssuer issuer, ReactiveJwtDecoder decoder) {
    }
}
