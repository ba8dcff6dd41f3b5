package vn.loa.reporting.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.Topics;

import java.util.List;

/** The live projections: one listener (and inbox consumer name) per projection; activities in batches. */
@Component
public class ProjectionListeners {

    /** Listener container ids. */
    public static final List<String> IDS = List.of("reporting-org-unit-projection", "reporting-plan-projection",
            "reporting-activity-projection");

    private final EventRoutes orgUnits;
    private final EventRoutes plans;
    private final ActivityBatches activities;

    ProjectionListeners(ProjectionRoutes routes, ActivityBatches activities) {
        this.orgUnits = routes.orgUnits(ProjectionRoutes.ORG_UNITS, ProjectionTables.LIVE);
        this.plans = routes.plans(ProjectionRoutes.PLANS, ProjectionTables.LIVE);
        this.activities = activities;
    }

    @KafkaListener(id = "reporting-org-unit-projection", idIsGroup = false, topics = Topics.ORG_UNIT_EVENTS)
    void onOrgUnit(ConsumerRecord<String, String> record) {
        orgUnits.dispatch(record);
    }

    @KafkaListener(id = "reporting-plan-projection", idIsGroup = false, topics = Topics.PLAN_EVENTS)
    void onPlan(ConsumerRecord<String, String> record) {
        plans.dispatch(record);
    }

    /**
     * A poll's records at once (up to max.poll.records): one transaction, a few statements. One consumer per
     * partition (the topic's 3 by default): the partitions' batches are applied side by side, each on its own
     * connection, so the database works on one batch while the next is read and folded.
     */
    @KafkaListener(id = "reporting-activity-projection", idIsGroup = false, topics = Topics.ACTIVITY_EVENTS,
            batch = "true", concurrency = "${loa.projection.activities.consumers:3}")
    void onActivities(List<ConsumerRecord<String, String>> records) {
        activities.apply(ProjectionRoutes.ACTIVITIES, ProjectionTables.LIVE, records);
    }
}
