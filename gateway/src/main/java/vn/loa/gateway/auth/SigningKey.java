package vn.loa.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key the built-in issuer signs with. Configured as PEM, or generated on first start and
 * kept in a file so that tokens survive a restart. The key id is the JWK thumbprint, so it is
 * stable for a given key.
 */
final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private final RSAKey jwk;

    private SigningKey(RSAPrivateCrtKey privateKey) {
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey withoutId = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
            this.jwk = new RSAKey.Builder(publicKey).privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(withoutId.computeThumbprint().toString()).build();
        }
        catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Cannot build the signing key", e);
        }
    }

    static SigningKey fromPem(String pem) {
        return new SigningKey(parsePem(pem));
    }

    /** Reads the key from {@code file}, generating and writing a new one when it does not exist. */
    static SigningKey fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                log.info("Signing tokens with the key in {}", file);
                return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
            }
            String pem = generatePem();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            catch (UnsupportedOperationException notPosix) {
                // Windows: the file stays with the user's default rights.
            }
            log.info("Generated a new token signing key in {}", file);
            return fromPem(pem);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key file " + file, e);
        }
    }

    static String generatePem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    /**
     * The public keys of every PEM block in {@code pem}: {@code PRIVATE KEY} (PKCS#8, RSA) or
     * {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo, RSA), each with its thumbprint as key id.
     */
    static List<RSAKey> publicKeys(String pem, String source) {
        List<RSAKey> keys = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(pem);
        while (block.find()) {
            String base64 = block.group(2).replaceAll("\\s", "");
            try {
                RSAPublicKey publicKey;
                if (block.group(1).equals("PRIVATE KEY")) {
                    RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
                    publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                            .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                }
                else {
                    publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
                }
                RSAKey withoutId = new RSAKey.Builder(publicKey).build();
                keys.add(new RSAKey.Builder(publicKey).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyID(withoutId.computeThumbprint().toString()).build());
            }
            catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
                throw new IllegalStateException("loa.auth.additional-keys: a " + block.group(1) + " block in "
                        + source + " is not an RSA key in PEM (PKCS#8 or X.509)", e);
            }
        }
        if (keys.isEmpty() && !pem.isBlank()) {
            throw new IllegalStateException("loa.auth.additional-keys: no '-----BEGIN PRIVATE KEY-----' or "
                    + "'-----BEGIN PUBLIC KEY-----' block in " + source);
        }
        return keys;
    }

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN (PRIVATE KEY|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private static RSAPrivateCrtKey parsePem(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("The signing key is not a PKCS#8 PEM RSA private key", e);
        }
    }

    RSAKey jwk() {
        return jwk;
    }

    RSAPublicKey publicKey() {
        try {
            return jwk.toRSAPublicKey();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
