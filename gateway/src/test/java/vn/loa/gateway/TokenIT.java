package vn.loa.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The built-in issuer: a demo user gets a token that verifies against the published key set and
 * opens the API; wrong passwords get 401, a run of them locks that user out from that address.
 */
class TokenIT extends GatewayITBase {

    @Test
    void issuesATokenThatVerifiesAgainstThePublishedKeySet() throws Exception {
        Map<String, Object> answer = token("lienminh.vhtt", "demo", "198.51.100.1")
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        assertThat(answer).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);
        String accessToken = (String) answer.get("access_token");

        Jwt jwt = NimbusJwtDecoder.withJwkSetUri(baseUrl() + "/auth/jwks").build().decode(accessToken);
        assertThat(jwt.getSubject()).isEqualTo("lienminh.vhtt");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("COMMUNE_OFFICER");
        assertThat(jwt.getClaimAsString("org_unit")).isEqualTo("lien-minh");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(TestKeys.ISSUER);
        assertThat(jwt.getAudience()).containsExactly("loa");
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getIssuedAt()).isBefore(Instant.now().plusSeconds(1));
        assertThat(jwt.getExpiresAt()).isEqualTo(jwt.getIssuedAt().plusSeconds(3600));
        SignedJWT signed = SignedJWT.parse(accessToken);
        assertThat(signed.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(signed.getHeader().getKeyID()).isNotBlank();

        client.get().uri("/api/reports/lien-minh/2022-Q1").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .exchange().expectStatus().isOk();
    }

    @Test
    void publishesTheSigningKeyAsAJwkSetWithoutThePrivatePart() {
        client.get().uri("/auth/jwks").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys.length()").isEqualTo(1)
                .jsonPath("$.keys[0].kty").isEqualTo("RSA")
                .jsonPath("$.keys[0].alg").isEqualTo("RS256")
                .jsonPath("$.keys[0].use").isEqualTo("sig")
                .jsonPath("$.keys[0].kid").isNotEmpty()
                .jsonPath("$.keys[0].n").isNotEmpty()
                .jsonPath("$.keys[0].d").doesNotExist();
    }

    @Test
    void publishesADiscoveryDocumentPointingAtTheKeySet() {
        client.get().uri("/.well-known/openid-configuration").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.issuer").isEqualTo(TestKeys.ISSUER)
                .jsonPath("$.jwks_uri").isEqualTo(TestKeys.ISSUER + "/auth/jwks");
    }

    @Test
    void refusesAWrongPasswordWithAProblem() {
        token("ductho.vhtt", "not-demo", "198.51.100.2")
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("invalid-credentials")
                .jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void refusesAnUnknownUserLikeAWrongPassword() {
        token("nobody", "demo", "198.51.100.3")
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-credentials");
    }

    @Test
    void refusesAMalformedBodyWithAProblem() {
        client.post().uri("/auth/token").header("X-Forwarded-For", "198.51.100.4")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("validation-failed");
    }

    @Test
    void locksOutARunOfWrongPasswordsForThatUserFromThatAddress() {
        String address = "198.51.100.5";
        for (int i = 0; i < 3; i++) {
            token("hatinh.viewer", "guess-" + i, address).expectStatus().isUnauthorized();
        }
        // Even the right password is refused while locked out.
        token("hatinh.viewer", "demo", address)
                .expectStatus().isEqualTo(429)
                .expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "[1-9][0-9]*")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("too-many-login-failures");
        // The same user from elsewhere is not punished for the guesser.
        token("hatinh.viewer", "demo", "198.51.100.6").expectStatus().isOk();
    }

    @Test
    void limitsTokenRequestsPerClientAddress() {
        String address = "198.51.100.7";
        for (int i = 0; i < 5; i++) {
            token("operator", "demo", address).expectStatus().isOk();
        }
        token("operator", "demo", address)
                .expectStatus().isEqualTo(429)
                .expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "[1-9][0-9]*")
                .expectBody().jsonPath("$.code").isEqualTo("rate-limited");
        token("operator", "demo", "198.51.100.8").expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec token(String username, String password, String address) {
        return client.post().uri("/auth/token")
                .header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange();
    }
}
