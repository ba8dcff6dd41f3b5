package vn.loa.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of the built-in issuer: one signs, every one is published at {@code /auth/jwks} and
 * accepted. Rotation without logging anyone out (gateway/README.md, "Key rotation"): publish the
 * next key first (an additional key), then let it sign with the old one additional, then drop the
 * old one once the last token it signed has expired. Each key's id ({@code kid}) is its JWK
 * thumbprint, so every replica names a key the same way.
 */
final class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

    private final SigningKey signing;
    private final JWKSet published;
    private final Map<String, RSAKey> byId;

    KeyRing(SigningKey signing, List<RSAKey> additional) {
        this.signing = signing;
        Map<String, RSAKey> keys = new LinkedHashMap<>();
        keys.put(signing.jwk().getKeyID(), signing.jwk().toPublicJWK());
        for (RSAKey key : additional) {
            keys.putIfAbsent(key.getKeyID(), key.toPublicJWK());
        }
        this.byId = Map.copyOf(keys);
        this.published = new JWKSet(new ArrayList<JWK>(keys.values()));
    }

    static KeyRing of(SigningKey signing, AuthProperties properties) {
        List<RSAKey> additional = new ArrayList<>();
        if (properties.additionalKeys() != null && !properties.additionalKeys().isBlank()) {
            additional.addAll(SigningKey.publicKeys(properties.additionalKeys(), "loa.auth.additional-keys"));
        }
        for (String file : properties.additionalKeyFiles()) {
            try {
                additional.addAll(SigningKey.publicKeys(Files.readString(Path.of(file), StandardCharsets.US_ASCII), file));
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read the additional key file " + file, e);
            }
        }
        KeyRing ring = new KeyRing(signing, additional);
        log.info("Signing tokens with key {}; publishing and accepting {}", signing.jwk().getKeyID(), ring.byId.keySet());
        return ring;
    }

    SigningKey signing() {
        return signing;
    }

    /** Public parts only. */
    JWKSet publicJwkSet() {
        return published;
    }

    /**
     * The public keys that may have signed a token naming {@code keyId}: that key when it is one of
     * ours, else every one of ours (a token signed elsewhere with our key but another {@code kid}
     * convention, e.g. test-support's; the signature still decides).
     */
    List<RSAKey> candidates(String keyId) {
        RSAKey key = keyId == null ? null : byId.get(keyId);
        if (key != null || keyId == null) {
            return key != null ? List.of(key) : List.copyOf(byId.values());
        }
        // The verifier only tries keys of the token's kid: offer ours under that name.
        return byId.values().stream().map(k -> new RSAKey.Builder(k).keyID(keyId).build()).toList();
    }
}
