package vn.loa.activity.demo;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.activity.lifecycle.ActivityService;
import vn.loa.activity.orgunit.OrgTree;
import vn.loa.activity.plancopy.PlanCopies;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSeederIT extends IntegrationTestSupport {

    @Autowired
    PlanCopies plans;
    @Autowired
    OrgTree orgUnits;
    @Autowired
    ActivityService activities;
    @Autowired
    TransactionTemplate tx;

    @Test
    void seedsLienMinhsYearOverAllChannelsOnceAndALighterYearForOtherCommunes() {
        UUID lienMinh = issuedPlan("lien-minh");
        UUID anDung = issuedPlan("an-dung");
        clock.set(java.time.Instant.parse("2026-11-28T03:00:00Z"));
        DemoSeeder seeder = new DemoSeeder(plans, orgUnits, activities, jdbc, tx, clock);

        assertThat(seeder.seedAll()).isGreaterThanOrEqualTo(2);
        long count = countOf(lienMinh);
        assertThat(seeder.seedAll()).isZero();
        assertThat(countOf(lienMinh)).isEqualTo(count);

        List<Map<String, Object>> byChannel = jdbc.sql("""
                SELECT channel, count(*) AS n, count(*) FILTER (WHERE status = 'COMPLETED') AS done,
                       count(*) FILTER (WHERE status IN ('PLANNED', 'IN_PROGRESS')) AS open,
                       count(DISTINCT extract(quarter FROM due_date)) AS quarters
                FROM activity WHERE plan_id = :p GROUP BY channel ORDER BY channel""").param("p", lienMinh).query().listOfRows();
        assertThat(byChannel).extracting(r -> r.get("channel"))
                .containsExactly("LAW_DAY", "MEETING", "PANEL_POSTER", "POSTAL_SERVICE", "RADIO", "TRAINING", "WEBSITE");
        Map<String, Object> radio = byChannel.stream().filter(r -> r.get("channel").equals("RADIO")).findFirst().orElseThrow();
        assertThat(((Number) radio.get("n")).intValue()).isEqualTo(12);
        assertThat(((Number) radio.get("quarters")).intValue()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM activity WHERE plan_id = :p AND status = 'COMPLETED' AND quantity IS NOT NULL"
                + " AND reach IS NOT NULL AND jsonb_array_length(evidence) > 0").param("p", lienMinh).query(Long.class).single())
                .isGreaterThan(20);
        assertThat(jdbc.sql("SELECT count(*) FROM activity WHERE plan_id = :p AND status IN ('PLANNED','IN_PROGRESS')")
                .param("p", lienMinh).query(Long.class).single()).isGreaterThan(3);
        assertThat(countOf(anDung)).isBetween(1L, count / 2);
        // Issue 19: the plan's topics in turn, planned costs with their source, reach per audience.
        Map<String, Object> depth = jdbc.sql("""
                SELECT count(DISTINCT topics[1]) AS topics, count(*) FILTER (WHERE planned_cost_vnd > 0
                           AND budget_source IS NOT NULL) AS costed,
                       count(*) FILTER (WHERE reach_officials IS NOT NULL) AS officials,
                       count(*) FILTER (WHERE reach_citizens IS NOT NULL) AS citizens
                FROM activity WHERE plan_id = :p""").param("p", lienMinh).query().singleRow();
        assertThat(((Number) depth.get("topics")).intValue()).isEqualTo(2); // the test plan has topics a and d
        assertThat(((Number) depth.get("costed")).intValue()).isGreaterThan(5);
        assertThat(((Number) depth.get("officials")).intValue()).isGreaterThan(2);
        assertThat(((Number) depth.get("citizens")).intValue()).isGreaterThan(10);
        // The radio target (CT-2 on the local stack) is a monthly segment: one activity a month, in lighter years too.
        Map<String, Object> anDungRadio = jdbc.sql("""
                SELECT count(*) AS n, count(DISTINCT extract(month FROM due_date)) AS months FROM activity
                WHERE plan_id = :p AND channel = 'RADIO' AND target_codes <> '{}'""")
                .param("p", anDung).query().singleRow();
        assertThat(((Number) anDungRadio.get("n")).intValue()).isEqualTo(12);
        assertThat(((Number) anDungRadio.get("months")).intValue()).isEqualTo(12);
    }

    long countOf(UUID plan) {
        return jdbc.sql("SELECT count(*) FROM activity WHERE plan_id = :p").param("p", plan).query(Long.class).single();
    }

}
