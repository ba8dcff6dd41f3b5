package vn.loa.notification.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.notification.dispatch.NotificationTypes;

import java.util.List;
import java.util.UUID;

/**
 * Demo data of the local stack ({@code loa.demo-data.enabled=true}): email subscriptions for Liên
 * Minh's culture–information officer and Đức Thọ's Phòng VHTT, so that the embedded mailbox shows
 * the flow at once. Fixed ids: inserting twice changes nothing.
 */
@Component
@ConditionalOnBooleanProperty("loa.demo-data.enabled")
class DemoSubscriptions implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSubscriptions.class);

    private final JdbcClient jdbc;

    DemoSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        insert(UUID.fromString("7a0e0000-0000-4000-8000-000000000001"), "lien-minh",
                List.of("ha-tinh", "duc-tho", "lien-minh"), "van-hoa-thong-tin", "vhtt@lien-minh.example.vn");
        insert(UUID.fromString("7a0e0000-0000-4000-8000-000000000002"), "duc-tho",
                List.of("ha-tinh", "duc-tho"), null, "phong-vhtt@duc-tho.example.vn");
        log.info("Demo subscriptions: vhtt@lien-minh.example.vn, phong-vhtt@duc-tho.example.vn (read them at /api/ops/mailbox)");
    }

    private void insert(UUID id, String orgUnit, List<String> path, String unit, String email) {
        jdbc.sql("""
                        insert into subscription (id, org_unit, org_unit_path, unit, channel, target, events, language, created_by)
                        values (:id, :orgUnit, :path, :unit, 'EMAIL', :target, :events, 'vi', 'demo-data')
                        on conflict (id) do nothing
                        """)
                .param("id", id).param("orgUnit", orgUnit).param("path", path.toArray(String[]::new))
                .param("unit", unit).param("target", email)
                .param("events", NotificationTypes.ALL.toArray(String[]::new)).update();
    }
}
