package vn.loa.activity.orgunit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.activity.support.Sql;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.Topics;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The local copy of org units (names for messages; the hierarchy comes with each plan and quarter event). */
@Component
public class OrgUnits {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final EventRoutes routes;

    OrgUnits(JdbcClient jdbc, JsonMapper json, Clock clock, InboundEvents inbound) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.routes = inbound.routes("org-unit-copy").on(OrgUnitRegistered.class, e -> register(e.data())).build();
    }

    @KafkaListener(topics = Topics.ORG_UNIT_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        routes.dispatch(record);
    }

    void register(OrgUnitRegistered unit) {
        jdbc.sql("""
                        INSERT INTO org_unit_copy (code, name, level, parent_code, path, units, updated_at)
                        VALUES (:code, :name, :level, :parent, :path, CAST(:units AS jsonb), :now)
                        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
                            parent_code = EXCLUDED.parent_code, path = EXCLUDED.path, units = EXCLUDED.units,
                            updated_at = EXCLUDED.updated_at
                        """)
                .param("code", unit.code()).param("name", unit.name()).param("level", unit.level())
                .param("parent", unit.parentCode()).param("path", Sql.array(unit.path()))
                .param("units", json.writeValueAsString(unit.units() == null ? List.of() : unit.units()))
                .param("now", OffsetDateTime.now(clock))
                .update();
    }

    /** The org unit's name, or its code when we have not heard of it yet. */
    public String nameOf(String code) {
        return name(code).orElse(code);
    }

    public Optional<String> name(String code) {
        return jdbc.sql("SELECT name FROM org_unit_copy WHERE code = :code").param("code", code)
                .query(String.class).optional();
    }
}
