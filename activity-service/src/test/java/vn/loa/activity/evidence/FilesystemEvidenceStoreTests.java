package vn.loa.activity.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilesystemEvidenceStoreTests {

    @TempDir
    Path dir;

    @Test
    void keepsReadsAndDeletesObjects() throws IOException {
        EvidenceStoreContract.check(new FilesystemEvidenceStore(dir.resolve("evidence")), dir);
    }

    @Test
    void aKeyCannotLeaveTheRoot() {
        FilesystemEvidenceStore store = new FilesystemEvidenceStore(dir.resolve("evidence"));
        assertThatThrownBy(() -> store.put("../outside", new byte[]{1}, "application/pdf"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(dir.resolve("outside"))).isFalse();
    }

    @Test
    void deletingTheLastObjectOfAnActivityRemovesItsDirectory() throws IOException {
        FilesystemEvidenceStore store = new FilesystemEvidenceStore(dir.resolve("evidence"));
        store.put("activities/a1/e1", new byte[]{1}, "application/pdf");
        store.put("activities/a1/e1.thumb.jpg", new byte[]{2}, "image/jpeg");
        store.delete("activities/a1/e1");
        assertThat(Files.isDirectory(dir.resolve("evidence/activities/a1"))).isTrue();
        store.delete("activities/a1/e1.thumb.jpg");
        assertThat(Files.exists(dir.resolve("evidence/activities/a1"))).isFalse();
        assertThat(Files.isDirectory(dir.resolve("evidence"))).isTrue();
    }
}
