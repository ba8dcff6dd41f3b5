package vn.loa.support.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * When none of the standard {@code spring.security.oauth2.resourceserver.jwt.*} properties is set, a
 * service trusts the keys the gateway publishes ({@code loa.security.jwk-set-uri}, by default the
 * local stack's gateway). Keys are fetched on first use, so the service may start before the gateway.
 */
@AutoConfiguration(afterName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class DefaultJwtDecoderAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder gatewayJwtDecoder(@Value("${loa.security.jwk-set-uri:http://localhost:8080/auth/jwks}") String jwkSetUri,
            Environment environment) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(LoaSecurityAutoConfiguration.validator(environment));
        return decoder;
    }
}
