package vn.loa.activity.evidence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.loa.activity.support.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Evidence rows ({@code evidence_file}) and the orphan journal ({@code evidence_orphan}), V5. */
@Repository
class EvidenceRepository {

    private final JdbcClient jdbc;

    EvidenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Usage(int files, long bytes) {
    }

    /**
     * Locks the activity's row until the transaction ends ({@code FOR NO KEY UPDATE}: it does not block the
     * evidence rows' foreign key checks): uploads to one activity take their turn, across all replicas, so that the
     * count and total checked after it stay true until the commit.
     */
    boolean lockActivity(UUID activityId) {
        return jdbc.sql("SELECT id FROM activity WHERE id = :id FOR NO KEY UPDATE").param("id", activityId)
                .query(UUID.class).optional().isPresent();
    }

    Usage usage(UUID activityId) {
        return jdbc.sql("SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes FROM evidence_file WHERE activity_id = :id")
                .param("id", activityId)
                .query((rs, n) -> new Usage(rs.getInt("files"), rs.getLong("bytes"))).single();
    }

    void insert(EvidenceFile f) {
        jdbc.sql("""
                        INSERT INTO evidence_file (id, activity_id, name, content_type, size, sha256, storage_key, thumbnail_key,
                            width, height, note, uploaded_by, uploaded_at)
                        VALUES (:id, :activity, :name, :type, :size, :sha, :key, :thumb, :w, :h, :note, :by, :at)
                        """)
                .param("id", f.id()).param("activity", f.activityId()).param("name", f.name())
                .param("type", f.contentType()).param("size", f.size()).param("sha", f.sha256())
                .param("key", f.storageKey()).param("thumb", f.thumbnailKey()).param("w", f.width())
                .param("h", f.height()).param("note", f.note()).param("by", f.uploadedBy())
                .param("at", odt(f.uploadedAt()))
                .update();
    }

    Optional<EvidenceFile> find(UUID activityId, UUID id) {
        return jdbc.sql("SELECT * FROM evidence_file WHERE id = :id AND activity_id = :activity")
                .param("id", id).param("activity", activityId).query(EvidenceRepository::map).optional();
    }

    Optional<EvidenceFile> findBySha256(UUID activityId, String sha256) {
        return jdbc.sql("SELECT * FROM evidence_file WHERE activity_id = :activity AND sha256 = :sha")
                .param("activity", activityId).param("sha", sha256).query(EvidenceRepository::map).optional();
    }

    List<EvidenceFile> list(UUID activityId, int page, int size) {
        return jdbc.sql("""
                        SELECT * FROM evidence_file WHERE activity_id = :activity
                        ORDER BY position LIMIT :limit OFFSET :offset
                        """)
                .param("activity", activityId).param("limit", size).param("offset", (long) page * size)
                .query(EvidenceRepository::map).list();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM evidence_file WHERE id = :id").param("id", id).update() == 1;
    }

    /** Objects that no row refers to from {@code dueAt} on unless {@link #forgetOrphans} is called before. */
    void journalOrphans(Collection<String> keys, Instant dueAt, String reason) {
        for (String key : keys) {
            jdbc.sql("""
                            INSERT INTO evidence_orphan (storage_key, due_at, reason) VALUES (:key, :due, :reason)
                            ON CONFLICT (storage_key) DO UPDATE SET due_at = EXCLUDED.due_at, reason = EXCLUDED.reason
                            """)
                    .param("key", key).param("due", odt(dueAt)).param("reason", reason).update();
        }
    }

    void forgetOrphans(Collection<String> keys) {
        if (!keys.isEmpty()) {
            jdbc.sql("DELETE FROM evidence_orphan WHERE storage_key = ANY(:keys)").param("keys", Sql.array(keys)).update();
        }
    }

    /** Journalled objects due for removal (one cleanup at a time runs: ShedLock). */
    List<String> dueOrphans(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT storage_key FROM evidence_orphan WHERE due_at <= :now ORDER BY due_at LIMIT :limit
                        """)
                .param("now", odt(now)).param("limit", limit).query(String.class).list();
    }

    /** Whether a row refers to the key (then it is no orphan, whatever the journal says). */
    boolean referenced(String key) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM evidence_file WHERE storage_key = :key OR thumbnail_key = :key)")
                .param("key", key).query(Boolean.class).single();
    }

    /** One line of a quarter's archive: a completed activity and one of its files (none: file columns null). */
    record ArchiveLine(UUID activityId, String title, String channel, LocalDate dueDate, LocalDate completedOn,
                       String period, String links, EvidenceFile file) {
    }

    /**
     * The completed activities of {@code orgUnit} whose period is one of {@code periods}, each with its files (a
     * LEFT JOIN: an activity without a file is listed once with none), in the order of the archive.
     */
    List<ArchiveLine> archive(String orgUnit, Collection<String> periods) {
        return jdbc.sql("""
                        SELECT a.id AS a_id, a.title AS a_title, a.channel AS a_channel, a.due_date AS a_due,
                               a.completed_on AS a_completed, a.period AS a_period, a.evidence::text AS a_links, e.*
                        FROM activity a LEFT JOIN evidence_file e ON e.activity_id = a.id
                        WHERE a.org_unit = :ou AND a.status = 'COMPLETED' AND a.period = ANY(:periods)
                        ORDER BY a.completed_on, a.title, a.id, e.position
                        """)
                .param("ou", orgUnit).param("periods", Sql.array(periods))
                .query((rs, n) -> new ArchiveLine(rs.getObject("a_id", UUID.class), rs.getString("a_title"),
                        rs.getString("a_channel"), rs.getObject("a_due", LocalDate.class),
                        rs.getObject("a_completed", LocalDate.class), rs.getString("a_period"), rs.getString("a_links"),
                        rs.getObject("id") == null ? null : map(rs, n)))
                .list();
    }

    private static EvidenceFile map(ResultSet rs, int row) throws SQLException {
        return new EvidenceFile(rs.getObject("id", UUID.class), rs.getObject("activity_id", UUID.class),
                rs.getString("name"), rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"),
                rs.getString("storage_key"), rs.getString("thumbnail_key"), (Integer) rs.getObject("width"),
                (Integer) rs.getObject("height"), rs.getString("note"), rs.getString("uploaded_by"),
                rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
