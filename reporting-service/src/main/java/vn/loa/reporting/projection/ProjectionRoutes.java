package vn.loa.reporting.projection;

import org.springframework.stereotype.Component;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.Topics;
import vn.loa.reporting.orgunit.OrgUnitProjection;
import vn.loa.reporting.orgunit.OrgUnitRegistered;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projections and the topics they read, one inbox consumer name per projection. The live
 * listeners and the rebuild use the same handlers; the rebuild only changes the consumer name.
 */
@Component
public class ProjectionRoutes {

    /** Inbox consumer names of the live projections. */
    public static final String ORG_UNITS = "reporting-org-units";
    public static final String PLANS = "reporting-plans";
    public static final String ACTIVITIES = "reporting-activities";

    /** The tables the projections write; a rebuild truncates them. */
    public static final List<String> TABLES = List.of("activity_state", "plan_target", "plan_copy", "org_unit");

    private final InboundEvents inbound;
    private final OrgUnitProjection orgUnits;
    private final PlanProjection plans;
    private final ActivityProjection activities;

    ProjectionRoutes(InboundEvents inbound, OrgUnitProjection orgUnits, PlanProjection plans,
                     ActivityProjection activities) {
        this.inbound = inbound;
        this.orgUnits = orgUnits;
        this.plans = plans;
        this.activities = activities;
    }

    /** Topic to routes, in the order a rebuild replays them (org units, then plans, then activities). */
    public Map<String, EventRoutes> all(String consumerSuffix) {
        Map<String, EventRoutes> routes = new LinkedHashMap<>();
        routes.put(Topics.ORG_UNIT_EVENTS, orgUnits(ORG_UNITS + consumerSuffix));
        routes.put(Topics.PLAN_EVENTS, plans(PLANS + consumerSuffix));
        routes.put(Topics.ACTIVITY_EVENTS, activities(ACTIVITIES + consumerSuffix));
        return routes;
    }

    EventRoutes orgUnits(String consumer) {
        return inbound.routes(consumer).on(OrgUnitRegistered.class, orgUnits::on).build();
    }

    EventRoutes plans(String consumer) {
        return inbound.routes(consumer)
                .on(PlanIssued.class, plans::onIssued)
                .on(PlanAmended.class, plans::onAmended)
                .on(PlanClosed.class, plans::onClosed)
                .build();
    }

    EventRoutes activities(String consumer) {
        return inbound.routes(consumer)
                .on(ActivityScheduled.class, activities::onScheduled)
                .on(ActivityCompleted.class, activities::onCompleted)
                .on(ActivityCancelled.class, activities::onCancelled)
                .on(ActivityOverdue.class, activities::onOverdue)
                .build();
    }
}
