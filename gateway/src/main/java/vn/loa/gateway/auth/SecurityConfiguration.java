package vn.loa.gateway.auth;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.gateway.web.Problems;

/**
 * The gateway is a resource server for {@code /api/**} and {@code /ops/**}: a request without a
 * valid token (signature, issuer, audience, expiry) stops here with 401 problem+json and never
 * reaches a service. The Authorization header is passed through, since every service checks the
 * token again and enforces roles and org scope itself. The gateway's own actuator endpoints other
 * than the health probes need role OPERATOR, unless they are on a separate management port.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

    /** The actuator endpoints any caller may read: the probes, without details. */
    static final String[] PROBES = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"};


    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, IdentityConfiguration.IdentityMode identity,
                                                  ManagementPort managementPort) {
        ServerAuthenticationEntryPoint entryPoint = SecurityConfiguration::unauthorized;
        ServerAccessDeniedHandler denied = (exchange, e) -> Problems.write(exchange, Problem.of(ProblemCode.FORBIDDEN));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                // Caching is the services' business (ETags); do not overwrite their headers.
                .headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                .authorizeExchange(exchanges -> exchanges
                        // A management port (management.server.port) is reached only by what the operator lets
                        // in (Prometheus, the kubelet): neither the ingress nor any route leads there.
                        .matchers(managementPort::matches).permitAll()
                        // The API first: nearly every request is one, and the rules are tried in order, one
                        // reactive matcher after the other (the paths below do not overlap it).
                        .pathMatchers("/api/**", "/ops/**").authenticated()
                        .pathMatchers(PROBES).permitAll()
                        // Metrics, info and anything else of the actuator name internals: operators only.
                        .pathMatchers("/actuator", "/actuator/**").hasRole("OPERATOR")
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .build();
    }

    /**
     * Every JWT decoder (the built-in issuer's, or Spring Boot's for an external OIDC provider) keeps
     * the tokens it validated until they expire; {@code loa.auth.token-cache-size=0} switches it off.
     */
    @Bean
    static BeanPostProcessor cachingJwtDecoder(Environment environment, ObjectProvider<Clock> clock) {
        int size = environment.getProperty("loa.auth.token-cache-size", Integer.class, 10_000);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (size > 0 && bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachingReactiveJwtDecoder)) {
                    return new CachingReactiveJwtDecoder(decoder, size, clock.getIfAvailable(Clock::systemUTC));
                }
                return bean;
            }
        };
    }

    private static ReactiveJwtAuthenticationConverterAdapter authenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static reactor.core.publisher.Mono<Void> unauthorized(org.springframework.web.server.ServerWebExchange exchange,
                                                                  AuthenticationException e) {
        boolean tokenPresent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenPresent ? "Bearer error=\"invalid_token\"" : "Bearer");
        Problem problem = tokenPresent ? Problem.of(ProblemCode.UNAUTHORIZED, "gateway-refused-token", String.valueOf(e.getMessage()))
                : Problem.of(ProblemCode.UNAUTHORIZED, "gateway-missing-token");
        return Problems.write(exchange, problem);
    }
}
