package vn.loa.notification.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import vn.loa.notification.NotificationIT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * No scans behind the list endpoints (issue 17.5), on a province-sized volume: 1 province, 30 districts, 900
 * communes; 180,000 inbox rows (200 per commune, a third unread), 9,000 subscriptions, 30,000 sent deliveries. The
 * plans of the statements the endpoints run are written to {@code target/list-queries-explain.txt}; each must use its
 * index, none may read a whole table. Then the inbox is paged by keyset through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListQueriesIT extends NotificationIT {

    static final String PROVINCE = "lq-tinh";
    static final String DISTRICT = "lq-huyen-7";
    static final String COMMUNE = "lq-xa-7-11";

    final Map<String, String> plans = new LinkedHashMap<>();

    @Autowired
    TransactionTemplate transactions;

    @BeforeAll
    void provinceSizedData() {
        if (jdbc.sql("select count(*) from org_unit where code = :c").param("c", PROVINCE).query(Long.class).single() > 0) {
            return;
        }
        jdbc.sql("insert into org_unit (code, name, level, path) values (:p, 'Tỉnh Hà Tĩnh (đo tải)', 'PROVINCE', array[:p])")
                .param("p", PROVINCE).update();
        jdbc.sql("""
                insert into org_unit (code, name, level, parent_code, path)
                select 'lq-huyen-' || d, 'Huyện ' || d, 'DISTRICT', :p, array[:p, 'lq-huyen-' || d]
                from generate_series(1, 30) d""").param("p", PROVINCE).update();
        jdbc.sql("""
                insert into org_unit (code, name, level, parent_code, path)
                select 'lq-xa-' || d || '-' || c, 'Xã Liên Minh ' || d || '-' || c, 'COMMUNE', 'lq-huyen-' || d,
                       array[:p, 'lq-huyen-' || d, 'lq-xa-' || d || '-' || c]
                from generate_series(1, 30) d, generate_series(1, 30) c""").param("p", PROVINCE).update();
        jdbc.sql("""
                insert into notification (id, event_id, event_type, org_unit, unit, subject, body, created_at, read_at)
                select gen_random_uuid(), gen_random_uuid(), 'activity-scheduled', o.code, 'van-hoa-thong-tin',
                       'Giao nhiệm vụ: Tuyên truyền cải cách hành chính', 'Đề nghị Văn hóa – Thông tin thực hiện.',
                       timestamptz '2022-01-01 00:00+07' + n * interval '1 hour',
                       case when n % 3 = 0 then null else timestamptz '2022-12-31 00:00+07' end
                from org_unit o, generate_series(1, 200) n where o.level = 'COMMUNE' and o.path @> array[cast(:p as text)]""")
                .param("p", PROVINCE).update();
        jdbc.sql("""
                insert into subscription (id, org_unit, org_unit_path, unit, channel, target, events, language, created_at)
                select gen_random_uuid(), o.code, o.path, null, 'EMAIL', 'vhtt' || n || '@' || o.code || '.example.vn',
                       array['report-approved', 'activity-scheduled'], 'vi', now() - n * interval '1 minute'
                from org_unit o, generate_series(1, 10) n where o.level = 'COMMUNE' and o.path @> array[cast(:p as text)]""")
                .param("p", PROVINCE).update();
        jdbc.sql("""
                insert into delivery (id, event_id, event_type, recipient, channel, target, org_unit_path, language,
                                      subject, body, payload, status, next_attempt_at, created_at, sent_at)
                select gen_random_uuid(), gen_random_uuid(), 'report-approved', 'lq-xa-1-1', 'EMAIL', 'a@lq.example.vn',
                       array[:p, 'lq-huyen-1', 'lq-xa-1-1'], 'vi', 'Báo cáo đã được duyệt', 'Đã duyệt.', '{}', 'SENT',
                       now(), now() - n * interval '1 second', now()
                from generate_series(1, 30000) n""").param("p", PROVINCE).update();
        // steady state: the GIN indexes' pending lists merged (a fresh bulk insert leaves them in the pending list,
        // which the planner rightly prices as a scan) and the statistics current
        jdbc.sql("vacuum analyze org_unit, notification, subscription, delivery, activity_deadline").update();
    }

    @Test
    void everyListStatementUsesItsIndexOnAProvinceSizedVolume() throws Exception {
        plans.put("inbox, first page (InboxEntries.list)", explain("""
                select * from notification where org_unit in ('%s') order by created_at desc, id desc limit 50 offset 0
                """.formatted(COMMUNE)));
        plans.put("inbox, unread, keyset page (InboxEntries.list with after=)", explain("""
                select * from notification where org_unit in ('%s') and read_at is null
                and (created_at, id) < (timestamptz '2022-01-05 00:00+07', 'ffffffff-ffff-ffff-ffff-ffffffffffff')
                order by created_at desc, id desc limit 50
                """.formatted(COMMUNE)));
        plans.put("inbox total (InboxEntries.count)", explain(
                "select count(*) from notification where org_unit in ('%s')".formatted(COMMUNE)));
        plans.put("subscriptions of a commune's subtree (SubscriptionRepository.within)", explain("""
                select * from subscription where org_unit_path @> array['%s']
                order by created_at desc, id desc limit 50 offset 0""".formatted(COMMUNE)));
        plans.put("subscriptions of a notice's recipients (SubscriptionRepository.matchingAny)", explain("""
                select * from subscription where org_unit in ('%s', 'lq-xa-7-12', 'lq-xa-7-13')
                and 'report-approved' = any(events) order by created_at, id""".formatted(COMMUNE)));
        plans.put("deliveries, newest first (DeliveryOperations.list)", explain(
                "select * from delivery order by created_at desc, id desc limit 50 offset 0"));
        plans.put("deliveries by status (DeliveryOperations.list)", explain(
                "select * from delivery where status = 'SENT' order by created_at desc, id desc limit 50 offset 0"));
        plans.put("the units merged into a unit (OrgUnits.withPredecessors)", explain("""
                select code from org_unit where successor_code = '%s'""".formatted(COMMUNE)));

        // Where a scope matches a large share of a small table (a district's 300 of 9,000 subscriptions, its 31 of 931
        // org units) the planner rightly reads the table; that the filter is one the GIN index serves (which
        // "= any(org_unit_path)" was not) shows with sequential scans priced out:
        Map<String, String> servable = new LinkedHashMap<>();
        servable.put("subscriptions of a district's subtree (SubscriptionRepository.within), seq scans off", explainIndexed("""
                select * from subscription where org_unit_path @> array['%s']
                order by created_at desc, id desc limit 50 offset 0""".formatted(DISTRICT)));
        servable.put("a move's path rewrite of the units below (OrgUnits.move), seq scans off", explainIndexed("""
                select code from org_unit where path @> array['%s'] and code <> '%s'""".formatted(DISTRICT, DISTRICT)));
        servable.put("a move's rewrite of copied paths (OrgUnits.move), seq scans off", explainIndexed("""
                select activity_id from activity_deadline where org_unit_path @> array['%s']""".formatted(DISTRICT)));

        StringBuilder out = new StringBuilder("-- ListQueriesIT: 900 communes, 180,000 inbox rows, 9,000 subscriptions,"
                + " 30,000 deliveries\n");
        plans.forEach((what, plan) -> out.append("\n## ").append(what).append('\n').append(plan).append('\n'));
        servable.forEach((what, plan) -> out.append("\n## ").append(what).append('\n').append(plan).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "list-queries-explain.txt"), out);

        plans.forEach((what, plan) -> assertThat(plan).as(what)
                .doesNotContain("Seq Scan on notification").doesNotContain("Seq Scan on subscription")
                .doesNotContain("Seq Scan on delivery").doesNotContain("Seq Scan on org_unit"));
        assertThat(plans.get("inbox, first page (InboxEntries.list)")).contains("notification_inbox");
        assertThat(plans.get("inbox, unread, keyset page (InboxEntries.list with after=)")).contains("notification_inbox_unread");
        assertThat(plans.get("subscriptions of a commune's subtree (SubscriptionRepository.within)"))
                .contains("subscription_path_gin");
        assertThat(plans.get("the units merged into a unit (OrgUnits.withPredecessors)")).contains("org_unit_successor");
        assertThat(plans.get("subscriptions of a notice's recipients (SubscriptionRepository.matchingAny)"))
                .contains("subscription_org_unit");
        assertThat(plans.get("deliveries, newest first (DeliveryOperations.list)")).contains("delivery_newest");
        assertThat(servable.values()).allSatisfy(plan -> assertThat(plan).contains("_path_gin").doesNotContain("Seq Scan"));
    }

    @Test
    void theInboxPagesByKeysetWithoutGapsOrRepeats() throws Exception {
        String token = officerOf(COMMUNE);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            String url = "/api/notifications?size=60" + (after == null ? "" : "&after=" + after);
            JsonNode page = json.readTree(mvc.perform(get(url).header("Authorization", token))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            assertThat(page.get("total").asLong()).isEqualTo(200);
            page.get("items").forEach(i -> seen.add(i.get("id").asString()));
            after = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (after != null && pages < 10);
        assertThat(seen).hasSize(200).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(4); // 60 + 60 + 60 + 20
        // the same rows as the offset pages, in the same order
        JsonNode third = json.readTree(mvc.perform(get("/api/notifications?size=60&page=2").header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(third.get("items").get(0).get("id").asString()).isEqualTo(seen.get(120));
        // a cursor that is not ours is a 400 on the field
        mvc.perform(get("/api/notifications?after=nicht-unser").header("Authorization", token))
                .andExpect(status().isBadRequest());
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
