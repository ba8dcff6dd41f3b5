package vn.loa.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.loa.testsupport.TestTokens;

/**
 * The gateway with its built-in issuer off and an independent OpenID Connect provider: a stand-in
 * that publishes a discovery document and a key set of its own, as Keycloak does under
 * {@code /realms/loa} (the real Keycloak run is infra/e2e's KeycloakE2EIT, {@code -Pkeycloak}). Also the
 * separate management port: the actuator there, open, and not on the routed port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "loa.auth.issuer.enabled=false",
        // Demo mode does not bring the demo users back when the issuer is off.
        "loa.demo-data.enabled=true",
        "management.server.port=0",
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
class ExternalIssuerIT {

    private static final WireMockServer IDP = new WireMockServer(options().dynamicPort());
    private static final Backend PLAN = new Backend("plan");
    private static final RSAKey KEY;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        IDP.start();
        String issuer = issuer();
        IDP.stubFor(get("/realms/loa/.well-known/openid-configuration").willReturn(okJson("""
                {"issuer": "%s", "jwks_uri": "%s/protocol/openid-connect/certs",
                 "token_endpoint": "%s/protocol/openid-connect/token",
                 "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
                 "response_types_supported": ["code"]}""".formatted(issuer, issuer, issuer))));
        IDP.stubFor(get("/realms/loa/protocol/openid-connect/certs")
                .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ExternalIssuerIT::issuer);
        registry.add("loa.services.plan.uri", PLAN::uri);
    }

    @AfterAll
    static void stop() {
        IDP.stop();
        PLAN.stop();
    }

    static String issuer() {
        return "http://localhost:" + IDP.port() + "/realms/loa";
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        PLAN.reset();
    }

    @Test
    void letsTheProvidersTokenThroughWithItsRolesAndOrgUnit() throws Exception {
        String token = token("COMMUNE_OFFICER", "lien-minh", "loa");
        client.get().uri("/api/plans?orgUnit=lien-minh").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk();
        assertThat(PLAN.server().getAllServeEvents().get(0).getRequest().getHeader(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer " + token);
    }

    @Test
    void refusesTheProvidersTokenForAnotherAudienceAndTokensOfAnyOtherIssuer() throws Exception {
        client.get().uri("/api/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("COMMUNE_OFFICER", "lien-minh", "account"))
                .exchange().expectStatus().isUnauthorized();
        // What the built-in issuer would sign is nothing here.
        client.get().uri("/api/plans").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh"))
                .exchange().expectStatus().isUnauthorized();
        assertThat(PLAN.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void hasNoBuiltInIssuerAndSoNoDemoUsers() {
        client.post().uri("/auth/token").bodyValue(java.util.Map.of("username", "operator", "password", "demo"))
                .exchange().expectStatus().isNotFound();
        client.get().uri("/auth/jwks").exchange().expectStatus().isNotFound();
    }

    @Test
    void theActuatorIsOnTheManagementPortOnlyAndOpenThere() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
        // On the routed port there is no actuator: refused without a token, absent for an operator.
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        client.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("OPERATOR", "ha-tinh", "loa"))
                .exchange().expectStatus().isNotFound();
    }

    private static String token(String role, String orgUnit, String audience) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(UUID.randomUUID().toString())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer")
                .claim("azp", "loa-app")
                .claim("preferred_username", "nguoi.dung")
                .claim("roles", List.of(role))
                .claim("org_unit", orgUnit)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }
}
