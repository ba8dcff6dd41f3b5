package vn.loa.gateway.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs the tokens of the built-in issuer: short RS256 access tokens with the claims every Loa
 * service reads, and refresh tokens that get new ones without the password.
 * <p>
 * A refresh token is a JWT signed by the same keys but for another audience ({@code loa-refresh}),
 * so no service and not the gateway's API check accepts it as an access token. It needs no store:
 * any replica verifies it, and a refresh looks the user up again, so a user removed from the users
 * file (or given other roles) is out (or changed) within one access-token lifetime. It ends
 * {@code refresh-token-ttl} after the password sign-in, however often it is used.
 */
final class TokenIssuer {

    static final String REFRESH_AUDIENCE = "loa-refresh";
    private static final String AUTH_TIME = "auth_time";

    private final KeyRing keys;
    private final JwtEncoder encoder;
    private final AuthProperties properties;
    private final Clock clock;

    TokenIssuer(KeyRing keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signing().jwk())));
        this.properties = properties;
        this.clock = clock;
    }

    /** Tokens after a password sign-in. */
    IssuedTokens issue(User user) {
        Instant now = clock.instant();
        return issue(user, now, now.plus(properties.refreshTokenTtl()));
    }

    /** New tokens for a valid refresh token of a user who still exists, else empty. */
    Optional<IssuedTokens> refresh(String refreshToken, UserDirectory users) {
        return verifyRefresh(refreshToken).flatMap(claims -> users.find(claims.getSubject())
                .map(user -> issue(user, signedInAt(claims), claims.getExpirationTime().toInstant())));
    }

    private Instant signedInAt(JWTClaimsSet claims) {
        try {
            Date authTime = claims.getDateClaim(AUTH_TIME);
            return authTime == null ? clock.instant() : authTime.toInstant();
        }
        catch (ParseException e) {
            return clock.instant();
        }
    }

    private IssuedTokens issue(User user, Instant signedInAt, Instant sessionEnd) {
        Instant now = clock.instant();
        Instant accessEnd = now.plus(properties.tokenTtl());
        if (accessEnd.isAfter(sessionEnd)) {
            accessEnd = sessionEnd;
        }
        JwtClaimsSet access = JwtClaimsSet.builder()
                .issuer(properties.issuer().uri())
                .subject(user.username())
                .audience(List.of(properties.audience()))
                .issuedAt(now)
                .expiresAt(accessEnd)
                .id(UUID.randomUUID().toString())
                .claim("roles", user.roles())
                .claim("org_unit", user.orgUnit())
                .build();
        JwtClaimsSet refresh = JwtClaimsSet.builder()
                .issuer(properties.issuer().uri())
                .subject(user.username())
                .audience(List.of(REFRESH_AUDIENCE))
                .issuedAt(now)
                .expiresAt(sessionEnd)
                .id(UUID.randomUUID().toString())
                .claim(AUTH_TIME, signedInAt.getEpochSecond())
                .build();
        return new IssuedTokens(sign(access), "Bearer", accessEnd.getEpochSecond() - now.getEpochSecond(),
                sign(refresh), sessionEnd.getEpochSecond() - now.getEpochSecond());
    }

    private String sign(JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.signing().jwk().getKeyID()).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** The claims of a refresh token signed by one of our keys, for us, not expired; else empty. */
    private Optional<JWTClaimsSet> verifyRefresh(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            boolean verified = false;
            for (RSAKey key : keys.candidates(jwt.getHeader().getKeyID())) {
                JWSVerifier verifier = new RSASSAVerifier(key);
                if (jwt.verify(verifier)) {
                    verified = true;
                    break;
                }
            }
            if (!verified) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            boolean valid = properties.issuer().uri().equals(claims.getIssuer())
                    && claims.getAudience() != null && claims.getAudience().equals(List.of(REFRESH_AUDIENCE))
                    && claims.getSubject() != null
                    && expires != null && clock.instant().isBefore(expires.toInstant());
            return valid ? Optional.of(claims) : Optional.empty();
        }
        catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    record IssuedTokens(@JsonProperty("access_token") String accessToken,
                        @JsonProperty("token_type") String tokenType,
                        @JsonProperty("expires_in") long expiresIn,
                        @JsonProperty("refresh_token") String refreshToken,
                        @JsonProperty("refresh_expires_in") long refreshExpiresIn) {
    }
}
