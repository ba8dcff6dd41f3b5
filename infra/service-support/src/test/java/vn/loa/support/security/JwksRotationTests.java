package vn.loa.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A service during the gateway's key rotation: it reads the gateway's JWKS once and again when a token
 * names a key it has not seen, so tokens of the next key pass the moment the gateway publishes it, and
 * tokens of the previous key keep passing while it is published: nobody is logged out.
 */
class JwksRotationTests {

    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer gateway;

    @BeforeEach
    void startGateway() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/auth/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void acceptsTheNextKeyOnceItIsPublishedAndThePreviousOneWhileItIs() throws Exception {
        RSAKey current = new RSAKeyGenerator(2048).keyID("current").generate();
        RSAKey next = new RSAKeyGenerator(2048).keyID("next").generate();
        published.set(new JWKSet(current.toPublicJWK()));
        // Built as DefaultJwtDecoderAutoConfiguration builds it, wrapped as every service's decoder is.
        JwtDecoder decoder = new CachingJwtDecoder(NimbusJwtDecoder.withJwkSetUri(
                "http://127.0.0.1:" + gateway.getAddress().getPort() + "/auth/jwks").build(), 100, java.time.Clock.systemUTC());

        String beforeRotation = token(current, "lienminh.vhtt");
        assertThat(decoder.decode(beforeRotation).getSubject()).isEqualTo("lienminh.vhtt");

        // Steps 1 and 2 of the rotation: both keys published, the next one signs.
        published.set(new JWKSet(List.of(next.toPublicJWK(), current.toPublicJWK())));
        String afterRotation = token(next, "ductho.vhtt");
        assertThat(decoder.decode(afterRotation).getSubject()).isEqualTo("ductho.vhtt");
        assertThat(decoder.decode(token(current, "tungchau.vhtt")).getSubject()).isEqualTo("tungchau.vhtt");
        assertThat(decoder.decode(beforeRotation).getSubject()).isEqualTo("lienminh.vhtt");
        assertThat(fetches.get()).isLessThanOrEqualTo(3);
    }

    private static String token(RSAKey key, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject(subject).issuer("loa-test").audience("loa")
                        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
