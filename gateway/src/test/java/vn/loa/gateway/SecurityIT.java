package vn.loa.gateway;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import vn.loa.testsupport.TestTokens;

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
        assertRefused(TestTokens.expired("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh"), "expired");
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        assertRefused(TestTokens.signedByAnotherKey("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh"), "validate");
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        assertRefused(TestTokens.wrongIssuer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh"), "iss");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertRefused(TestTokens.wrongAudience("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh"), "aud");
    }

    @Test
    void refusesAMalformedToken() {
        assertRefused("Bearer not-a-jwt", "");
    }

    @Test
    void letsAValidTokenThroughAndPassesTheAuthorizationHeaderOn() {
        String bearer = TestTokens.bearer(uniqueUser("lienminh.vhtt"), "COMMUNE_OFFICER", "lien-minh");
        client.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isOk();
        assertThat(PLAN.server().getAllServeEvents().get(0).getRequest().getHeader(HttpHeaders.AUTHORIZATION))
                .isEqualTo(bearer);
    }

    private void assertRefused(String authorization, String reason) {
        client.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, authorization).exchange()
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
