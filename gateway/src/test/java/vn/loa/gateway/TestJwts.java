package vn.loa.gateway;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Mints tokens for gateway tests with a key the test owns: the gateway is configured to sign
 * with {@link #GATEWAY_KEY}, so a token minted here is one the gateway could have issued, and
 * claims can be bent (expired, wrong issuer, wrong audience) or signed with a foreign key.
 */
final class TestJwts {

    static final String ISSUER = "http://localhost:8080";
    static final KeyPair GATEWAY_KEY = generate();
    static final KeyPair FOREIGN_KEY = generate();

    private TestJwts() {
    }

    static String gatewayKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(GATEWAY_KEY.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static String bearer(String username, String role, String orgUnit) {
        return "Bearer " + token(username, role, orgUnit, GATEWAY_KEY, claims -> claims);
    }

    static String token(String username, String role, String orgUnit, KeyPair key,
                        UnaryOperator<JwtClaimsSet.Builder> bend) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(username)
                .audience(List.of("loa"))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(10)))
                .id(UUID.randomUUID().toString())
                .claim("roles", List.of(role))
                .claim("org_unit", orgUnit);
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) key.getPublic())
                .privateKey((RSAPrivateKey) key.getPrivate()).keyID("test").build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)))
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                        bend.apply(claims).build()))
                .getTokenValue();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
