package vn.loa.planning.orgunit;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.planning.PlanServiceITBase;
import vn.loa.testsupport.TestTokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No scans and no query per row behind plan-service's lists (issue 17.5), on a province-sized tree of its own
 * (1 province, 30 districts, 900 communes, 7 units each; 4,500 plans over five years). The plans of the list
 * statements go to {@code target/list-queries-explain.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListQueriesIT extends PlanServiceITBase {

    static final String PROVINCE = "lq-tinh";
    static final String DISTRICT = "lq-huyen-7";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EntityManagerFactory entityManagerFactory;
    @Autowired
    TransactionTemplate transactions;

    @BeforeAll
    void provinceSizedTree() {
        if (jdbc.sql("select count(*) from org_unit where code = :p").param("p", PROVINCE).query(Long.class).single() > 0) {
            return;
        }
        jdbc.sql("""
                insert into org_unit (code, name, level_code, parent_code, path, abbreviation, issuer_name)
                values (:p, 'Tỉnh Hà Tĩnh (đo tải)', 'PROVINCE', null, array[:p], 'UBND', 'UBND tỉnh Hà Tĩnh')""")
                .param("p", PROVINCE).update();
        jdbc.sql("""
                insert into org_unit (code, name, level_code, parent_code, path, abbreviation, issuer_name)
                select 'lq-huyen-' || d, 'Huyện ' || d, 'DISTRICT', :p, array[:p, 'lq-huyen-' || d], 'UBND', 'UBND huyện ' || d
                from generate_series(1, 30) d""").param("p", PROVINCE).update();
        jdbc.sql("""
                insert into org_unit (code, name, level_code, parent_code, path, abbreviation, issuer_name)
                select 'lq-xa-' || d || '-' || c, 'Xã Liên Minh ' || d || '-' || c, 'COMMUNE', 'lq-huyen-' || d,
                       array[:p, 'lq-huyen-' || d, 'lq-xa-' || d || '-' || c], 'UBND', 'UBND xã Liên Minh ' || d || '-' || c
                from generate_series(1, 30) d, generate_series(1, 30) c""").param("p", PROVINCE).update();
        jdbc.sql("""
                insert into org_unit_member (org_unit_code, code, name, kind, position)
                select o.code, 'don-vi-' || m, 'Văn hóa – Thông tin ' || m, 'OFFICE', m - 1
                from org_unit o, generate_series(1, 7) m where o.path @> array[cast(:p as text)]""").param("p", PROVINCE).update();
        jdbc.sql("""
                insert into plan (id, org_unit_code, year, status, title, content, created_at, created_by, updated_at, updated_by)
                select gen_random_uuid(), o.code, y, 'DRAFT', 'Kế hoạch tuyên truyền cải cách hành chính năm ' || y,
                       '{}'::jsonb, now(), 'tai-thu', now(), 'tai-thu'
                from org_unit o, generate_series(2021, 2025) y where o.level_code = 'COMMUNE' and o.path @> array[cast(:p as text)]""")
                .param("p", PROVINCE).update();
        jdbc.sql("analyze org_unit, org_unit_member, plan").update();
    }

    @Test
    void theListStatementsUseTheirIndexes() throws Exception {
        Map<String, String> plans = new LinkedHashMap<>();
        // PlanQueries.list for a district officer (scope = the district's subtree and what was merged into it)
        String planList = """
                with recursive covered(code) as (
                    select code from org_unit where path @> array[cast('%s' as text)]
                    union
                    select o.code from org_unit o join covered c on o.successor_code = c.code
                )
                select p.*, o.name as org_name, o.path as org_path, ip.document_number as implements_number
                from plan p join org_unit o on o.code = p.org_unit_code left join plan ip on ip.id = p.implements_plan_id
                where p.org_unit_code in (select code from covered) and p.year = 2022
                order by p.year desc, p.org_unit_code, p.created_at limit 50 offset 0""".formatted(DISTRICT);
        plans.put("GET /api/plans?year=2022 (PlanQueries.list, COVERED scope)", explain(planList));
        // a district's 31 of 931 units: the planner rightly reads org_unit (30 pages); priced out, GIN serves the scope
        plans.put("the same, seq scans off", explainIndexed(planList));
        plans.put("GET /api/org-units/{code}/children (findByParentCodeOrderByCode)", explain(
                "select * from org_unit where parent_code = '%s' order by code".formatted(DISTRICT)));
        plans.put("a move's subtree rewrite (rewriteDescendantPaths), seq scans off", explainIndexed(
                "select code from org_unit where path @> array[cast('%s' as text)] and code <> '%s'".formatted(DISTRICT, DISTRICT)));
        StringBuilder out = new StringBuilder("-- plan-service ListQueriesIT: 931 org units, 6,517 members, 4,500 plans\n");
        plans.forEach((what, plan) -> out.append("\n## ").append(what).append('\n').append(plan).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "list-queries-explain.txt"), out);

        plans.forEach((what, plan) -> assertThat(plan).as(what).doesNotContain("Seq Scan on plan"));
        assertThat(plans.get("GET /api/plans?year=2022 (PlanQueries.list, COVERED scope)")).contains("plan_org_year_idx");
        assertThat(plans.get("the same, seq scans off")).contains("org_unit_path_idx").doesNotContain("Seq Scan");
        assertThat(plans.get("a move's subtree rewrite (rewriteDescendantPaths), seq scans off"))
                .contains("org_unit_path_idx").doesNotContain("Seq Scan");
        assertThat(plans.get("GET /api/org-units/{code}/children (findByParentCodeOrderByCode)")).contains("org_unit_parent_idx");
    }

    @Test
    void aDistrictsThirtyChildrenLoadInAFixedNumberOfStatements() throws Exception {
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.setStatisticsEnabled(true);
        statistics.clear();
        Answer children = get("/api/org-units/" + DISTRICT + "/children",
                TestTokens.bearer("lq.vhtt", "DISTRICT_OFFICER", DISTRICT));
        long statements = statistics.getPrepareStatementCount();
        statistics.setStatisticsEnabled(false);

        assertThat(children.status()).isEqualTo(200);
        assertThat(children.body().size()).isEqualTo(30);
        assertThat(children.body().get(0).get("units").size()).isEqualTo(7);
        // the district and its units, the children, and all their units in one batch: not one load per child
        assertThat(statements).as("JPA statements for 30 children").isLessThanOrEqualTo(6);
    }

    /** The plan with sequential scans priced out (in one transaction: the setting is local to it). */
    private String explainIndexed(String sql) {
        return transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return explain(sql);
        });
    }

    private String explain(String sql) {
        return String.join("\n", jdbc.sql("explain " + sql).query(String.class).list());
    }
}
