package vn.loa.support.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Makes every service a resource server (defence in depth: a service reached directly is as safe as
 * through the gateway). Keys come from the standard Spring Security properties
 * ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, {@code public-key-location} or
 * {@code issuer-uri}); on top of signature and expiry this checks the issuer and the audience.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(LoaSecurityProperties.class)
@EnableMethodSecurity
public class LoaSecurityAutoConfiguration {

    /**
     * Open without a token: the health probes (status only, no details), the API documents, the error page.
     * Every other actuator endpoint (metrics, info, ...) needs role OPERATOR on the API port, or lives on the
     * separate management port ({@link ManagementPort}).
     */
    static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error");

    /**
     * No Spring Security observations at all (nothing reads them; the request's own {@code http.server.requests}
     * and its span stay). {@code management.observations.enable.spring.security=false} only made them no-ops: the
     * chain still wrapped every filter in an observation decorator, and the authentication and authorization
     * managers in observing ones, about a twentieth of a completion's CPU and a fifth of a served dashboard's
     * (issue 17, JFR). With this bean Spring Security builds the plain chain.
     */
    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings loaSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall (WebSecurity takes an {@link HttpFirewall} bean) with its defaults, its
     * character checks of header names, header values and parameter names done by loops instead of regular
     * expressions ({@link FirewallCharacters}: the same verdicts). Every read of a header is checked, and the resource server reads the token's header several times per
     * request: the firewall was 4 % of activity-service's samples during completions (JFR, issue 17.3).
     */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    static HttpFirewall loaHttpFirewall() {
        return FirewallCharacters.firewall();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain loaSecurityFilterChain(HttpSecurity http, LoaSecurityProperties properties, JsonMapper jsonMapper,
            Environment environment) throws Exception {
        ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers(jsonMapper);
        List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
        open.addAll(properties.publicPaths());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(new ManagementPort(environment)).permitAll()
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .requestMatchers("/api/ops/**", "/actuator", "/actuator/**").hasRole(Roles.OPERATOR)
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    static JwtAuthenticationConverter rolesConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            CurrentUser.roles(jwt).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            return authorities;
        });
        return converter;
    }

    /**
     * Adds issuer and audience checks to whatever JWT decoder Spring Boot built from the standard properties,
     * and keeps the tokens it validated until they expire ({@link CachingJwtDecoder}, as the gateway does;
     * {@code loa.security.token-cache-size}, default 10,000, 0 = off). Keys come from the JWK set URI and are
     * fetched again when a token names a key id not seen yet, so a key rotation at the issuer needs nothing here.
     */
    @Bean
    static BeanPostProcessor loaJwtValidatorPostProcessor(Environment environment) {
        long cacheSize = environment.getProperty("loa.security.token-cache-size", Long.class, 10_000L);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof NimbusJwtDecoder decoder) {
                    decoder.setJwtValidator(validator(environment));
                }
                if (cacheSize > 0 && bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
                    return new CachingJwtDecoder(decoder, cacheSize, Clock.systemUTC());
                }
                return bean;
            }
        };
    }

    static OAuth2TokenValidator<Jwt> validator(Environment environment) {
        LoaSecurityProperties properties = Binder.get(environment)
                .bind("loa.security", LoaSecurityProperties.class)
                .orElseGet(() -> new LoaSecurityProperties(null, null, null));
        String issuer = properties.issuer();
        if (issuer == null || issuer.isBlank()) {
            issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefault());
        if (issuer != null && !issuer.isBlank()) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        String audience = properties.audience();
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(audience)));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    @Bean
    WebMvcConfigurer currentUserArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }
        };
    }
}
