package vn.loa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTests {

    @Test
    void generatesTheKeyOnFirstStartAndKeepsItAcrossRestarts(@TempDir Path home) throws Exception {
        Path file = home.resolve(".loa/jwt-signing-key.pem");
        SigningKey first = SigningKey.fromFile(file);
        assertThat(file).exists();
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        SigningKey second = SigningKey.fromFile(file);
        assertThat(second.jwk().getKeyID()).isEqualTo(first.jwk().getKeyID());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void publishesOnlyThePublicPart() {
        SigningKey key = SigningKey.fromPem(SigningKey.generatePem());
        assertThat(new KeyRing(key, java.util.List.of()).publicJwkSet().getKeys()).singleElement()
                .satisfies(jwk -> assertThat(jwk.isPrivate()).isFalse());
    }
}
