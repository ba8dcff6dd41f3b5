package vn.loa.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints RS256 JWTs that the services accept in tests (with {@link LoaInfrastructureConfiguration}
 * they validate against the committed TEST-ONLY key pair, issuer {@code loa-test}, audience {@code loa}).
 *
 * <pre>{@code
 * mockMvc.perform(get("/api/plans").header("Authorization", TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh")))
 * TestTokens.forUser("ductho.vhtt").roles("DISTRICT_OFFICER").orgUnit("duc-tho").expiresIn(Duration.ofMinutes(5)).bearer()
 * TestTokens.expired(...), TestTokens.signedByAnotherKey(...), TestTokens.wrongIssuer(...), TestTokens.wrongAudience(...)
 * }</pre>
 */
public final class TestTokens {

    /** Classpath resource of the test public key (X.509 SubjectPublicKeyInfo PEM). */
    public static final String PUBLIC_KEY_RESOURCE = "test-only-keys/loa-test-jwt-public.pem";
    static final String PRIVATE_KEY_RESOURCE = "test-only-keys/loa-test-jwt-private.pem";
    static final String KEY_ID = "loa-test-only";

    private static final RSAPrivateKey PRIVATE_KEY = (RSAPrivateKey) readKey(PRIVATE_KEY_RESOURCE, true);
    private static final RSAPublicKey PUBLIC_KEY = (RSAPublicKey) readKey(PUBLIC_KEY_RESOURCE, false);

    private TestTokens() {
    }

    /** {@code "Bearer <jwt>"} for a user with one role, valid for an hour. */
    public static String bearer(String username, String role, String orgUnit) {
        return forUser(username).roles(role).orgUnit(orgUnit).bearer();
    }

    /** The raw JWT (no "Bearer " prefix) for a user with one role, valid for an hour. */
    public static String token(String username, String role, String orgUnit) {
        return forUser(username).roles(role).orgUnit(orgUnit).token();
    }

    /** Expired five minutes ago: beyond the default 60 s clock skew of Spring's validator. */
    public static String expired(String username, String role, String orgUnit) {
        return forUser(username).roles(role).orgUnit(orgUnit)
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofMinutes(5))).bearer();
    }

    /** Correct claims but signed with a key the services do not trust. */
    public static String signedByAnotherKey(String username, String role, String orgUnit) {
        return forUser(username).roles(role).orgUnit(orgUnit).signedByAnotherKey().bearer();
    }

    public static String wrongIssuer(String username, String role, String orgUnit) {
        return forUser(username).roles(role).orgUnit(orgUnit).issuer("someone-else").bearer();
    }

    public static String wrongAudience(String username, String role, String orgUnit) {
        return forUser(username).roles(role).orgUnit(orgUnit).audience("not-loa").bearer();
    }

    public static Builder forUser(String username) {
        return new Builder(username);
    }

    /** The public key the services check tokens with (for tests that build their own decoder). */
    public static RSAPublicKey publicKey() {
        return PUBLIC_KEY;
    }

    public static final class Builder {

        private final String subject;
        private List<String> roles = List.of();
        private String orgUnit;
        private String issuer = LoaInfrastructure.TOKEN_ISSUER;
        private String audience = LoaInfrastructure.TOKEN_AUDIENCE;
        private Instant issuedAt = Instant.now();
        private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        private boolean foreignKey;

        private Builder(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
        }

        public Builder roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        public Builder orgUnit(String orgUnit) {
            this.orgUnit = orgUnit;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder expiresIn(Duration validity) {
            this.expiresAt = Instant.now().plus(validity);
            return this;
        }

        public Builder signedByAnotherKey() {
            this.foreignKey = true;
            return this;
        }

        public String bearer() {
            return "Bearer " + token();
        }

        public String token() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer(issuer)
                    .audience(audience)
                    .issueTime(Date.from(issuedAt))
                    .notBeforeTime(Date.from(issuedAt))
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("roles", roles);
            if (orgUnit != null) {
                claims.claim("org_unit", orgUnit);
            }
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .type(JOSEObjectType.JWT)
                    .keyID(foreignKey ? "foreign" : KEY_ID)
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims.build());
            try {
                jwt.sign(new RSASSASigner(foreignKey ? ForeignKey.PRIVATE_KEY : PRIVATE_KEY));
            }
            catch (JOSEException e) {
                throw new IllegalStateException("could not sign a test token", e);
            }
            return jwt.serialize();
        }
    }

    /** A key pair made per JVM: nothing trusts it. */
    private static final class ForeignKey {
        static final RSAPrivateKey PRIVATE_KEY = generate();

        private static RSAPrivateKey generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                return (RSAPrivateKey) pair.getPrivate();
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static java.security.Key readKey(String resource, boolean privateKey) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test key " + resource + " not on the classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(pem);
            KeyFactory factory = KeyFactory.getInstance("RSA");
            return privateKey ? factory.generatePrivate(new PKCS8EncodedKeySpec(der))
                    : factory.generatePublic(new X509EncodedKeySpec(der));
        }
        catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read test key " + resource, e);
        }
    }
}
