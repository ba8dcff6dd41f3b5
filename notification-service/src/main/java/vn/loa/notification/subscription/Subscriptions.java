package vn.loa.notification.subscription;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.loa.notification.orgunit.OrgUnits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class Subscriptions {

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Subscriptions of the recipient's org unit for the type: org-wide ones, and those of its unit. */
    public List<Subscription> matching(String orgUnit, String unit, String type) {
        return jdbc.sql("""
                        select * from subscription
                        where org_unit = :orgUnit and (unit is null or unit = :unit) and :type = any(events)
                        order by created_at, id
                        """)
                .param("orgUnit", orgUnit).param("unit", unit).param("type", type)
                .query(this::map).list();
    }

    void insert(Subscription s) {
        jdbc.sql("""
                        insert into subscription (id, org_unit, org_unit_path, unit, channel, target, events, secret,
                                                  language, created_by, created_at)
                        values (:id, :orgUnit, :path, :unit, :channel, :target, :events, :secret, :language,
                                :createdBy, :createdAt)
                        """)
                .param("id", s.id()).param("orgUnit", s.orgUnit())
                .param("path", s.orgUnitPath().toArray(String[]::new)).param("unit", s.unit())
                .param("channel", s.channel().name()).param("target", s.target())
                .param("events", s.events().toArray(String[]::new)).param("secret", s.secret())
                .param("language", s.language()).param("createdBy", s.createdBy())
                .param("createdAt", s.createdAt())
                .update();
    }

    /** The secret a webhook body is signed with; empty if the subscription is gone. */
    public Optional<String> secretOf(UUID id) {
        return jdbc.sql("select secret from subscription where id = :id").param("id", id)
                .query(String.class).optional();
    }

    Optional<Subscription> find(UUID id) {
        return jdbc.sql("select * from subscription where id = :id").param("id", id).query(this::map).optional();
    }

    /** Subscriptions whose org unit lies in the subtree of {@code orgUnit} (its path contains it). */
    List<Subscription> within(String orgUnit, int offset, int limit) {
        return jdbc.sql("""
                        select * from subscription where :orgUnit = any(org_unit_path)
                        order by created_at desc, id limit :limit offset :offset
                        """)
                .param("orgUnit", orgUnit).param("limit", limit).param("offset", offset)
                .query(this::map).list();
    }

    long countWithin(String orgUnit) {
        return jdbc.sql("select count(*) from subscription where :orgUnit = any(org_unit_path)")
                .param("orgUnit", orgUnit).query(Long.class).single();
    }

    void delete(UUID id) {
        jdbc.sql("delete from subscription where id = :id").param("id", id).update();
    }

    private Subscription map(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getObject("id", UUID.class), rs.getString("org_unit"),
                OrgUnits.strings(rs.getArray("org_unit_path")), rs.getString("unit"),
                Subscription.Channel.valueOf(rs.getString("channel")), rs.getString("target"),
                OrgUnits.strings(rs.getArray("events")), rs.getString("secret"), rs.getString("language"),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
