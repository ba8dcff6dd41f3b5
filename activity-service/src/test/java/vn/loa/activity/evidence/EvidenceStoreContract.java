package vn.loa.activity.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link EvidenceStore} does, checked the same way on files and on S3. */
final class EvidenceStoreContract {

    private EvidenceStoreContract() {
    }

    static void check(EvidenceStore store, Path tempDir) throws IOException {
        String activity = "activities/" + UUID.randomUUID();
        String key = activity + "/" + UUID.randomUUID();
        byte[] pdf = Samples.pdf("Bien ban hop dan", 300_000, 7);
        Path file = Files.write(tempDir.resolve("upload-" + UUID.randomUUID()), pdf);

        assertThat(store.exists(key)).isFalse();
        store.put(key, file, "application/pdf");
        store.put(key + ".thumb.jpg", "ảnh nhỏ".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        assertThat(store.exists(key)).isTrue();
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        try (InputStream in = store.open(key + ".thumb.jpg")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ảnh nhỏ");
        }

        store.delete(key);
        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(EvidenceStore.NoSuchObjectException.class);
        store.delete(key); // again: not an error
        store.delete(key + ".thumb.jpg");
        assertThat(store.exists(key + ".thumb.jpg")).isFalse();
        assertThat(store.describe()).isNotBlank();
    }
}
