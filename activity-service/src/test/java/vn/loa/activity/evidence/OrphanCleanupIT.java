package vn.loa.activity.evidence;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import vn.loa.activity.IntegrationTestSupport;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash between an upload's object and its row: the object was journalled before it was written, so the
 * cleanup finds it once the grace period is over, and removes it unless a row refers to it.
 */
class OrphanCleanupIT extends IntegrationTestSupport {

    @Autowired
    EvidenceRepository evidence;
    @Autowired
    EvidenceStore store;
    @Autowired
    OrphanCleanup cleanup;
    @Autowired
    EvidenceProperties properties;

    /** What {@link EvidenceService#upload} does before its row: journal, then write. Then the process "dies". */
    private String uploadThatDiedBeforeItsRow() throws IOException {
        String key = "activities/" + UUID.randomUUID() + "/" + UUID.randomUUID();
        evidence.journalOrphans(List.of(key), clock.instant().plus(properties.cleanup().uploadGrace()), "upload");
        store.put(key, Samples.pdf("mo coi", 100, 1), "application/pdf");
        return key;
    }

    private boolean journalled(String key) {
        return jdbc.sql("SELECT count(*) FROM evidence_orphan WHERE storage_key = :k").param("k", key).query(Long.class).single() == 1;
    }

    @Test
    void anObjectWithoutItsRowIsRemovedOnceItsGracePeriodIsOver() throws IOException {
        String orphan = uploadThatDiedBeforeItsRow();

        cleanup.run();
        assertThat(store.exists(orphan)).as("an upload still within its grace period may yet commit").isTrue();
        assertThat(journalled(orphan)).isTrue();

        clock.advance(properties.cleanup().uploadGrace().plus(Duration.ofMinutes(1)));
        cleanup.run();
        assertThat(store.exists(orphan)).isFalse();
        assertThat(journalled(orphan)).isFalse();
    }

    @Test
    void aJournalledObjectThatARowRefersToIsKept() throws IOException {
        UUID activity = schedule(LIEN_MINH_OFFICER, issuedPlan("lien-minh"), "Chuyên mục", LocalDate.of(2022, 6, 30));
        EvidenceClient client = new EvidenceClient(port);
        String id = client.upload(LIEN_MINH_OFFICER, activity, "a.pdf", "application/pdf", Samples.pdf("a", 10, 2), null)
                .json().get("id").asString();
        String key = "activities/" + activity + "/" + id;
        evidence.journalOrphans(List.of(key), clock.instant(), "deleted");

        cleanup.run();
        assertThat(store.exists(key)).isTrue();
        assertThat(journalled(key)).isFalse();
    }

    @Value("${local.server.port}")
    int port;
}
