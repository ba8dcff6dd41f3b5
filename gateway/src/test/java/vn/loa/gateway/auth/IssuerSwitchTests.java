package vn.loa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Which identity the gateway starts with: the built-in issuer with demo users (demo mode only) or an
 * operator's users file, or an external OIDC provider ({@code loa.auth.issuer.enabled=false}, the
 * decoder from Spring Boot's standard resource-server properties); with none of these it does not start,
 * and the failure analysis says what to set.
 */
class IssuerSwitchTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReactiveOAuth2ResourceServerAutoConfiguration.class))
            .withUserConfiguration(IssuerConfiguration.class, IdentityConfiguration.class, PropertiesConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withPropertyValues("loa.auth.signing-key=" + SigningKey.generatePem());

    @Test
    void demoModeSignsTheDemoUsersInWithTheBuiltInIssuer() {
        runner.withPropertyValues("loa.demo-data.enabled=true").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(KeyRing.class).hasSingleBean(TokenIssuer.class)
                    .hasSingleBean(ReactiveJwtDecoder.class);
            assertThat(context.getBean(UserDirectory.class).find("operator")).isPresent();
            assertThat(context.getBean(ReactiveJwtDecoder.class)).isSameAs(context.getBean("jwtDecoder"));
        });
    }

    @Test
    void withoutDemoModeThereAreNoDemoUsers() {
        runner.withPropertyValues("loa.auth.users-file=classpath:office-users.yml").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(UserDirectory.class).find("operator")).isEmpty();
            assertThat(context.getBean(UserDirectory.class).find("vanphong.01")).isPresent();
        });
    }

    @Test
    void refusesToStartWithTheBuiltInIssuerAndNoUsers() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new IdentityFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("no users", "demo mode is off and no users file is set");
            assertThat(analysis.getAction()).contains("LOA_AUTH_USERS_FILE", "hash-password",
                    "LOA_AUTH_ISSUER_ENABLED=false", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                    "LOA_DEMODATA_ENABLED=true");
        });
    }

    @Test
    void refusesToStartWithABrokenUsersFileNamingTheProblems() {
        runner.withPropertyValues("loa.auth.users-file=classpath:no-such-users.yml").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new IdentityFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("no-such-users.yml", "does not exist");
        });
    }

    @Test
    void switchedOffTheDecoderComesFromTheStandardProperties() {
        runner.withPropertyValues("loa.auth.issuer.enabled=false",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://idp.example/realms/loa/certs",
                        "spring.security.oauth2.resourceserver.jwt.audiences=loa")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(KeyRing.class).doesNotHaveBean(TokenIssuer.class)
                            .doesNotHaveBean(UserDirectory.class);
                    assertThat(context.getBean(IdentityConfiguration.IdentityMode.class))
                            .isEqualTo(IdentityConfiguration.IdentityMode.EXTERNAL);
                    assertThat(context.getBean(ReactiveJwtDecoder.class)).isInstanceOf(NimbusReactiveJwtDecoder.class);
                });
    }

    @Test
    void refusesToStartWithTheBuiltInIssuerOffAndNoProvider() {
        runner.withPropertyValues("loa.auth.issuer.enabled=false", "loa.demo-data.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new IdentityFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("no OpenID Connect provider is set");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    static class PropertiesConfiguration {

        /** Stands in for the gateway's filter chain, which needs the whole WebFlux security set-up. */
        @Bean
        SecurityWebFilterChain securityWebFilterChain(IdentityConfiguration.IdentityMode identity) {
            return new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(),
                    List.of((exchange, chain) -> chain.filter(exchange)));
        }
    }
}
