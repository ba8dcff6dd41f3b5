package vn.loa.reporting.projection;

import org.springframework.stereotype.Component;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.InboundEvents;
import vn.loa.reporting.figures.Figures;
import vn.loa.reporting.figures.FiguresChanged;

import java.util.List;

/**
 * The org-unit and plan projections (record by record: a few events a day), one inbox consumer name
 * per projection. The live listeners and the rebuild use the same handlers; the rebuild changes the
 * consumer name and writes its own tables. The activity projection, the volume, goes in batches
 * ({@link ActivityBatches}).
 */
@Component
public class ProjectionRoutes {

    /** Inbox consumer names of the live projections. */
    public static final String ORG_UNITS = "reporting-org-units";
    public static final String PLANS = "reporting-plans";
    public static final String ACTIVITIES = "reporting-activities";

    private final InboundEvents inbound;
    private final OrgUnitProjection orgUnits;
    private final PlanProjection plans;
    private final Figures figures;

    ProjectionRoutes(InboundEvents inbound, OrgUnitProjection orgUnits, PlanProjection plans, Figures figures) {
        this.inbound = inbound;
        this.orgUnits = orgUnits;
        this.plans = plans;
        this.figures = figures;
    }

    // Each handler also announces, in its transaction, what it changed (live tables only).
    public EventRoutes orgUnits(String consumer, ProjectionTables t) {
        return inbound.routes(consumer).on(OrgUnitRegistered.class, e -> {
            // A moved unit leaves its old ancestors too: their dashboards change (versions, live updates).
            List<String> oldPath = t.live() ? orgUnits.path(t, e.data().code()) : List.of();
            orgUnits.on(t, e);
            List<String> path = e.data().path() == null || e.data().path().isEmpty() ? List.of(e.data().code()) : e.data().path();
            changed(t, new FiguresChanged(path, List.of(), null, null));
            if (!oldPath.isEmpty() && !oldPath.equals(path)) {
                changed(t, new FiguresChanged(oldPath, List.of(), null, null));
            }
        }).on(OrgUnitMoved.class, e -> {
            for (List<String> p : orgUnits.onMoved(t, e)) {
                changed(t, new FiguresChanged(p, List.of(), null, null));
            }
        }).on(OrgUnitClosed.class, e -> {
            orgUnits.onClosed(t, e);
            List<String> codes = new java.util.ArrayList<>(List.of(e.data().code()));
            if (e.data().successorCode() != null) {
                codes.add(e.data().successorCode());
            }
            orgUnits.paths(t, codes).forEach(p -> changed(t, new FiguresChanged(p, List.of(), null, null)));
        }).on(OrgUnitsMerged.class, e -> {
            orgUnits.onMerged(t, e);
            List<String> codes = new java.util.ArrayList<>(List.of(e.data().code()));
            if (e.data().predecessors() != null) {
                e.data().predecessors().forEach(p -> codes.add(p.code()));
            }
            // The new unit's dashboards now carry its predecessors' history; theirs lose it.
            orgUnits.paths(t, codes).forEach(p -> changed(t, new FiguresChanged(p, List.of(), null, null)));
        }).build();
    }

    public EventRoutes plans(String consumer, ProjectionTables t) {
        return inbound.routes(consumer)
                .on(PlanIssued.class, e -> {
                    plans.onIssued(t, e);
                    changed(t, FiguresChanged.ofYear(e.data().orgUnitPath(), e.data().year()));
                })
                .on(PlanAmended.class, e -> {
                    plans.onAmended(t, e);
                    changed(t, FiguresChanged.ofYear(e.data().orgUnitPath(), e.data().year()));
                })
                .on(PlanClosed.class, e -> {
                    plans.onClosed(t, e);
                    changed(t, FiguresChanged.ofYear(e.data().orgUnitPath(), e.data().year()));
                })
                .build();
    }

    private void changed(ProjectionTables t, FiguresChanged change) {
        if (t.live()) {
            figures.changed(change);
        }
    }
}
