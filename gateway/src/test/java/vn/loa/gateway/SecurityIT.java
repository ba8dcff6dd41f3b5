package vn.loa.gateway;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import vn.loa.testsupport.TestTokens;

/**
 * The gateway checks signature, issuer, audience and expiry before routing: a refused token never
 * reaches a service, and the caller gets a 401 problem. Its own actuator: probes open, the rest for
 * operators (401 without a token, 403 for another role). Object-level rules (404 for another unit's
 * objects) are the services': see infra/e2e's GatewaySecurityE2EIT and KeycloakE2EIT.
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

    @Test
    void theGatewaysOwnActuatorNeedsAnOperatorButForTheHealthProbes() {
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components").doesNotExist();
        for (String path : new String[] {"/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/env"}) {
            client.get().uri(path).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://loa.gov.vn/problems/unauthorized");
            client.get().uri(path).header(HttpHeaders.AUTHORIZATION,
                            TestTokens.bearer(uniqueUser("ductho.vhtt"), "DISTRICT_OFFICER", "duc-tho")).exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        }
        client.get().uri("/actuator/info").header(HttpHeaders.AUTHORIZATION,
                TestTokens.bearer(uniqueUser("operator"), "OPERATOR", "ha-tinh")).exchange().expectStatus().isOk();
    }

    @Test
    void answersProblemsUnderTheServicesTypeBaseInTheCallersLanguage() {
        client.get().uri("/no-such-thing").exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://loa.gov.vn/problems/not-found")
                .jsonPath("$.title").isEqualTo("Không tìm thấy")
                .jsonPath("$.detail").isEqualTo("Không có API nào của Loa tại /no-such-thing.")
                .jsonPath("$.code").isEqualTo("not-found");
        client.get().uri("/no-such-thing").header(HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.9").exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://loa.gov.vn/problems/not-found")
                .jsonPath("$.title").isEqualTo("Not found")
                .jsonPath("$.detail").isEqualTo("No Loa API answers /no-such-thing.")
                .jsonPath("$.code").isEqualTo("not-found");
        // the security handlers' 401 too
        client.get().uri(PATH).header(HttpHeaders.ACCEPT_LANGUAGE, "en").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("Authorization: Bearer <token>"));
        client.get().uri(PATH).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.title").isEqualTo("Chưa xác thực");
        assertNoServiceReached();
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
