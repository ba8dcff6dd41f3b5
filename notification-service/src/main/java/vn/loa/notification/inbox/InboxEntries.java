package vn.loa.notification.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.loa.notification.recipients.Recipient;
import vn.loa.notification.template.RenderedMessage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class InboxEntries {

    private final JdbcClient jdbc;

    InboxEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when this recipient already has the entry for this event */
    public boolean add(UUID eventId, String type, Recipient r, RenderedMessage m) {
        return jdbc.sql("""
                        insert into notification (id, event_id, event_type, org_unit, unit, subject, body)
                        values (:id, :eventId, :type, :orgUnit, :unit, :subject, :body)
                        on conflict do nothing
                        """)
                .param("id", UUID.randomUUID()).param("eventId", eventId).param("type", type)
                .param("orgUnit", r.orgUnit()).param("unit", r.unit())
                .param("subject", m.subject()).param("body", m.body())
                .update() == 1;
    }

    List<InboxEntry> list(String orgUnit, boolean unreadOnly, int offset, int limit) {
        return jdbc.sql("""
                        select * from notification where org_unit = :orgUnit and (not :unread or read_at is null)
                        order by created_at desc, id limit :limit offset :offset
                        """)
                .param("orgUnit", orgUnit).param("unread", unreadOnly).param("limit", limit).param("offset", offset)
                .query(InboxEntries::map).list();
    }

    long count(String orgUnit, boolean unreadOnly) {
        return jdbc.sql("select count(*) from notification where org_unit = :orgUnit and (not :unread or read_at is null)")
                .param("orgUnit", orgUnit).param("unread", unreadOnly).query(Long.class).single();
    }

    Optional<InboxEntry> find(UUID id) {
        return jdbc.sql("select * from notification where id = :id").param("id", id).query(InboxEntries::map).optional();
    }

    void markRead(UUID id) {
        jdbc.sql("update notification set read_at = coalesce(read_at, now()) where id = :id").param("id", id).update();
    }

    private static InboxEntry map(ResultSet rs, int row) throws SQLException {
        return new InboxEntry(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("event_type"), rs.getString("org_unit"), rs.getString("unit"),
                rs.getString("subject"), rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("read_at", OffsetDateTime.class));
    }
}
