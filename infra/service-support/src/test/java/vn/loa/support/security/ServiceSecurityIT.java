package vn.loa.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ReflectionUtils;
import vn.loa.testsupport.TestTokens;

/**
 * Every service's exposure: the health probes open, every other actuator endpoint for operators only
 * (401 without a token, 403 for another role) on the API port, or open on a separate management port
 * that no route leads to; validated tokens cached as the gateway does.
 */
class ServiceSecurityIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Nested
    @SpringBootTest(classes = SecuredServiceApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                    "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:test-only-keys/loa-test-jwt-public.pem",
                    "loa.security.issuer=loa-test",
                    "management.endpoints.web.exposure.include=health,info,metrics",
                    "management.endpoint.health.probes.enabled=true"})
    class OnTheApiPort {

        @LocalServerPort
        int port;

        @Autowired
        JwtDecoder decoder;

        @Test
        void opensTheProbesAndKeepsEveryOtherActuatorEndpointForOperators() throws Exception {
            for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
                assertThat(get(port, probe, null).statusCode()).as(probe).isEqualTo(200);
            }
            assertThat(get(port, "/actuator/health", null).body()).doesNotContain("components");
            for (String path : new String[] {"/actuator/info", "/actuator/metrics", "/actuator", "/actuator/prometheus"}) {
                HttpResponse<String> anonymous = get(port, path, null);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).contains("application/problem+json"));
                assertThat(get(port, path, TestTokens.token("ductho.vhtt", "DISTRICT_OFFICER", "duc-tho")).statusCode())
                        .as(path).isEqualTo(403);
            }
            assertThat(get(port, "/actuator/metrics", TestTokens.token("operator", "OPERATOR", "ha-tinh")).statusCode())
                    .isEqualTo(200);
        }

        @Autowired
        org.springframework.security.config.observation.SecurityObservationSettings observations;

        @Test
        void buildsThePlainFilterChainWithoutSecurityObservations() {
            // Spring Security then wraps no filter, authentication or authorization in an observation (issue 17, JFR).
            assertThat(observations.shouldObserveRequests()).isFalse();
            assertThat(observations.shouldObserveAuthentications()).isFalse();
            assertThat(observations.shouldObserveAuthorizations()).isFalse();
        }

        @Autowired
        HttpFirewall firewall;

        @Autowired
        FilterChainProxy filterChainProxy;

        @Autowired
        org.springframework.context.ApplicationContext context;

        @Test
        void checksHeadersWithTheStrictFirewallsRulesWrittenAsLoops() throws Exception {
            // the chain uses the service-support firewall (FirewallCharacters: Spring's verdicts, without regexes)
            assertThat(context.getBeanNamesForType(HttpFirewall.class)).containsExactly("loaHttpFirewall");
            // Spring MVC's configuration wraps the chain built by WebSecurity in a composite proxy: the firewall is
            // the inner one's
            Object chain = filterChainProxy;
            if (ReflectionUtils.findField(chain.getClass(), "springSecurityFilterChain") != null) {
                chain = ReflectionTestUtils.getField(chain, "springSecurityFilterChain");
            }
            assertThat(ReflectionTestUtils.getField(chain, "firewall")).isSameAs(firewall);
            String token = TestTokens.token("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh");
            assertThat(raw(port, "Bearer " + token)).startsWith("HTTP/1.1 200");
            // U+0085 (a C1 control character, byte 0x85 on the wire): refused when the token's header is read
            assertThat(raw(port, "Bearer " + token + "\u0085")).startsWith("HTTP/1.1 400");
        }

        @Test
        void cachesValidatedTokensAsTheGatewayDoes() throws Exception {
            assertThat(decoder).isInstanceOf(CachingJwtDecoder.class);
            String token = TestTokens.token("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh");
            assertThat(get(port, "/api/hello", token).body()).isEqualTo("lienminh.vhtt");
            assertThat(((CachingJwtDecoder) decoder).size()).isPositive();
            assertThat(get(port, "/api/hello", TestTokens.expired("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh"))
                    .statusCode()).isEqualTo(401);
        }
    }

    @Nested
    @SpringBootTest(classes = SecuredServiceApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                    "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:test-only-keys/loa-test-jwt-public.pem",
                    "loa.security.issuer=loa-test",
                    "management.endpoints.web.exposure.include=health,info,metrics",
                    "management.endpoint.health.probes.enabled=true",
                    "management.server.port=0"})
    class WithAManagementPort {

        @LocalServerPort
        int port;

        @LocalManagementPort
        int managementPort;

        @Test
        void servesTheActuatorOnlyThereAndOpenly() throws Exception {
            assertThat(managementPort).isNotEqualTo(port);
            assertThat(get(managementPort, "/actuator/metrics", null).statusCode()).isEqualTo(200);
            assertThat(get(managementPort, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
            assertThat(get(port, "/actuator/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(port, "/actuator/metrics", TestTokens.token("operator", "OPERATOR", "ha-tinh")).statusCode())
                    .isEqualTo(404);
            assertThat(get(port, "/api/hello", null).statusCode()).isEqualTo(401);
        }
    }

    /** GET /api/hello over a plain socket, the Authorization header's characters sent as ISO-8859-1 bytes. */
    private static String raw(int port, String authorization) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /api/hello HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
