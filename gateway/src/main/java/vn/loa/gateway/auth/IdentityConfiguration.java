package vn.loa.gateway.auth;

import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The gateway signs users in with its built-in issuer (users from demo mode or a users file) or
 * trusts an external OIDC provider; with neither it does not start ({@link IdentityFailureAnalyzer}
 * says what to set). The security filter chain depends on this check, so it runs first.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    private static final String JWT = "spring.security.oauth2.resourceserver.jwt.";

    @Bean
    IdentityMode identityMode(Environment environment, ObjectProvider<UserDirectory> users) {
        if (environment.getProperty("loa.auth.issuer.enabled", Boolean.class, true)) {
            users.getObject(); // fails the start when there are no users
            return IdentityMode.BUILT_IN;
        }
        if (Stream.of("issuer-uri", "jwk-set-uri", "public-key-location")
                .noneMatch(name -> StringUtils.hasText(environment.getProperty(JWT + name)))) {
            throw new IdentityNotConfiguredException("the built-in issuer is off (loa.auth.issuer.enabled=false) "
                    + "and no OpenID Connect provider is set (spring.security.oauth2.resourceserver.jwt.issuer-uri "
                    + "or jwk-set-uri)");
        }
        return IdentityMode.EXTERNAL;
    }

    enum IdentityMode { BUILT_IN, EXTERNAL }
}
