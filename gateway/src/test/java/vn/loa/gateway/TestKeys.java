package vn.loa.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import vn.loa.testsupport.LoaInfrastructure;
import vn.loa.testsupport.TestTokens;

/**
 * The gateway under test signs with test-support's TEST-ONLY key and issuer, so that
 * {@code TestTokens} are tokens it could have issued, and its own tokens are ones the services
 * accept in the end-to-end tier.
 */
final class TestKeys {

    static final String ISSUER = LoaInfrastructure.TOKEN_ISSUER;

    private TestKeys() {
    }

    static String signingKeyPem() {
        try (InputStream in = TestKeys.class.getClassLoader()
                .getResourceAsStream("test-only-keys/loa-test-jwt-private.pem")) {
            if (in == null) {
                throw new IllegalStateException("test-support's test-only key is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
