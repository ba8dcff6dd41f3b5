package vn.loa.notification.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.loa.notification.recipients.Recipient;
import vn.loa.notification.template.RenderedMessage;

import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
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

    /** An inbox row to add: its recipient and its (Vietnamese) message. */
    public record NewEntry(Recipient recipient, RenderedMessage message) {
    }

    /** @return false when this recipient already has the entry for this event */
    public boolean add(UUID eventId, String type, Recipient r, RenderedMessage m) {
        return addAll(eventId, type, List.of(new NewEntry(r, m))) == 1;
    }

    /**
     * All the inbox rows of one notice in one statement (unnest of arrays), whatever the number of recipients;
     * a recipient that already has the event's row keeps it.
     *
     * @return the number of rows added
     */
    public int addAll(UUID eventId, String type, List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into notification (id, event_id, event_type, org_unit, unit, subject, body)
                        select e.id, :eventId, :type, e.org_unit, e.unit, e.subject, e.body
                        from unnest(cast(:ids as uuid[]), cast(:orgUnits as text[]), cast(:units as text[]),
                                    cast(:subjects as text[]), cast(:bodies as text[]))
                             as e(id, org_unit, unit, subject, body)
                        on conflict do nothing
                        """)
                .param("eventId", eventId).param("type", type)
                .param("ids", entries.stream().map(e -> UUID.randomUUID()).toArray(UUID[]::new))
                .param("orgUnits", entries.stream().map(e -> e.recipient().orgUnit()).toArray(String[]::new))
                .param("units", entries.stream().map(e -> e.recipient().unit()).toArray(String[]::new))
                .param("subjects", entries.stream().map(e -> e.message().subject()).toArray(String[]::new))
                .param("bodies", entries.stream().map(e -> e.message().body()).toArray(String[]::new))
                .update();
    }

    /** Where a page of the inbox starts after: the last row of the page before (newest first). */
    public record Cursor(OffsetDateTime createdAt, UUID id) {

        /** {@code <epoch micros>_<uuid>}: opaque to clients, stable across pages. */
        public String encode() {
            long micros = createdAt.toInstant().getEpochSecond() * 1_000_000 + createdAt.toInstant().getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + "_" + id).getBytes(StandardCharsets.US_ASCII));
        }

        /** Empty for a value that is not a cursor of ours. */
        public static Optional<Cursor> decode(String value) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII).split("_", 2);
                long micros = Long.parseLong(parts[0]);
                Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
                return Optional.of(new Cursor(at.atOffset(ZoneOffset.UTC), UUID.fromString(parts[1])));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * A page of the inbox of {@code orgUnits} (a unit and the units merged into it), newest first: after
     * {@code after} (keyset: an index range scan of {@code notification_inbox}, however deep the page) or, without a
     * cursor, at {@code offset}.
     */
    List<InboxEntry> list(List<String> orgUnits, boolean unreadOnly, Cursor after, int offset, int limit) {
        String sql = "select * from notification where org_unit in (:orgUnits)"
                + (unreadOnly ? " and read_at is null" : "")
                + (after != null ? " and (created_at, id) < (:afterAt, :afterId)" : "")
                + " order by created_at desc, id desc limit :limit"
                + (after != null ? "" : " offset :offset");
        var statement = jdbc.sql(sql).param("orgUnits", orgUnits).param("limit", limit);
        if (after != null) {
            statement = statement.param("afterAt", after.createdAt()).param("afterId", after.id());
        } else {
            statement = statement.param("offset", offset);
        }
        return statement.query(InboxEntries::map).list();
    }

    long count(List<String> orgUnits, boolean unreadOnly) {
        return jdbc.sql("select count(*) from notification where org_unit in (:orgUnits)"
                        + (unreadOnly ? " and read_at is null" : ""))
                .param("orgUnits", orgUnits).query(Long.class).single();
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
