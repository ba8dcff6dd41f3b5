package vn.loa.activity.plancopy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.loa.activity.orgunit.OrgTree;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.Topics;

/**
 * Keeps the plan copy up to date from plan-service's events (each event applied once). A plan's org unit that the
 * tree copy does not know yet (its org-unit event has not arrived) is seeded from the plan's path, so that scope
 * checks can read the tree from the first activity on.
 */
@Component
class PlanEventsListener {

    private static final Logger log = LoggerFactory.getLogger(PlanEventsListener.class);

    private final EventRoutes routes;

    PlanEventsListener(InboundEvents inbound, PlanCopies copies, OrgTree tree) {
        this.routes = inbound.routes("plan-copy")
                .on(PlanIssued.class, e -> {
                    PlanIssued p = e.data();
                    tree.seed(p.orgUnit(), p.orgUnitName(), p.orgUnitLevel(), p.orgUnitPath());
                    boolean changed = copies.applyIssuedOrAmended(p.planId(), p.version(), p.orgUnit(), p.orgUnitName(),
                            p.orgUnitPath(), p.year(), p.documentNumber(), p.title(), p.targets(), p.topics(),
                            p.channels(), p.units());
                    log.info("plan-issued {} v{} {}", p.planId(), p.version(), changed ? "applied" : "ignored (older)");
                })
                .on(PlanAmended.class, e -> {
                    PlanAmended p = e.data();
                    tree.seed(p.orgUnit(), p.orgUnitName(), p.orgUnitLevel(), p.orgUnitPath());
                    boolean changed = copies.applyIssuedOrAmended(p.planId(), p.version(), p.orgUnit(), p.orgUnitName(),
                            p.orgUnitPath(), p.year(), p.documentNumber(), p.title(), p.targets(), p.topics(),
                            p.channels(), p.units());
                    log.info("plan-amended {} v{} {}", p.planId(), p.version(), changed ? "applied" : "ignored (older)");
                })
                .on(PlanClosed.class, e -> {
                    boolean changed = copies.applyClosed(e.data());
                    log.info("plan-closed {} v{} {}", e.data().planId(), e.data().version(), changed ? "applied" : "ignored (older)");
                })
                .build();
    }

    @KafkaListener(topics = Topics.PLAN_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        routes.dispatch(record);
    }
}
