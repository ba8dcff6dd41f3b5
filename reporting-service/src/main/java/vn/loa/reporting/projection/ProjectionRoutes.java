package vn.loa.reporting.projection;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.Topics;
import vn.loa.reporting.dashboard.FiguresChanged;
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
    private final ApplicationEventPublisher changes;

    ProjectionRoutes(InboundEvents inbound, OrgUnitProjection orgUnits, PlanProjection plans,
                     ActivityProjection activities, ApplicationEventPublisher changes) {
        this.inbound = inbound;
        this.orgUnits = orgUnits;
        this.plans = plans;
        this.activities = activities;
        this.changes = changes;
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
        return inbound.routes(consumer).on(OrgUnitRegistered.class, e -> {
            orgUnits.on(e);
            List<String> path = e.data().path() == null || e.data().path().isEmpty() ? List.of(e.data().code()) : e.data().path();
            changed(new FiguresChanged(path, List.of(), null, null));
        }).build();
    }

    // Each handler also announces, in its transaction, what it changed; the live dashboards hear it after commit.
    EventRoutes plans(String consumer) {
        return inbound.routes(consumer)
                .on(PlanIssued.class, e -> {
                    plans.onIssued(e);
                    changed(FiguresChanged.ofYear(e.data().orgUnitPath(), e.data().year()));
                })
                .on(PlanAmended.class, e -> {
                    plans.onAmended(e);
                    changed(FiguresChanged.ofYear(e.data().orgUnitPath(), e.data().year()));
                })
                .on(PlanClosed.class, e -> {
                    plans.onClosed(e);
                    changed(FiguresChanged.ofYear(e.data().orgUnitPath(), e.data().year()));
                })
                .build();
    }

    EventRoutes activities(String consumer) {
        return inbound.routes(consumer)
                .on(ActivityScheduled.class, e -> {
                    activities.onScheduled(e);
                    changed(FiguresChanged.onDates(e.data().orgUnitPath(), e.data().dueDate()));
                })
                .on(ActivityCompleted.class, e -> {
                    activities.onCompleted(e);
                    changed(FiguresChanged.onDates(e.data().orgUnitPath(), e.data().dueDate(), e.data().completedOn()));
                })
                .on(ActivityCancelled.class, e -> {
                    activities.onCancelled(e);
                    // The cancelled activity may have counted as completed on a date the event does not carry.
                    changed(FiguresChanged.ofYear(e.data().orgUnitPath(),
                            e.data().dueDate() == null ? null : e.data().dueDate().getYear()));
                })
                .on(ActivityOverdue.class, e -> {
                    activities.onOverdue(e);
                    changed(FiguresChanged.onDates(e.data().orgUnitPath(), e.data().dueDate()));
                })
                .build();
    }

    private void changed(FiguresChanged change) {
        changes.publishEvent(change);
    }
}
