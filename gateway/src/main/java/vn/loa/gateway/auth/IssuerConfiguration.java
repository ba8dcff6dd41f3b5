package vn.loa.gateway.auth;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

import java.util.List;

/**
 * The built-in issuer and the decoder that trusts it. With {@code loa.auth.issuer.enabled=false}
 * none of this exists and Spring Boot builds the decoder from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri} / {@code audiences}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "loa.auth.issuer", name = "enabled", havingValue = "true", matchIfMissing = true)
class IssuerConfiguration {

    @Bean
    SigningKey signingKey(AuthProperties properties) {
        if (StringUtils.hasText(properties.signingKey())) {
            return SigningKey.fromPem(properties.signingKey());
        }
        String file = StringUtils.hasText(properties.keyFile()) ? properties.keyFile()
                : System.getProperty("user.home") + "/.loa/jwt-signing-key.pem";
        return SigningKey.fromFile(Path.of(file));
    }

    @Bean
    UserDirectory userDirectory(AuthProperties properties) {
        return new UserDirectory(properties.users());
    }

    @Bean
    LoginThrottle loginThrottle(AuthProperties properties, Clock clock) {
        return new LoginThrottle(properties.login(), clock);
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKey key, AuthProperties properties, Clock clock) {
        return new TokenIssuer(key, properties, clock);
    }

    /** Checks signature (our key only, RS256 only), expiry, issuer and audience. */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SigningKey key, AuthProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(key.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator(properties.issuer().uri(), properties.audience()));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        OAuth2TokenValidator<Jwt> audienceValidator = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(audience));
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), audienceValidator);
    }
}
