package vn.loa.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/**
 * The gateway checks signature, issuer, audience and expiry before routing: a refused token never
 * reaches a service, and the caller gets a 401 problem.
 */
class SecurityIT extends GatewayITBase {

    private static final String PATH = "/api/plans?orgUnit=lien-minh";

    @Test
    void refusesACallWithoutToken() {
        client.get().uri(PATH).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("unauthorized");
        assertNoServiceReached();
    }

    @Test
    void refusesAnOperationsCallWithoutToken() {
        client.get().uri("/ops/plan/dead-letters").exchange().expectStatus().isUnauthorized();
        assertNoServiceReached();
    }

    @Test
    void refusesAnExpiredToken() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        assertRefused(TestJwts.token("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh", TestJwts.GATEWAY_KEY,
                claims -> claims.issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(10)))), "expired");
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        assertRefused(TestJwts.token("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh", TestJwts.FOREIGN_KEY,
                UnaryOperator.identity()), "validate");
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        assertRefused(TestJwts.token("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh", TestJwts.GATEWAY_KEY,
                claims -> claims.issuer("https://evil.example")), "iss");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertRefused(TestJwts.token("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh", TestJwts.GATEWAY_KEY,
                claims -> claims.audience(List.of("another-app"))), "aud");
    }

    @Test
    void refusesAMalformedToken() {
        assertRefused("not-a-jwt", "");
    }

    @Test
    void letsAValidTokenThroughAndPassesTheAuthorizationHeaderOn() {
        String bearer = TestJwts.bearer(uniqueUser("lienminh.vhtt"), "COMMUNE_OFFICER", "lien-minh");
        client.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isOk();
        assertThat(PLAN.server().getAllServeEvents().get(0).getRequest().getHeader(HttpHeaders.AUTHORIZATION))
                .isEqualTo(bearer);
    }

    private void assertRefused(String token, String reason) {
        client.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody()
                .jsonPath("$.code").isEqualTo("unauthorized")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).containsIgnoringCase(reason));
        assertNoServiceReached();
    }

    private static void assertNoServiceReached() {
        BACKENDS.forEach(backend -> assertThat(backend.server().getAllServeEvents()).isEmpty());
    }
}
