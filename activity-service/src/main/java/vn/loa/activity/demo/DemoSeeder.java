package vn.loa.activity.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.activity.lifecycle.ActivityService;
import vn.loa.activity.lifecycle.ActivityView;
import vn.loa.activity.lifecycle.AudienceReach;
import vn.loa.activity.lifecycle.CancellationRequest;
import vn.loa.activity.lifecycle.CompletionRequest;
import vn.loa.activity.lifecycle.Evidence;
import vn.loa.activity.lifecycle.NewActivity;
import vn.loa.activity.orgunit.OrgTree;
import vn.loa.activity.plancopy.PlanCopies;
import vn.loa.activity.plancopy.PlanCopy;
import vn.loa.activity.plancopy.PlanTarget;
import vn.loa.support.web.IfMatch;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    private final OrgTree orgUnits;
    private final ActivityService activities;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoSeeder(PlanCopies plans, OrgTree orgUnits, ActivityService activities, JdbcClient jdbc,
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
            // Commune plans only (the district plan's activities are the communes'), of communes that still exist.
            if (plan.orgUnitPath().size() >= 3 && orgUnits.closedOn(plan.orgUnit()).isEmpty()
                    && Boolean.TRUE.equals(tx.execute(s -> seed(plan)))) {
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
        // The commune's own officer, as the demo's users sign in (API.md): their scope is the commune.
        CurrentUser caller = new CurrentUser(commune.replace("-", "") + ".vhtt", Set.of(Roles.COMMUNE_OFFICER), commune);
        LocalDate today = LocalDate.now(clock);
        int created = 0;
        for (int i = 0; i < specs.size(); i++) {
            DemoActivities.Spec spec = specs.get(i);
            Optional<NewActivity> cmd = fit(spec, plan, i);
            if (cmd.isEmpty()) {
                continue;
            }
            // Recorded history: entered before any quarter was closed.
            ActivityView a = activities.create(caller, cmd.get(), false);
            created++;
            switch (spec.outcome()) {
                // IfMatch.ANY: the seeder changes what it has just created itself, nobody else can have
                case IN_PROGRESS -> activities.start(caller, a.id(), IfMatch.ANY);
                case CANCELLED -> activities.cancel(caller, a.id(), IfMatch.ANY,
                        new CancellationRequest("Gộp vào bài tổng kết cuối năm"), false);
                case COMPLETED -> {
                    LocalDate done = spec.dueDate().minusDays(3);
                    if (!done.isAfter(today)) {
                        activities.start(caller, a.id(), IfMatch.ANY);
                        List<Evidence> evidence = spec.evidenceUrl() == null && spec.evidenceNote() == null ? List.of()
                                : List.of(new Evidence(spec.evidenceUrl(), spec.evidenceNote()));
                        // Recorded history: it was entered before any quarter was closed.
                        activities.complete(caller, a.id(), IfMatch.ANY, new CompletionRequest(done, spec.quantity(),
                                spec.reach(), audiences(spec), spec.costVnd(), null, evidence), false);
                    }
                }
                default -> {
                }
            }
        }
        log.info("demo data: {} activities for plan {} ({})", created, plan.documentNumber(), commune);
        return true;
    }

    /**
     * Adapts a spec to what the plan has: its channels, units and the target met through that channel; the topics
     * of the plan (a–f) in turn, so that every topic has work; a planned cost with its source where money is spent.
     */
    private static Optional<NewActivity> fit(DemoActivities.Spec spec, PlanCopy plan, int index) {
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
        List<String> codes = List.copyOf(plan.topicCodes());
        List<String> topics = codes.isEmpty() ? List.of() : List.of(codes.get(index % codes.size()));
        Long plannedCost = spec.costVnd() == null || spec.costVnd() == 0 ? null
                // planned a little above what was spent, rounded to 100,000 đồng, as estimates are
                : (spec.costVnd() * 11 / 10 + 99_999) / 100_000 * 100_000;
        String source = plannedCost == null ? null : sourceOf(spec.channel());
        return Optional.of(new NewActivity(plan.planId(), spec.title(), spec.channel(), topics, targets, unit,
                coordinating, spec.dueDate(), spec.plannedQuantity(), plannedCost, source));
    }

    /** Training is paid by the district's budget for administrative reform, the rest by the commune's. */
    private static String sourceOf(String channel) {
        return "TRAINING".equals(channel) ? "DISTRICT" : "COMMUNE";
    }

    /**
     * Who was reached, by channel: training and meeting items reach officials; articles and the press reach citizens
     * and, a fifth of them, businesses and investors; broadcasts, law days, postal service and the rest citizens.
     */
    static List<AudienceReach> audiences(DemoActivities.Spec spec) {
        Long reach = spec.reach();
        if (reach == null || reach == 0) {
            return null;
        }
        return switch (spec.channel()) {
            case "TRAINING", "MEETING" -> List.of(new AudienceReach("OFFICIALS", reach));
            case "WEBSITE", "PRESS" -> List.of(new AudienceReach("CITIZENS", reach - reach / 5),
                    new AudienceReach("BUSINESSES", reach / 5));
            default -> List.of(new AudienceReach("CITIZENS", reach));
        };
    }
}
