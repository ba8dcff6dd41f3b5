package vn.loa.notification.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import vn.loa.notification.notice.NotificationTypes;
import vn.loa.notification.subscription.Subscription;
import vn.loa.notification.subscription.SubscriptionRepository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Demo data of the local stack ({@code loa.demo-data.enabled=true}): email subscriptions for Liên
 * Minh's culture–information officer and Đức Thọ's Phòng VHTT, so that the embedded mailbox shows
 * the flow at once. Fixed ids: starting twice (or two replicas at once) changes nothing.
 */
@Component
@ConditionalOnBooleanProperty("loa.demo-data.enabled")
class DemoSubscriptions implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSubscriptions.class);

    private final SubscriptionRepository subscriptions;

    DemoSubscriptions(SubscriptionRepository subscriptions) {
        this.subscriptions = subscriptions;
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
        if (subscriptions.existsById(id)) {
            return;
        }
        try {
            subscriptions.saveAndFlush(new Subscription(id, orgUnit, path, unit, Subscription.Channel.EMAIL, email,
                    NotificationTypes.ALL, null, "vi", "demo-data", OffsetDateTime.now(ZoneOffset.UTC)));
        } catch (DataIntegrityViolationException e) {
            // another replica inserted it first
        }
    }
}
