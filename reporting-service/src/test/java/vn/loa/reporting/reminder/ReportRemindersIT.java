package vn.loa.reporting.reminder;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.KafkaProbe;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reminders from the period calendar (issue 19.5), with no quarter closed anywhere: report-due three working days
 * before the due date (2022-Q1, due Thursday 7 April 2022: Monday 4 April), report-overdue the day after, each once
 * per unit, period and kind; none for a submitted report or a unit without a plan. The events on Kafka match the
 * contract.
 */
class ReportRemindersIT extends ReportingIntegrationTest {

    @Autowired
    ReportReminderJob job;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aReportIsRemindedFromTheCalendarBeforeItsDueDateAndTheDayAfterOnceEach() throws Exception {
        var ev = events();
        ev.orgUnit("rm-province", "Tỉnh Nhắc Việc", "PROVINCE", "rm-province");
        ev.orgUnit("rm-district", "Huyện Nhắc Việc", "DISTRICT", "rm-province", "rm-district");
        for (String c : List.of("rm-a", "rm-b", "rm-c")) {
            ev.orgUnit(c, "Xã " + c, "COMMUNE", "rm-province", "rm-district", c);
            if (!c.equals("rm-c")) {
                UUID plan = UUID.randomUUID();
                ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, c,
                        List.of("rm-province", "rm-district", c), 2022, List.of(Plans.target("T1",
                                "Phát thanh chuyên mục cải cách hành chính", "COUNT", 12, null, "RADIO",
                                "van-hoa-thong-tin")), List.of("RADIO"), 1_000_000));
            }
        }
        String officerB = TestTokens.bearer("rmb.vhtt", "COMMUNE_OFFICER", "rm-b");
        // 60 s like the other ITs: the plans come through Kafka, slow on a loaded machine when this IT runs first.
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() ->
                getJson("/api/reports/rm-b/2022-Q1", officerB).<Boolean>read("$.expected")
                        && getJson("/api/reports/rm-a/2022-Q1", TestTokens.bearer("rma.vhtt", "COMMUNE_OFFICER", "rm-a"))
                        .<Boolean>read("$.expected"));

        clock.setLocal("2022-04-01T08:00");
        job.runOnce();
        assertThat(reminders()).isEmpty();

        clock.setLocal("2022-04-04T08:00");
        job.runOnce();
        job.runOnce(); // a second run, or another replica: nothing twice
        assertThat(reminders()).containsExactlyInAnyOrder("rm-a 2022-Q1 DUE", "rm-b 2022-Q1 DUE");

        clock.setLocal("2022-04-06T10:00");
        assertThat(postIfMatch("/api/reports/rm-b/2022-Q1/submit", null, officerB).status()).isEqualTo(200);
        clock.setLocal("2022-04-07T23:00");
        job.runOnce();
        assertThat(reminders()).hasSize(2); // due today: not yet late

        clock.setLocal("2022-04-08T08:00");
        job.runOnce();
        clock.setLocal("2022-04-09T08:00");
        job.runOnce();
        assertThat(reminders()).containsExactlyInAnyOrder("rm-a 2022-Q1 DUE", "rm-b 2022-Q1 DUE", "rm-a 2022-Q1 OVERDUE");

        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = KafkaProbe.records(bootstrap, Topics.REPORT_EVENTS, "rm-a");
            assertThat(records).extracting(r -> JsonPath.<String>read(r.value(), "$.type"))
                    .containsExactly("report-due", "report-overdue");
            records.forEach(r -> EventContracts.assertValid(JsonPath.read(r.value(), "$.type"), r.value()));
            String due = records.get(0).value();
            assertThat(JsonPath.<String>read(due, "$.data.dueDate")).isEqualTo("2022-04-07");
            assertThat(JsonPath.<Integer>read(due, "$.data.workingDaysLeft")).isEqualTo(3);
            assertThat(JsonPath.<String>read(due, "$.data.reportsTo")).isEqualTo("rm-district");
            assertThat(JsonPath.<Integer>read(records.get(1).value(), "$.data.daysLate")).isEqualTo(1);
        });
    }

    private List<String> reminders() {
        return jdbc.sql("""
                        select org_unit || ' ' || period || ' ' || kind from report_reminder
                        where org_unit like 'rm-%' and period = '2022-Q1' order by 1""")
                .query(String.class).list();
    }
}
