package vn.loa.reporting.rebuild;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.Evidence;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild from the topics gives read models (rows, tallies, late arrivals), reports and dashboards equal
 * to the live ones, built beside the live tables and swapped in; the live listeners keep running.
 */
class ProjectionRebuildIT extends ReportingIntegrationTest {

    static final List<String> PATH = List.of("ha-tinh", "rb-district", "rb-commune");
    static final String OPERATOR = TestTokens.bearer("operator", "OPERATOR", "ha-tinh");
    static final String DISTRICT = TestTokens.bearer("rb.district", "DISTRICT_OFFICER", "rb-district");
    static final String VIEWER = TestTokens.bearer("hatinh.viewer", "PROVINCE_VIEWER", "ha-tinh");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRebuiltReadModelEqualsTheLiveOne() throws Exception {
        clock.setLocal("2022-04-03T10:00");
        var ev = events();
        ev.orgUnit("ha-tinh", "Tỉnh Hà Tĩnh", "PROVINCE", "ha-tinh");
        ev.orgUnit("rb-district", "Huyện Dựng lại", "DISTRICT", "ha-tinh", "rb-district");
        ev.orgUnit("rb-commune", "Xã Đức Lạng thử", "COMMUNE", PATH.toArray(String[]::new));
        UUID plan = UUID.randomUUID();
        ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, "rb-commune",
                PATH, 2022, List.of(Plans.target("T1", "Tin bài CCHC", "COUNT", 8, null, "WEBSITE", "van-hoa-thong-tin"),
                        Plans.target("T2", "Tập huấn", "MILESTONE", 1, null, "TRAINING", "noi-vu")),
                List.of("WEBSITE", "TRAINING"), 2_000_000));
        for (int i = 0; i < 20; i++) {
            Activity a = Activity.of(plan, PATH, i % 2 == 0 ? "WEBSITE" : "TRAINING", List.of(i % 2 == 0 ? "T1" : "T2"),
                    "van-hoa-thong-tin", List.of("noi-vu"), "2022-03-" + String.format("%02d", 1 + i));
            ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-scheduled", a.id().toString(), a.scheduled());
            if (i % 3 != 0) {
                ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", a.id().toString(),
                        a.completed("2022-03-" + String.format("%02d", 1 + i), 1 + i % 4, 100L * i, 1_000L * i));
            } else if (i % 2 == 0) {
                ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-cancelled", a.id().toString(),
                        a.cancelled("2022-03-01"));
            }
        }
        // Evidence files (issue 18): two added, one removed again; the rebuilt copy has the one that stays.
        Activity withFiles = Activity.of(plan, PATH, "WEBSITE", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-03-25");
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", withFiles.id().toString(),
                withFiles.completed("2022-03-25", 1, 10L, 0L));
        UUID kept = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "evidence-added", kept.toString(), Evidence.added(kept, withFiles,
                "Ảnh bài viết.png", "image/png", 52_000, "a".repeat(64)));
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "evidence-added", gone.toString(), Evidence.added(gone, withFiles,
                "Nhầm.pdf", "application/pdf", 9_000, "b".repeat(64)));
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "evidence-removed", gone.toString(), Evidence.removed(gone,
                withFiles, "Nhầm.pdf", "b".repeat(64)));
        awaitNoLag();
        assertThat(jdbc.sql("select name from evidence_copy where activity_id = :a").param("a", withFiles.id())
                .query(String.class).list()).containsExactly("Ảnh bài viết.png");
        String tablesBefore = tables();
        String reportBefore = getJson("/api/reports/rb-commune/2022-Q1", DISTRICT).body();
        String dashboardBefore = getJson("/api/dashboards/ha-tinh?year=2022", VIEWER).body();
        assertThat(reportBefore).contains("\"T1\"");

        Answer started = postJson("/api/ops/projections/rebuild", null, OPERATOR);
        assertThat(started.status()).isEqualTo(202);
        String id = started.read("$.id");
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(getJson("/api/ops/projections/rebuild/" + id, OPERATOR).<String>read("$.status")).isEqualTo("DONE"));
        Answer done = getJson("/api/ops/projections/rebuild/" + id, OPERATOR);
        assertThat(done.number("$.processed")).isEqualTo(done.number("$.total")).isGreaterThan(40);
        assertThat(done.number("$.failed")).isEqualTo(0);

        assertThat(tables()).isEqualTo(tablesBefore);
        assertThat(getJson("/api/reports/rb-commune/2022-Q1", DISTRICT).body()).isEqualTo(reportBefore);
        assertThat(getJson("/api/dashboards/ha-tinh?year=2022", VIEWER).body()).isEqualTo(dashboardBefore);

        // The live projections run again after the rebuild.
        Activity after = Activity.of(plan, PATH, "WEBSITE", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-03-30");
        ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", after.id().toString(),
                after.completed("2022-03-30", 1, 10L, 0L));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from activity_state where activity_id = :id")
                .param("id", after.id()).query(Long.class).single() == 1);

        assertThat(postJson("/api/ops/projections/rebuild", null, DISTRICT).status()).isEqualTo(403);
    }

    /** Every row of the read models, in key order, without the local bookkeeping column updated_at. */
    private String tables() {
        return String.join("\n",
                jdbc.sql("select to_jsonb(o)::text from org_unit o order by code").query(String.class).list().toString(),
                jdbc.sql("select to_jsonb(p)::text from plan_copy p order by plan_id").query(String.class).list().toString(),
                jdbc.sql("select to_jsonb(t)::text from plan_target t order by plan_id, code").query(String.class).list().toString(),
                jdbc.sql("select (to_jsonb(a) - 'updated_at')::text from activity_state a order by activity_id")
                        .query(String.class).list().toString(),
                // Rows a retraction left at zero depend on how events fell into batches: only the figures count.
                jdbc.sql("""
                        select to_jsonb(t)::text from tally t
                        where completed <> 0 or quantity <> 0 or reach <> 0 or cost_vnd <> 0 or open <> 0 or flagged <> 0
                        order by org_unit, month, dim, key, after_closing""").query(String.class).list().toString(),
                jdbc.sql("""
                        select to_jsonb(t)::text from tally_due t where open <> 0 or flagged <> 0
                        order by org_unit, due_date, dim, key, after_closing""").query(String.class).list().toString(),
                jdbc.sql("select to_jsonb(l)::text from late_arrival l order by event_id").query(String.class).list().toString(),
                jdbc.sql("select to_jsonb(e)::text from evidence_copy e order by evidence_id").query(String.class).list().toString());
    }

    /** Waits until the live consumer group has consumed everything on the projection topics. */
    private void awaitNoLag() {
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        String group = environment.getProperty("spring.kafka.consumer.group-id",
                environment.getRequiredProperty("spring.application.name"));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                List<String> topics = List.of(Topics.ORG_UNIT_EVENTS, Topics.PLAN_EVENTS, Topics.ACTIVITY_EVENTS);
                Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .flatMap(d -> d.partitions().stream().map(pi -> new TopicPartition(d.name(), pi.partition())))
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
            });
        }
    }
}
