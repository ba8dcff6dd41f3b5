package vn.loa.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * What a service checks in a token besides its signature and expiry.
 *
 * @param issuer    the expected {@code iss}; empty to accept the issuer Spring Security already checks
 *                  ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
 * @param audience  the expected {@code aud}
 * @param publicPaths paths open without a token (health, OpenAPI docs, …)
 */
@ConfigurationProperties("loa.security")
public record LoaSecurityProperties(String issuer, String audience, List<String> publicPaths) {

    public LoaSecurityProperties {
        audience = audience == null || audience.isBlank() ? "loa" : audience;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
