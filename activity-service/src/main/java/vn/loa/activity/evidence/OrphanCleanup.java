package vn.loa.activity.evidence;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Removes the stored objects that no evidence row refers to: those of uploads that died between their object and
 * their row (journalled before the object was written, due after {@code loa.evidence.cleanup.upload-grace}), and
 * those of deleted files that could not be removed at once. One replica at a time (ShedLock
 * {@value #LOCK}); a key a row does refer to is only dropped from the journal, never removed.
 */
@Component
public class OrphanCleanup {

    static final String LOCK = "evidence-orphans";
    private static final Logger log = LoggerFactory.getLogger(OrphanCleanup.class);

    private final EvidenceRepository evidence;
    private final EvidenceStore store;
    private final EvidenceProperties properties;
    private final Clock clock;

    OrphanCleanup(EvidenceRepository evidence, EvidenceStore store, EvidenceProperties properties, Clock clock) {
        this.evidence = evidence;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return objects removed by this run, or null when another replica held the lock (skipped) */
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT30M")
    public Integer run() {
        List<String> due = evidence.dueOrphans(clock.instant(), properties.cleanup().batchSize());
        int removed = 0;
        for (String key : due) {
            try {
                if (!evidence.referenced(key)) {
                    store.delete(key);
                    removed++;
                }
                evidence.forgetOrphans(List.of(key));
            } catch (IOException | RuntimeException e) {
                // Stays journalled: the next run tries again.
                log.warn("Could not remove the orphaned evidence object {} from {}: {}", key, store.describe(), e.toString());
            }
        }
        if (removed > 0) {
            log.info("Removed {} orphaned evidence objects from {}", removed, store.describe());
        }
        return removed;
    }
}
