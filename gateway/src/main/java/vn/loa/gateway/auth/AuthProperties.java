package vn.loa.gateway.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in token issuer: where the users come from, how tokens are signed and for how long,
 * and how hard sign-in attempts are pushed back.
 *
 * @param issuer             {@code enabled=false} leaves identity to an external OIDC provider (set by the
 *                           standard {@code spring.security.oauth2.resourceserver.jwt.*} properties)
 * @param audience           the {@code aud} every Loa service requires
 * @param tokenTtl           lifetime of an access token: short, since it cannot be withdrawn
 * @param refreshTokenTtl    a refresh token, and every one that follows from it, ends this long after the
 *                           password sign-in (one sign-in per working day)
 * @param signingKey         a PKCS#8 PEM private RSA key that signs; when blank the key is read from (or
 *                           generated into) {@code keyFile}
 * @param additionalKeys     PEM blocks (private or public RSA keys) that are published in the JWKS and
 *                           accepted, but do not sign: the next key before a rotation, the previous one after
 * @param additionalKeyFiles files holding such PEM blocks (a Kubernetes secret mounted as files)
 * @param usersFile          the operator's users (YAML, BCrypt hashes; gateway/README.md, "Users"): a path,
 *                           or a {@code file:}/{@code classpath:} location
 */
@ConfigurationProperties("loa.auth")
record AuthProperties(
        @DefaultValue Issuer issuer,
        @DefaultValue("loa") String audience,
        @DefaultValue("10m") Duration tokenTtl,
        @DefaultValue("12h") Duration refreshTokenTtl,
        String keyFile,
        String signingKey,
        String additionalKeys,
        List<String> additionalKeyFiles,
        String usersFile,
        @DefaultValue Login login) {

    AuthProperties {
        additionalKeyFiles = additionalKeyFiles == null ? List.of() : List.copyOf(additionalKeyFiles);
    }

    record Issuer(@DefaultValue("true") boolean enabled, @DefaultValue("http://localhost:8080") String uri) {
    }

    /**
     * The sign-in limits on {@code POST /auth/token} (gateway/README.md, "Sign-in limits"). Accounts
     * first: offices sign in from one address, so the address only counts against spraying (failures
     * over many accounts) and floods.
     *
     * @param maxFailures              wrong passwords in a row for one account from one address before that
     *                                 pair is locked out for {@code lockout}, doubling per further failure
     *                                 up to {@code maxLockout}; a success clears the run
     * @param accountFailures          wrong passwords for one account from any address, at once ...
     * @param accountFailuresRefill    ... then one more per this period (distributed guessing)
     * @param addressFailures          failed sign-ins from one address over any accounts, at once ...
     * @param addressFailuresRefill    ... then one more per this period (password spraying)
     * @param addressAttempts          sign-in attempts from one address, at once ...
     * @param addressAttemptsRefill    ... then one more per this period (a flood: each costs a BCrypt check)
     */
    record Login(@DefaultValue("5") int maxFailures, @DefaultValue("30s") Duration lockout,
                 @DefaultValue("15m") Duration maxLockout,
                 @DefaultValue("10") int accountFailures, @DefaultValue("1m") Duration accountFailuresRefill,
                 @DefaultValue("30") int addressFailures, @DefaultValue("10s") Duration addressFailuresRefill,
                 @DefaultValue("60") int addressAttempts, @DefaultValue("1s") Duration addressAttemptsRefill) {
    }
}
