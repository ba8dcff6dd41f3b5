package vn.loa.planning.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.planning.orgunit.OrgUnitView;
import vn.loa.planning.orgunit.OrgUnits;
import vn.loa.planning.plan.DeriveRequest;
import vn.loa.planning.plan.IssueRequest;
import vn.loa.planning.plan.PlanContent;
import vn.loa.planning.plan.PlanRequest;
import vn.loa.planning.plan.PlanService;
import vn.loa.planning.plan.PlanView;
import vn.loa.support.web.IfMatch;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Seeds the demo data of the local stack (README: fixed ids): the org units of Hà Tĩnh → Đức Thọ →
 * its communes, the district plan 169/KH-UBND, the Liên Minh 2022 plan transcribed from the seed, and
 * a lighter plan derived from 169/KH-UBND for each other commune. Everything goes through the same
 * services as the API, so events are published through the outbox. Idempotent: what exists is kept;
 * the tree's shape belongs to the operators once the stack has run (a unit they moved stays where it is,
 * one they closed stays closed), only the units' details are brought back to the file's.
 * Runs before the service reports ready.
 */
@Component
@ConditionalOnProperty(name = "loa.demo-data.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    static final UUID DISTRICT_PLAN = UUID.fromString("a0000000-2022-4000-8000-000000000169");
    static final UUID LIEN_MINH_PLAN = UUID.fromString("a0000000-2022-4000-8000-000000000001");

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    /**
     * The seeder acts as an officer at the root of the demo tree, under the same access policy as any
     * caller (no back door): it covers every demo unit and may write plans.
     */
    private static final CurrentUser SEEDER = new CurrentUser("demo-data", Set.of(Roles.DISTRICT_OFFICER), "ha-tinh");

    private final OrgUnits orgUnits;
    private final PlanService plans;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    DemoData(OrgUnits orgUnits, PlanService plans, TransactionTemplate tx, JsonMapper json) {
        this.orgUnits = orgUnits;
        this.plans = plans;
        this.tx = tx;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        seedOrgUnits();
        seedPlan(read("demo/plan-duc-tho-169-2022.json", PlanFile.class));
        seedPlan(read("demo/plan-lien-minh-2022.json", PlanFile.class));
        CommunePlans communes = read("demo/commune-plans-2022.json", CommunePlans.class);
        communes.communes().forEach(c -> seedCommunePlan(communes, c));
        log.info("Demo data in place: org units of duc-tho, plan 169/KH-UBND ({}), Liên Minh 2022 ({}) and {} other commune plans",
                DISTRICT_PLAN, LIEN_MINH_PLAN, communes.communes().size());
    }

    record Level(String code, String name, int rank) {
    }

    record OrgUnitsFile(List<Level> levels, List<OrgUnits.Registration> orgUnits) {
    }

    record PlanFile(UUID id, IssueRequest issue, PlanRequest plan) {
    }

    record Commune(String orgUnit, UUID id, LocalDate issuedOn, Map<String, List<BigDecimal>> targets, long budgetVnd) {
    }

    record CommunePlans(List<Commune> communes, List<PlanContent.Assignment> assignments,
                        List<PlanContent.Recipient> recipients) {
    }

    private void seedOrgUnits() {
        OrgUnitsFile file = read("demo/org-units.json", OrgUnitsFile.class);
        tx.executeWithoutResult(s -> {
            file.levels().forEach(l -> orgUnits.defineLevel(l.code(), l.name(), l.rank()));
            long changed = 0;
            for (OrgUnits.Registration r : file.orgUnits()) {
                Optional<OrgUnitView> current = orgUnits.find(r.code());
                if (current.isPresent() && current.get().isClosed()) {
                    continue;
                }
                OrgUnits.Registration where = current.map(c -> new OrgUnits.Registration(r.code(), r.name(), r.level(),
                        c.parentCode(), r.abbreviation(), r.issuerName(), r.parentBodyName(), r.placeName(), r.units())).orElse(r);
                if (orgUnits.register(where, IfMatch.ANY, SEEDER.username()).changed()) {
                    changed++;
                }
            }
            log.info("Demo org units: {} registered or changed, {} unchanged", changed, file.orgUnits().size() - changed);
        });
    }

    private void seedPlan(PlanFile file) {
        once(file.id(), () -> {
            PlanView draft = plans.create(SEEDER, file.id(), file.plan());
            plans.issue(SEEDER, file.id(), IfMatch.from(draft.etag()), file.issue());
        });
    }

    /** A lighter plan: derived from 169/KH-UBND, keeping the targets the commune adopts with its own quarterly values. */
    private void seedCommunePlan(CommunePlans all, Commune c) {
        once(c.id(), () -> {
            PlanView draft = plans.derive(SEEDER, DISTRICT_PLAN, c.id(), new DeriveRequest(c.orgUnit()));
            PlanContent d = draft.content();
            List<PlanContent.Target> targets = d.targets().stream()
                    .filter(t -> c.targets().containsKey(t.code()))
                    .map(t -> {
                        List<BigDecimal> q = c.targets().get(t.code());
                        BigDecimal yearly = q.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                        return new PlanContent.Target(t.code(), t.description(), t.indicator(), yearly, q, t.channel(),
                                t.unit(), t.parentTargetCode(), t.measure(), t.recurrence());
                    })
                    .toList();
            List<PlanContent.BudgetLine> budget = List.of(new PlanContent.BudgetLine(PlanContent.BudgetSource.COMMUNE,
                    c.budgetVnd(), "kinh phí cải cách hành chính năm 2022 của xã (số liệu minh họa)"));
            PlanRequest request = new PlanRequest(c.orgUnit(), draft.year(), d.title(), d.implementsPlanId(), d.preamble(),
                    d.legalBases(), d.purposes(), d.requirements(), targets, d.topics(), d.channels(), d.forms(), budget,
                    null, all.assignments(), d.assignmentsNote(), all.recipients(),
                    "Trên đây là kế hoạch tuyên truyền CCHC của " + lowerFirst(draft.orgUnitName()) + " năm 2022.");
            PlanView edited = plans.update(SEEDER, c.id(), IfMatch.from(draft.etag()), request);
            plans.issue(SEEDER, c.id(), IfMatch.from(edited.etag()), new IssueRequest(c.issuedOn(), null));
        });
    }

    private void once(UUID id, Runnable seed) {
        if (plans.exists(id)) {
            return;
        }
        try {
            tx.executeWithoutResult(s -> seed.run());
        } catch (DataIntegrityViolationException e) {
            // another instance seeded it at the same time
            log.info("Demo plan {} was seeded concurrently", id);
        }
    }

    private <T> T read(String path, Class<T> type) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read demo data " + path, e);
        }
    }

    private static String lowerFirst(String s) {
        return s.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + s.substring(1);
    }

}
