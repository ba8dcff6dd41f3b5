package vn.loa.reporting.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The evidence files of activities ({@code evidence_copy}), from evidence-added and evidence-removed, applied in the
 * activity batch's transaction and in the records' order (same key, the plan id, as the activity's events). A file
 * is keyed by its id: a redelivered evidence-added changes nothing, and an evidence-removed deletes the row, so an
 * older evidence-added replayed after it (a rebuild replays in order; the inbox skips redeliveries) cannot revive it.
 */
@Component
class EvidenceProjection {

    private final JdbcClient jdbc;

    EvidenceProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Only the evidence events among {@code events}; the others are the activity projection's. */
    void apply(ProjectionTables t, List<ActivityProjection.ActivityEvent> events) {
        for (ActivityProjection.ActivityEvent e : events) {
            if (e.data() instanceof EvidenceAdded a) {
                jdbc.sql("insert into " + t.evidenceCopy() + """
                                 (evidence_id, activity_id, org_unit, name, content_type, size, sha256, uploaded_at)
                                values (:id, :activity, :org, :name, :type, :size, :sha, :at)
                                on conflict (evidence_id) do nothing""")
                        .param("id", a.evidenceId()).param("activity", a.activityId()).param("org", a.orgUnit())
                        .param("name", a.name()).param("type", a.contentType()).param("size", a.size())
                        .param("sha", a.sha256()).param("at", a.uploadedAt())
                        .update();
            } else if (e.data() instanceof EvidenceRemoved r) {
                jdbc.sql("delete from " + t.evidenceCopy() + " where evidence_id = :id").param("id", r.evidenceId())
                        .update();
            }
        }
    }

    static boolean isEvidence(ActivityProjection.ActivityEvent e) {
        return e.data() instanceof EvidenceAdded || e.data() instanceof EvidenceRemoved;
    }
}
