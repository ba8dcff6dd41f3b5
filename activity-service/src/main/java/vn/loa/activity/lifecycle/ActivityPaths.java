package vn.loa.activity.lifecycle;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.activity.orgunit.OrgTree;
import vn.loa.activity.orgunit.SubtreeMoved;
import vn.loa.activity.support.Sql;

/**
 * Keeps the org-unit path copied onto each activity (what its events carry) current when a unit moves: one
 * statement, idempotent (EVENTS.md, org-unit-moved), served by the indexes on the tree copy's path and the
 * activity's org unit, in the transaction that applies the move to the
 * {@link OrgTree}. The version is not raised: nothing the officer changed, and no If-Match of theirs goes stale.
 */
@Component
class ActivityPaths {

    private final JdbcClient jdbc;

    ActivityPaths(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(SubtreeMoved moved) {
        jdbc.sql("""
                        UPDATE activity
                        SET org_unit_path = CAST(:path AS text[]) || org_unit_path[array_position(org_unit_path, :code) + 1:]
                        WHERE org_unit IN (SELECT code FROM org_unit_copy WHERE path @> ARRAY[CAST(:code AS text)])
                          AND org_unit_path @> ARRAY[CAST(:code AS text)]""")
                .param("code", moved.code()).param("path", Sql.array(moved.newPath()))
                .update();
    }
}
