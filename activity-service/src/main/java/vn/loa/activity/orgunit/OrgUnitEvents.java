package vn.loa.activity.orgunit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.Topics;

/**
 * Keeps {@link OrgTree} from plan-service's {@code loa.orgunit.events} (each event applied once, through the
 * inbox {@code org-unit-copy}); the envelope time orders competing events about one unit (EVENTS.md).
 */
@Component
class OrgUnitEvents {

    private static final Logger log = LoggerFactory.getLogger(OrgUnitEvents.class);

    private final EventRoutes routes;

    OrgUnitEvents(InboundEvents inbound, OrgTree tree) {
        this.routes = inbound.routes("org-unit-copy")
                .on(OrgUnitRegistered.class, e -> tree.register(e.data(), e.time()))
                .on(OrgUnitMoved.class, e -> {
                    tree.move(e.data(), e.time());
                    log.info("org-unit-moved {} → {} ({} units below)", e.data().code(), e.data().path(),
                            e.data().descendants() == null ? 0 : e.data().descendants().size());
                })
                .on(OrgUnitClosed.class, e -> {
                    tree.close(e.data(), e.time());
                    log.info("org-unit-closed {} on {}, successor {}", e.data().code(), e.data().closedOn(), e.data().successorCode());
                })
                .on(OrgUnitsMerged.class, e -> {
                    tree.merge(e.data());
                    log.info("org-units-merged into {}", e.data().code());
                })
                .build();
    }

    @KafkaListener(topics = Topics.ORG_UNIT_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        routes.dispatch(record);
    }
}
