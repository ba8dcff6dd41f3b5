package vn.loa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * {@code loa.auth.issuer.enabled=false} removes the built-in issuer, and the token decoder then
 * comes from Spring Boot's standard resource-server properties (any OIDC provider).
 */
class IssuerSwitchTests {

    @Test
    void theBuiltInIssuerSignsAndItsKeyChecksTokensByDefault() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ReactiveOAuth2ResourceServerAutoConfiguration.class))
                .withUserConfiguration(IssuerConfiguration.class, PropertiesConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("loa.auth.signing-key=" + SigningKey.generatePem())
                .run(context -> {
                    assertThat(context).hasSingleBean(SigningKey.class).hasSingleBean(TokenIssuer.class)
                            .hasSingleBean(ReactiveJwtDecoder.class);
                    assertThat(context.getBean(ReactiveJwtDecoder.class))
                            .isSameAs(context.getBean("jwtDecoder"));
                });
    }

    @Test
    void switchedOffTheDecoderComesFromTheStandardProperties() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ReactiveOAuth2ResourceServerAutoConfiguration.class))
                .withUserConfiguration(IssuerConfiguration.class, PropertiesConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("loa.auth.issuer.enabled=false",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://idp.example/realms/loa/certs",
                        "spring.security.oauth2.resourceserver.jwt.audiences=loa")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(SigningKey.class).doesNotHaveBean(TokenIssuer.class)
                            .doesNotHaveBean(UserDirectory.class);
                    assertThat(context.getBean(ReactiveJwtDecoder.class)).isInstanceOf(NimbusReactiveJwtDecoder.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    static class PropertiesConfiguration {

        /** Stands in for the gateway's filter chain, which needs the whole WebFlux security set-up. */
        @Bean
        SecurityWebFilterChain securityWebFilterChain() {
            return new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(),
                    List.of((exchange, chain) -> chain.filter(exchange)));
        }
    }
}
