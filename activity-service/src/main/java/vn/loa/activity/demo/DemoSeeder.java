package vn.loa.activity.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.activity.activity.ActivityService;
import vn.loa.activity.activity.ActivityView;
import vn.loa.activity.activity.Caller;
import vn.loa.activity.activity.CompletionRequest;
import vn.loa.activity.activity.Evidence;
import vn.loa.activity.activity.NewActivity;
import vn.loa.activity.orgunit.OrgUnits;
import vn.loa.activity.plancopy.PlanCopies;
import vn.loa.activity.plancopy.PlanCopy;
import vn.loa.activity.plancopy.PlanTarget;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Demo data for the local stack: once the copies of the 2022 commune plans have arrived from plan-service,
 * schedules and carries out their activities through the service's own code (so the events flow as in real
 * use). Each plan is seeded once, recorded in {@code demo_seeded} in the same transaction, so restarts and
 * several instances never duplicate it.
 */
@Component
@ConditionalOnProperty(name = "loa.demo-data.enabled", havingValue = "true")
class DemoSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    static final int YEAR = 2022;

    private final PlanCopies plans;
    private final OrgUnits orgUnits;
    private final ActivityService activities;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoSeeder(PlanCopies plans, OrgUnits orgUnits, ActivityService activities, JdbcClient jdbc,
               TransactionTemplate tx, Clock clock) {
        this.plans = plans;
        this.orgUnits = orgUnits;
        this.activities = activities;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Plans may arrive at any time after start, so look regularly; a seeded plan costs one indexed query. */
    @Scheduled(fixedDelayString = "${loa.demo-data.poll:PT10S}", initialDelayString = "${loa.demo-data.initial-delay:PT5S}")
    void poll() {
        try {
            seedAll();
        } catch (RuntimeException e) {
            log.warn("demo data not seeded yet: {}", e.getMessage());
        }
    }

    int seedAll() {
        int seeded = 0;
        for (PlanCopy plan : plans.issued(YEAR)) {
            // Commune plans only: the district plan's activities are the communes'.
            if (plan.orgUnitPath().size() >= 3 && Boolean.TRUE.equals(tx.execute(s -> seed(plan)))) {
                seeded++;
            }
        }
        return seeded;
    }

    private boolean seed(PlanCopy plan) {
        int claimed = jdbc.sql("INSERT INTO demo_seeded (plan_id, seeded_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
                .param("id", plan.planId()).param("now", OffsetDateTime.now(clock)).update();
        if (claimed == 0) {
            return false;
        }
        String commune = plan.orgUnit();
        List<DemoActivities.Spec> specs = "lien-minh".equals(commune)
                ? DemoActivities.lienMinh(YEAR)
                : DemoActivities.lighter(orgUnits.nameOf(commune), YEAR, 3 + Math.floorMod(commune.hashCode(), 6));
        Caller caller = Caller.system(commune.replace("-", "") + ".vhtt");
        LocalDate today = LocalDate.now(clock);
        int created = 0;
        for (DemoActivities.Spec spec : specs) {
            Optional<NewActivity> cmd = fit(spec, plan);
            if (cmd.isEmpty()) {
                continue;
            }
            // Recorded history: entered before any quarter was closed.
            ActivityView a = activities.create(caller, cmd.get(), false);
            created++;
            switch (spec.outcome()) {
                case IN_PROGRESS -> activities.start(caller, a.id(), null);
                case CANCELLED -> activities.cancel(caller, a.id(), null,
                        new vn.loa.activity.activity.CancellationRequest("Gộp vào bài tổng kết cuối năm"), false);
                case COMPLETED -> {
                    LocalDate done = spec.dueDate().minusDays(3);
                    if (!done.isAfter(today)) {
                        activities.start(caller, a.id(), null);
                        List<Evidence> evidence = spec.evidenceUrl() == null && spec.evidenceNote() == null ? List.of()
                                : List.of(new Evidence(spec.evidenceUrl(), spec.evidenceNote()));
                        // Recorded history: it was entered before any quarter was closed.
                        activities.complete(caller, a.id(), null, new CompletionRequest(done, spec.quantity(),
                                spec.reach(), spec.costVnd(), evidence), false);
                    }
                }
                default -> {
                }
            }
        }
        log.info("demo data: {} activities for plan {} ({})", created, plan.documentNumber(), commune);
        return true;
    }

    /** Adapts a spec to what the plan has: its channels, units and the target met through that channel. */
    private static Optional<NewActivity> fit(DemoActivities.Spec spec, PlanCopy plan) {
        if (!plan.usesChannel(spec.channel())) {
            return Optional.empty();
        }
        String unit = plan.unitCodes().contains(spec.unit()) ? spec.unit()
                : plan.unitCodes().contains("van-hoa-thong-tin") ? "van-hoa-thong-tin"
                : plan.unitCodes().stream().findFirst().orElse(null);
        if (unit == null) {
            return Optional.empty();
        }
        List<String> coordinating = spec.coordinatingUnits().stream()
                .filter(u -> plan.unitCodes().contains(u) && !u.equals(unit)).toList();
        List<String> targets = plan.targets().stream().filter(t -> spec.channel().equals(t.channel()))
                .map(PlanTarget::code).limit(1).toList();
        List<String> topics = plan.topicCodes().stream().limit(1).toList();
        return Optional.of(new NewActivity(plan.planId(), spec.title(), spec.channel(), topics, targets, unit,
                coordinating, spec.dueDate(), spec.plannedQuantity()));
    }
}
