package vn.loa.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The built-in issuer: a user gets a short access token that verifies against the published key set
 * and opens the API, and a refresh token that gets new ones without the password; wrong passwords get
 * 401. The sign-in limits count accounts first: an office of thirty signs in from one address within a
 * minute, while a run of wrong passwords, guessing one account from many addresses, spraying many
 * accounts from one address and a flood from one address are each stopped (test limits: GatewayITBase).
 * Every test plays its own client address (the test client is a trusted proxy).
 */
class TokenIT extends GatewayITBase {

    private static final String OFFICE_PASSWORD = "Phòng Văn hóa Đức Thọ 2022";

    @Test
    void issuesAShortAccessTokenThatVerifiesAgainstThePublishedKeySet() throws Exception {
        Map<String, Object> answer = signIn("lienminh.vhtt", "demo", "198.51.100.1");
        assertThat(answer).containsEntry("token_type", "Bearer").containsEntry("expires_in", 600)
                .containsEntry("refresh_expires_in", 12 * 3600);
        String accessToken = (String) answer.get("access_token");

        Jwt jwt = NimbusJwtDecoder.withJwkSetUri(baseUrl() + "/auth/jwks").build().decode(accessToken);
        assertThat(jwt.getSubject()).isEqualTo("lienminh.vhtt");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("COMMUNE_OFFICER");
        assertThat(jwt.getClaimAsString("org_unit")).isEqualTo("lien-minh");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(TestKeys.ISSUER);
        assertThat(jwt.getAudience()).containsExactly("loa");
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getIssuedAt()).isBefore(Instant.now().plusSeconds(1));
        assertThat(jwt.getExpiresAt()).isEqualTo(jwt.getIssuedAt().plusSeconds(600));
        SignedJWT signed = SignedJWT.parse(accessToken);
        assertThat(signed.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(signed.getHeader().getKeyID()).isNotBlank();

        client.get().uri("/api/reports/lien-minh/2022-Q1").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .exchange().expectStatus().isOk();
    }

    @Test
    void refreshesWithoutThePasswordAndTheRefreshTokenOpensNoApi() {
        Map<String, Object> first = signIn("ductho.vhtt", "demo", "198.51.100.11");
        String refreshToken = (String) first.get("refresh_token");

        Map<String, Object> second = client.post().uri("/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", refreshToken)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        assertThat(second.get("access_token")).isNotEqualTo(first.get("access_token"));
        assertThat((Integer) second.get("refresh_expires_in")).isLessThanOrEqualTo(12 * 3600);
        client.get().uri("/api/plans?orgUnit=duc-tho").header(HttpHeaders.AUTHORIZATION, "Bearer " + second.get("access_token"))
                .exchange().expectStatus().isOk();

        // A refresh token is for another audience: no API accepts it as an access token.
        client.get().uri("/api/plans?orgUnit=duc-tho").header(HttpHeaders.AUTHORIZATION, "Bearer " + refreshToken)
                .exchange().expectStatus().isUnauthorized();
        // And an access token does not refresh.
        client.post().uri("/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", second.get("access_token"))).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-refresh-token");
    }

    @Test
    void publishesTheSigningKeyAndTheNextOneAsAJwkSetWithoutPrivateParts() {
        client.get().uri("/auth/jwks").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys.length()").isEqualTo(2)
                .jsonPath("$.keys[0].kty").isEqualTo("RSA")
                .jsonPath("$.keys[0].alg").isEqualTo("RS256")
                .jsonPath("$.keys[0].use").isEqualTo("sig")
                .jsonPath("$.keys[0].kid").isNotEmpty()
                .jsonPath("$.keys[1].kid").isNotEmpty()
                .jsonPath("$.keys[0].n").isNotEmpty()
                .jsonPath("$.keys[0].d").doesNotExist()
                .jsonPath("$.keys[1].d").doesNotExist();
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
                .jsonPath("$.type").isEqualTo("https://loa.gov.vn/problems/invalid-credentials")
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
                .expectBody().jsonPath("$.code").isEqualTo("malformed-request");
    }

    @Test
    void locksOutARunOfWrongPasswordsForThatAccountFromThatAddress() {
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

    /** Issue 20: thirty officers of one office, one NAT address, all signing in at 7:30. */
    @Test
    void thirtyOfficersSignInWithinAMinuteFromTheirOfficesOneAddress() throws Exception {
        String office = "203.0.113.30";
        long started = System.nanoTime();
        List<Future<Integer>> answers = new ArrayList<>();
        ExecutorService officers = Executors.newFixedThreadPool(6);
        try {
            for (int i = 1; i <= 30; i++) {
                String username = String.format("vanphong.%02d", i);
                boolean typo = i % 6 == 0; // five of them mistype once first
                answers.add(officers.submit(() -> {
                    if (typo) {
                        status(username, OFFICE_PASSWORD.toLowerCase(), office);
                    }
                    return status(username, OFFICE_PASSWORD, office);
                }));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
        finally {
            officers.shutdown();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("30 accounts (35 attempts, 5 typos) signed in from one address in %d ms%n", took.toMillis());
        assertThat(took).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void stopsSprayingManyAccountsFromOneAddress() {
        String sprayer = "203.0.113.66";
        for (int i = 1; i <= 8; i++) {
            token(String.format("vanphong.%02d", i), "Matkhau@123", sprayer).expectStatus().isUnauthorized();
        }
        // The ninth account is not even tried, right password or not.
        token("vanphong.09", OFFICE_PASSWORD, sprayer)
                .expectStatus().isEqualTo(429)
                .expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "[1-9][0-9]*")
                .expectBody()
                .jsonPath("$.code").isEqualTo("too-many-login-failures")
                .jsonPath("$.title").isEqualTo("Đăng nhập sai quá nhiều lần")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("từ địa chỉ của bạn"));
        // The accounts themselves are not locked: their owners sign in from their office.
        token("vanphong.01", OFFICE_PASSWORD, "203.0.113.67").expectStatus().isOk();
    }

    @Test
    void stopsGuessingOneAccountFromManyAddresses() {
        for (int i = 1; i <= 6; i++) {
            token("tungchau.vhtt", "guess-" + i, "192.0.2." + i).expectStatus().isUnauthorized();
        }
        token("tungchau.vhtt", "demo", "192.0.2.100")
                .expectStatus().isEqualTo(429)
                .expectBody()
                .jsonPath("$.code").isEqualTo("too-many-login-failures")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("của tài khoản này"));
    }

    @Test
    void limitsAFloodOfAttemptsFromOneAddress() {
        String address = "198.51.100.7";
        for (int i = 0; i < 40; i++) {
            token("operator", "demo", address).expectStatus().isOk();
        }
        token("operator", "demo", address)
                .expectStatus().isEqualTo(429)
                .expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "[1-9][0-9]*")
                .expectBody().jsonPath("$.code").isEqualTo("rate-limited");
        token("operator", "demo", "198.51.100.8").expectStatus().isOk();
    }

    @Test
    void believesXForwardedForOnlyFromATrustedProxyAndTakesTheAddressTheProxyAppended() {
        // The client wrote 10.9.9.9 itself; the trusted proxy (the test client) appended 198.51.100.9.
        for (int i = 0; i < 3; i++) {
            client.post().uri("/auth/token").header("X-Forwarded-For", "10.9.9.9, 198.51.100.9")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "lienminh.vhtt", "password", "wrong-" + i))
                    .exchange().expectStatus().isUnauthorized();
        }
        token("lienminh.vhtt", "demo", "198.51.100.9").expectStatus().isEqualTo(429);
        token("lienminh.vhtt", "demo", "10.9.9.9").expectStatus().isOk();
    }

    private Map<String, Object> signIn(String username, String password, String address) {
        return token(username, password, address)
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private int status(String username, String password, String address) {
        return token(username, password, address).returnResult(String.class).getStatus().value();
    }

    private WebTestClient.ResponseSpec token(String username, String password, String address) {
        return client.post().uri("/auth/token")
                .header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange();
    }
}
