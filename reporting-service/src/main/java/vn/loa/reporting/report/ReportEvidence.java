package vn.loa.reporting.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.reporting.document.QuarterlyReport;
import vn.loa.reporting.period.Window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The evidence a report's export lists (issue 18): the activities of the period (completed inside its window, or
 * open and due inside it; cancelled ones count nowhere, as in the figures) of the units it covers, each with its
 * files from {@code evidence_copy}. Read live, also for a frozen report: activity-service refuses to delete
 * evidence once its period is closed, so what a closed period shows stays.
 */
@Component
class ReportEvidence {

    private final JdbcClient jdbc;

    ReportEvidence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param members the units whose activities count (a commune and its predecessors)
     * @param below   a unit whose communes' activities count too (a district's consolidated report), or null
     */
    List<QuarterlyReport.EvidenceActivity> of(List<String> members, String below, Window window) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.activity_id, a.title, a.channel, a.status, coalesce(a.completed_on, a.due_date) as day,
                               e.name, e.content_type, e.size, e.sha256
                        from activity_state a
                        left join evidence_copy e on e.activity_id = a.activity_id
                        where (a.org_unit = any(:members::text[]) or (:below::text is not null and a.org_unit_path @> array[:below::text]))
                          and ((a.status = 'COMPLETED' and a.completed_on between :from and :to)
                            or (a.status not in ('COMPLETED', 'CANCELLED') and a.due_date between :from and :to))
                        order by day nulls last, a.title, a.activity_id, e.uploaded_at, e.name""")
                .param("members", members.toArray(String[]::new))
                .param("below", below)
                .param("from", window.from())
                .param("to", window.to())
                .query((rs, i) -> {
                    Row row = rows.computeIfAbsent(rs.getObject("activity_id", UUID.class), id -> {
                        try {
                            return new Row(rs.getString("title"), rs.getString("channel"), rs.getString("status"),
                                    rs.getObject("day", LocalDate.class), new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    if (rs.getString("sha256") != null) {
                        row.files().add(new QuarterlyReport.EvidenceFile(rs.getString("name"), rs.getString("content_type"),
                                rs.getLong("size"), rs.getString("sha256")));
                    }
                    return row;
                })
                .list();
        return rows.values().stream().map(r -> new QuarterlyReport.EvidenceActivity(r.title(), r.channel(), r.status(),
                r.day(), r.files())).toList();
    }

    private record Row(String title, String channel, String status, LocalDate day,
                       List<QuarterlyReport.EvidenceFile> files) {
    }
}
