package vn.loa.gateway.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in token issuer: who the users are, how tokens are signed and for how long, and how
 * hard a run of wrong passwords is pushed back.
 *
 * @param issuer     {@code enabled=false} leaves identity to an external OIDC provider (set by the
 *                   standard {@code spring.security.oauth2.resourceserver.jwt.*} properties)
 * @param audience   the {@code aud} every Loa service requires
 * @param signingKey a PKCS#8 PEM private RSA key; when blank the key is read from (or generated
 *                   into) {@code keyFile}
 */
@ConfigurationProperties("loa.auth")
record AuthProperties(
        @DefaultValue Issuer issuer,
        @DefaultValue("loa") String audience,
        @DefaultValue("1h") Duration tokenTtl,
        String keyFile,
        String signingKey,
        List<User> users,
        @DefaultValue Login login) {

    AuthProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    record Issuer(@DefaultValue("true") boolean enabled, @DefaultValue("http://localhost:8080") String uri) {
    }

    record User(String username, String passwordHash, List<String> roles, String orgUnit) {
        User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * After {@code maxFailures} wrong passwords in a row for one username from one address, that
     * pair is refused for {@code lockout}, doubling with each further failure up to {@code maxLockout}.
     */
    record Login(@DefaultValue("5") int maxFailures, @DefaultValue("30s") Duration lockout,
                 @DefaultValue("15m") Duration maxLockout) {
    }
}
