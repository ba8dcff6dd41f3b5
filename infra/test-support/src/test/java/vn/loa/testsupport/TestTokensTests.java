package vn.loa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Tokens are checked the way service-support checks them: signature, issuer, audience, expiry. */
class TestTokensTests {

    private final NimbusJwtDecoder decoder = decoder();

    private static NimbusJwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(TestTokens.publicKey()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(LoaInfrastructure.TOKEN_ISSUER),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(LoaInfrastructure.TOKEN_AUDIENCE))));
        return decoder;
    }

    @Test
    void aValidTokenCarriesTheLoaClaims() {
        Jwt jwt = decoder.decode(TestTokens.token("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh"));

        assertThat(jwt.getSubject()).isEqualTo("lienminh.vhtt");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("COMMUNE_OFFICER");
        assertThat(jwt.getClaimAsString("org_unit")).isEqualTo("lien-minh");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("loa-test");
        assertThat(jwt.getAudience()).containsExactly("loa");
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
    }

    @Test
    void bearerHasThePrefixAndSeveralRolesAreAnArray() {
        String bearer = TestTokens.forUser("operator").roles("OPERATOR", "PROVINCE_VIEWER").orgUnit("ha-tinh").bearer();

        assertThat(bearer).startsWith("Bearer ");
        assertThat(decoder.decode(bearer.substring(7)).getClaimAsStringList("roles")).containsExactly("OPERATOR", "PROVINCE_VIEWER");
    }

    @Test
    void badTokensAreRejected() {
        assertThatThrownBy(() -> decoder.decode(raw(TestTokens.expired("a", "COMMUNE_OFFICER", "lien-minh"))))
                .isInstanceOf(JwtException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> decoder.decode(raw(TestTokens.signedByAnotherKey("a", "COMMUNE_OFFICER", "lien-minh"))))
                .isInstanceOf(JwtException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> decoder.decode(raw(TestTokens.wrongIssuer("a", "COMMUNE_OFFICER", "lien-minh"))))
                .isInstanceOf(JwtException.class).hasMessageContaining("iss");
        assertThatThrownBy(() -> decoder.decode(raw(TestTokens.wrongAudience("a", "COMMUNE_OFFICER", "lien-minh"))))
                .isInstanceOf(JwtException.class).hasMessageContaining("aud");
    }

    @Test
    void thePublicKeyLocationIsReadTheWaySpringBootReadsIt() throws Exception {
        // Boot's resource-server auto-configuration reads public-key-location with RsaKeyConverters.x509().
        var resource = new DefaultResourceLoader().getResource(LoaInfrastructure.TOKEN_PUBLIC_KEY_LOCATION);
        RSAPublicKey key;
        try (var in = resource.getInputStream()) {
            key = RsaKeyConverters.x509().convert(in);
        }
        NimbusJwtDecoder bootLike = NimbusJwtDecoder.withPublicKey(key).build();

        assertThat(bootLike.decode(TestTokens.token("ductho.vhtt", "DISTRICT_OFFICER", "duc-tho")).getSubject()).isEqualTo("ductho.vhtt");
    }

    private static String raw(String bearer) {
        return bearer.substring("Bearer ".length());
    }
}
