package vn.loa.gateway.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Flux;

/**
 * The built-in issuer and the decoder that trusts it. With {@code loa.auth.issuer.enabled=false}
 * none of this exists and Spring Boot builds the decoder from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri} / {@code audiences}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "loa.auth.issuer", name = "enabled", havingValue = "true", matchIfMissing = true)
class IssuerConfiguration {

    static final String DEMO_USERS = "vn/loa/gateway/auth/demo-users.yml";

    @Bean
    KeyRing keyRing(AuthProperties properties) {
        SigningKey signing;
        if (StringUtils.hasText(properties.signingKey())) {
            signing = SigningKey.fromPem(properties.signingKey());
        }
        else {
            String file = StringUtils.hasText(properties.keyFile()) ? properties.keyFile()
                    : System.getProperty("user.home") + "/.loa/jwt-signing-key.pem";
            signing = SigningKey.fromFile(Path.of(file));
        }
        return KeyRing.of(signing, properties);
    }

    /**
     * The demo users in demo mode only, and the operator's users file; with neither the gateway
     * does not start (Identity's failure analyzer says what to set).
     */
    @Bean
    UserDirectory userDirectory(AuthProperties properties, Clock clock, ResourceLoader resources,
                                @Value("${loa.demo-data.enabled:false}") boolean demoMode) {
        List<User> demo = demoMode ? UsersFile.read(new ClassPathResource(DEMO_USERS), true) : List.of();
        Resource file = null;
        if (StringUtils.hasText(properties.usersFile())) {
            String location = properties.usersFile().trim();
            file = location.contains(":") && !location.matches("[A-Za-z]:\\\\.*")
                    ? resources.getResource(location) : new FileSystemResource(location);
        }
        UserDirectory directory = new UserDirectory(demo, file, clock);
        if (directory.size() == 0) {
            throw new IdentityNotConfiguredException(file == null
                    ? "the built-in issuer is on but has no users: demo mode is off and no users file is set"
                    : "the users file " + UsersFile.name(file) + " has no users");
        }
        return directory;
    }

    @Bean
    LoginLimits loginLimits(AuthProperties properties, Clock clock) {
        return new LoginLimits(properties.login(), clock);
    }

    @Bean
    TokenIssuer tokenIssuer(KeyRing keys, AuthProperties properties, Clock clock) {
        return new TokenIssuer(keys, properties, clock);
    }

    /** Checks signature (our keys only: the signing one and the additional ones, RS256 only), expiry, issuer and audience. */
    @Bean
    ReactiveJwtDecoder jwtDecoder(KeyRing keys, AuthProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Flux.<JWK>fromIterable(keys.candidates(jwt.getHeader().getKeyID())))
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator(properties.issuer().uri(), properties.audience()));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        OAuth2TokenValidator<Jwt> audienceValidator = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(audience));
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), audienceValidator);
    }
}
