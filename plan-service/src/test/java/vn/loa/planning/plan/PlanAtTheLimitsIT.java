package vn.loa.planning.plan;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.loa.contracts.EventContracts;
import vn.loa.planning.PlanServiceITBase;
import vn.loa.planning.orgunit.OrgUnitView;
import vn.loa.planning.orgunit.OrgUnits;
import vn.loa.support.web.IfMatch;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;
import vn.loa.testsupport.Figures;
import vn.loa.testsupport.TopicRecorder.Received;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The biggest valid plan, issued in-process (over HTTP it would not pass the 256 KiB body limit in one
 * request; amendments can grow a plan to it), travels through the outbox relay and Kafka as one record.
 */
class PlanAtTheLimitsIT extends PlanServiceITBase {

    @Autowired
    OrgUnits orgUnits;
    @Autowired
    PlanService plans;

    @Test
    void theBiggestValidPlanIsIssuedAndReachesKafkaAsOneRecord() {
        // a tree of its own, so that the demo district keeps the children other tests count
        List<OrgUnitView.Unit> units = BiggestPlan.units();
        orgUnits.register(new OrgUnits.Registration("tinh-gioi-han", "Tỉnh Giới Hạn", "PROVINCE", null, "UBND",
                "UBND tỉnh Giới Hạn", null, null, List.of()), IfMatch.ANY, "kiem-thu");
        orgUnits.register(new OrgUnits.Registration("xa-gioi-han", BiggestPlan.text(300), "COMMUNE", "tinh-gioi-han", "UBND",
                BiggestPlan.text(300), BiggestPlan.text(300), BiggestPlan.text(200), units), IfMatch.ANY, "kiem-thu");
        CurrentUser officer = new CurrentUser("gioihan.vhtt", Set.of(Roles.DISTRICT_OFFICER), "tinh-gioi-han");
        PlanView draft = plans.create(officer, BiggestPlan.request("xa-gioi-han", units.stream().map(OrgUnitView.Unit::code).toList(), null));
        PlanView issued = plans.issue(officer, draft.id(), IfMatch.from(draft.etag()), new IssueRequest(LocalDate.of(2026, 2, 1), null));

        Received record = awaitRecord(event("plan-issued", issued.id().toString()));
        int bytes = record.value().getBytes(StandardCharsets.UTF_8).length;
        Figures.print("The biggest valid plan's plan-issued went through Kafka as one record of %,d bytes", bytes);
        assertThat(bytes).isBetween(700_000, PlanAtTheLimitsTests.KAFKA_RECORD_LIMIT - PlanAtTheLimitsTests.RECORD_OVERHEAD);
        EventContracts.assertValid("plan-issued", record.value());
        assertThat(envelope(record).get("data").get("topics").get(11).get("items").size()).isEqualTo(PlanLimits.TOPIC_ITEMS);
    }
}
