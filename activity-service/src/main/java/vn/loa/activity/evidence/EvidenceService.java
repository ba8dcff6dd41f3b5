package vn.loa.activity.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;
import vn.loa.activity.access.AccessPolicy;
import vn.loa.activity.orgunit.OrgTree;
import vn.loa.activity.periodlock.PeriodLockPolicy;
import vn.loa.activity.periodlock.PeriodLocks;
import vn.loa.messaging.EventPublisher;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Evidence files of activities: upload (checked, hashed and typed while spooled to a temporary file, never held in
 * the heap), list, read, delete. Authorised through {@link ActivityAccess} exactly like the activity.
 * <p>
 * Object first, row second: an upload journals its keys as orphans-to-be (committed on their own), writes the
 * objects, then inserts its row and forgets the journal entries in one transaction, under a lock of the activity's
 * row that makes the count and total checks hold across replicas. A crash between object and row leaves a
 * journalled object, which {@link OrphanCleanup} removes once its grace period is over.
 */
@Service
public class EvidenceService {

    private static final Logger log = LoggerFactory.getLogger(EvidenceService.class);

    private final ActivityAccess access;
    private final EvidenceRepository evidence;
    private final EvidenceStore store;
    private final EvidenceProperties limits;
    private final PeriodLocks locks;
    private final OrgTree orgUnits;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final EventPublisher events;

    /** Event times in the officers' zone, as the activities' events have them. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    EvidenceService(ActivityAccess access, EvidenceRepository evidence, EvidenceStore store, EvidenceProperties limits,
                    PeriodLocks locks, OrgTree orgUnits, PlatformTransactionManager transactions, Clock clock,
                    EventPublisher events) {
        this.access = access;
        this.evidence = evidence;
        this.store = store;
        this.limits = limits;
        this.locks = locks;
        this.orgUnits = orgUnits;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        // The journal must be committed before an object exists, whatever transaction the request runs in
        // (an Idempotency-Key request runs in one of its own until it answers).
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.events = events;
    }

    /** @param created false when the activity already had these very bytes: that file is the answer */
    public record Uploaded(EvidenceFile file, boolean created) {
    }

    public record Page(List<EvidenceFile> items, int page, int size, long total) {
    }

    public Uploaded upload(CurrentUser user, UUID activityId, MultipartFile file, String note) {
        ActivityAccess.ActivityRef activity = access.writable(user, activityId);
        if (activity.cancelled()) {
            throw EvidenceProblems.cancelled(activityId);
        }
        if (file == null) {
            throw ApiException.invalid("file", "field.evidence.file-required");
        }
        long maxFile = limits.maxFileSize().toBytes();
        if (file.getSize() > maxFile) {
            throw EvidenceProblems.fileTooLarge(maxFile);
        }
        // Refuse early what the locked check below would refuse anyway, before the work of storing it.
        checkRoom(evidence.usage(activityId), Math.max(file.getSize(), 0));
        try (Spooled spooled = spool(file, maxFile)) {
            if (spooled.size() == 0) {
                throw ApiException.invalid("file", "field.evidence.file-empty");
            }
            FileTypes.Detection detection = FileTypes.detect(spooled.path());
            EvidenceType type = detection.type().orElseThrow(() -> EvidenceProblems.typeNotAllowed(detection.detected()));
            String name = FileNames.sanitise(file.getOriginalFilename(), type);
            Optional<EvidenceFile> same = evidence.findBySha256(activityId, spooled.sha256());
            if (same.isPresent()) {
                return new Uploaded(same.get(), false);
            }
            Picture picture = type.image() ? picture(spooled.path(), type) : Picture.NONE;

            UUID id = UUID.randomUUID();
            String key = "activities/" + activityId + "/" + id;
            String thumbnailKey = picture.thumbnail() == null ? null : key + ".thumb.jpg";
            List<String> keys = thumbnailKey == null ? List.of(key) : List.of(key, thumbnailKey);
            Instant now = clock.instant();
            ownTransaction.executeWithoutResult(s ->
                    evidence.journalOrphans(keys, now.plus(limits.cleanup().uploadGrace()), "upload"));
            try {
                store.put(key, spooled.path(), type.mediaType());
                if (thumbnailKey != null) {
                    store.put(thumbnailKey, picture.thumbnail().jpeg(), "image/jpeg");
                }
            } catch (IOException e) {
                log.warn("Could not store evidence {} of activity {} in {}: {}", id, activityId, store.describe(), e.toString());
                discard(keys);
                throw EvidenceProblems.storageUnavailable();
            }
            EvidenceFile row = new EvidenceFile(id, activityId, name, type.mediaType(), spooled.size(), spooled.sha256(),
                    key, thumbnailKey, picture.width(), picture.height(), cleanNote(note), user.username(), now);
            Uploaded result;
            try {
                result = transaction.execute(s -> commit(row, keys, activity));
            } catch (ApiException refused) {
                // Refused before anything was written: the objects are nobody's.
                discard(keys);
                throw refused;
            }
            // Any other failure (the commit itself) may have committed after all: the journal decides, the cleanup acts.
            if (!result.created()) {
                discard(keys);
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("could not read the upload", e);
        }
    }

    /** Inside the transaction: the activity's row locked, the limits checked again, the row in, the journal cleared. */
    private Uploaded commit(EvidenceFile row, List<String> keys, ActivityAccess.ActivityRef activity) {
        if (!evidence.lockActivity(row.activityId())) {
            throw AccessPolicy.activityNotFound(row.activityId());
        }
        Optional<EvidenceFile> same = evidence.findBySha256(row.activityId(), row.sha256());
        if (same.isPresent()) {
            return new Uploaded(same.get(), false);
        }
        checkRoom(evidence.usage(row.activityId()), row.size());
        evidence.insert(row);
        evidence.forgetOrphans(keys);
        // In the row's transaction (outbox): a report lists the file exactly when it exists.
        events.publish(key(activity), row.id().toString(), new EvidenceEvents.EvidenceAdded(row.id(), row.activityId(),
                activity.planId(), activity.orgUnit(), activity.orgUnitPath(), row.name(), row.contentType(), row.size(),
                row.sha256(), row.uploadedBy(), OffsetDateTime.ofInstant(row.uploadedAt(), ZONE)));
        return new Uploaded(row, true);
    }

    private void checkRoom(EvidenceRepository.Usage usage, long size) {
        if (usage.files() >= limits.maxFilesPerActivity()) {
            throw EvidenceProblems.tooManyFiles(limits.maxFilesPerActivity());
        }
        long maxTotal = limits.maxTotalPerActivity().toBytes();
        if (usage.bytes() + size > maxTotal) {
            throw EvidenceProblems.totalTooLarge(maxTotal, usage.bytes(), size);
        }
    }

    /** Size checked before decoding; a thumbnail if the JDK can decode the image. */
    private Picture picture(Path file, EvidenceType type) throws IOException {
        Optional<Images.Size> size = Images.size(file, type);
        if (size.isEmpty()) {
            return Picture.NONE;
        }
        if (size.get().pixels() > limits.maxImagePixels()) {
            throw EvidenceProblems.imageTooLarge(size.get().pixels(), limits.maxImagePixels());
        }
        int orientation = Images.orientation(file, type);
        Images.Size upright = size.get().turned(orientation);
        Images.Thumbnail thumbnail = type == EvidenceType.JPEG || type == EvidenceType.PNG
                ? Images.thumbnail(file, size.get(), orientation, limits.thumbnailSize()).orElse(null) : null;
        return new Picture(upright.width(), upright.height(), thumbnail);
    }

    private record Picture(Integer width, Integer height, Images.Thumbnail thumbnail) {
        static final Picture NONE = new Picture(null, null, null);
    }

    /** Removes objects at once, and their journal entries once they are gone (else the cleanup does it later). */
    private void discard(List<String> keys) {
        List<String> gone = new ArrayList<>();
        for (String key : keys) {
            try {
                store.delete(key);
                gone.add(key);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not remove {} now, the orphan cleanup will: {}", key, e.toString());
            }
        }
        if (!gone.isEmpty()) {
            try {
                ownTransaction.executeWithoutResult(s -> evidence.forgetOrphans(gone));
            } catch (RuntimeException e) {
                log.warn("Could not clear the orphan journal of {}: {}", gone, e.toString());
            }
        }
    }

    public Page list(CurrentUser user, UUID activityId, int page, int size) {
        access.readable(user, activityId);
        EvidenceRepository.Usage usage = evidence.usage(activityId);
        return new Page(evidence.list(activityId, page, size), page, size, usage.files());
    }

    public EvidenceFile get(CurrentUser user, UUID activityId, UUID evidenceId) {
        access.readable(user, activityId);
        return evidence.find(activityId, evidenceId)
                .orElseThrow(() -> EvidenceProblems.fileNotFound(activityId, evidenceId));
    }

    /** The stored bytes (the caller closes the stream); 503 if the store cannot be reached. */
    public InputStream open(String key) {
        try {
            return store.open(key);
        } catch (EvidenceStore.NoSuchObjectException e) {
            // A row without its object: someone removed it by hand. Nothing the caller can do about it.
            throw new IllegalStateException("evidence object missing: " + key, e);
        } catch (IOException e) {
            log.warn("Could not read {} from {}: {}", key, store.describe(), e.toString());
            throw EvidenceProblems.storageUnavailable();
        }
    }

    /**
     * Deletes a file while the activity's period is open (409 {@code period-locked} otherwise: the evidence of a
     * closed, reported quarter stays). If-Match with the file's ETag (its SHA-256) is required.
     */
    public void delete(CurrentUser user, UUID activityId, UUID evidenceId, String ifMatch) {
        ActivityAccess.ActivityRef activity = access.writable(user, activityId);
        EvidenceFile file = evidence.find(activityId, evidenceId)
                .orElseThrow(() -> EvidenceProblems.fileNotFound(activityId, evidenceId));
        if (ifMatch == null || ifMatch.isBlank()) {
            throw EvidenceProblems.ifMatchRequired();
        }
        if (!EvidenceETags.matches(ifMatch, file.sha256())) {
            throw EvidenceProblems.stale(EvidenceETags.of(file.sha256()), ifMatch);
        }
        Instant now = clock.instant();
        refuseIfLocked(activity, now);
        List<String> keys = file.thumbnailKey() == null ? List.of(file.storageKey()) : List.of(file.storageKey(), file.thumbnailKey());
        transaction.executeWithoutResult(s -> {
            evidence.lockActivity(activityId);
            if (!evidence.delete(evidenceId)) {
                throw EvidenceProblems.fileNotFound(activityId, evidenceId);
            }
            events.publish(key(activity), evidenceId.toString(), new EvidenceEvents.EvidenceRemoved(evidenceId, activityId,
                    activity.planId(), activity.orgUnit(), activity.orgUnitPath(), file.name(), file.sha256(),
                    user.username(), OffsetDateTime.ofInstant(now, ZONE)));
            // Due at once: if the objects cannot be removed after the commit, the cleanup removes them.
            evidence.journalOrphans(keys, now, "deleted");
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    discard(keys);
                }
            });
        });
    }

    /** The activity's events' key, its plan id, so that its evidence's events follow them in order. */
    private static String key(ActivityAccess.ActivityRef activity) {
        return activity.planId() == null ? activity.id().toString() : activity.planId().toString();
    }

    /** The same 409 {@code period-locked} as the activity's own changes, for the period of its date. */
    private void refuseIfLocked(ActivityAccess.ActivityRef activity, Instant now) {
        if (activity.periodDate() == null) {
            return;
        }
        Optional<PeriodLockPolicy.Refusal> refusal = PeriodLockPolicy.check(activity.periodDate(), now,
                locks.windowsOf(activity.orgUnit()));
        if (refusal.isPresent()) {
            throw refusal.get().problem(activity.orgUnit(), orgUnits.nameOf(activity.orgUnit()));
        }
    }

    private static String cleanNote(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        return Normalizer.normalize(note.strip(), Normalizer.Form.NFC);
    }

    /** The upload copied to a temporary file while counted and hashed; deleted on close. */
    private record Spooled(Path path, long size, String sha256) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(path);
        }
    }

    private Spooled spool(MultipartFile file, long maxFile) throws IOException {
        Path temp = limits.tempDirectory() == null ? Files.createTempFile("loa-evidence-", ".upload")
                : Files.createTempFile(Files.createDirectories(limits.tempDirectory()), "loa-evidence-", ".upload");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = file.getInputStream(); OutputStream out = Files.newOutputStream(temp)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    if (size > maxFile) {
                        throw EvidenceProblems.fileTooLarge(maxFile);
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            return new Spooled(temp, size, HexFormat.of().formatHex(sha256.digest()));
        } catch (NoSuchAlgorithmException e) {
            Files.deleteIfExists(temp);
            throw new IllegalStateException("every JVM has SHA-256", e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
