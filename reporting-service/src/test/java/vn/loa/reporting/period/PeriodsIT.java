package vn.loa.reporting.period;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.KafkaProbe;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Closing and reopening quarters, with expiry, audit and the events activity-service locks by. */
class PeriodsIT extends ReportingIntegrationTest {

    static final String DISTRICT = TestTokens.bearer("per.district", "DISTRICT_OFFICER", "per-district");
    static final String COMMUNE = TestTokens.bearer("per.vhtt", "COMMUNE_OFFICER", "per-a");
    static final String VIEWER = TestTokens.bearer("hatinh.viewer", "PROVINCE_VIEWER", "ha-tinh");

    @Test
    void aDistrictClosesAQuarterAndReopensItForACommuneOrAllUntilTheReopeningExpires() throws Exception {
        clock.setLocal("2022-04-10T09:00");
        events().orgUnit("ha-tinh", "Tỉnh Hà Tĩnh", "PROVINCE", "ha-tinh");
        events().orgUnit("per-district", "Huyện Đức Thọ thử", "DISTRICT", "ha-tinh", "per-district");
        events().orgUnit("per-a", "Xã Tùng Ảnh thử", "COMMUNE", "ha-tinh", "per-district", "per-a");
        events().orgUnit("per-b", "Xã Trường Sơn thử", "COMMUNE", "ha-tinh", "per-district", "per-b");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> getJson("/api/periods/per-b/2022-Q1", DISTRICT).status() == 200);

        Answer open = getJson("/api/periods/per-a/2022-Q1", COMMUNE);
        assertThat(open.<String>read("$.status")).isEqualTo("OPEN");
        assertThat(open.<String>read("$.from")).isEqualTo("2022-01-01");
        assertThat(open.<String>read("$.to")).isEqualTo("2022-03-31");
        assertThat(open.<String>read("$.dueDate")).isEqualTo("2022-04-07");
        assertThat(getJson("/api/periods/per-district/2022-Q1", DISTRICT).<String>read("$.dueDate"))
                .isEqualTo("2022-04-15");

        // Outside the commune officer's scope: 404; in scope but not a district officer: 403.
        assertThat(postJson("/api/periods/per-district/2022-Q1/close", null, COMMUNE).status()).isEqualTo(404);
        assertThat(postJson("/api/periods/per-district/2022-Q1/close", null, VIEWER).status()).isEqualTo(403);
        assertThat(postJson("/api/periods/per-a/2022-Q1/close", null, DISTRICT).status()).isEqualTo(422);
        // A commune officer on its own commune: the wrong role (only the level above closes), not a unit question.
        Answer ownCommune = postJson("/api/periods/per-a/2022-Q1/close", null, COMMUNE);
        assertThat(ownCommune.status()).isEqualTo(403);
        assertThat(ownCommune.<String>read("$.code")).isEqualTo("forbidden");

        Answer closed = postJson("/api/periods/per-district/2022-Q1/close", null, DISTRICT);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.<String>read("$.status")).isEqualTo("CLOSED");
        assertThat(closed.<String>read("$.closedBy")).isEqualTo("per.district");
        assertThat(getJson("/api/periods/per-a/2022-Q1", COMMUNE).<String>read("$.status")).isEqualTo("CLOSED");
        assertThat(getJson("/api/periods/per-a/2022-Q2", COMMUNE).<String>read("$.status")).isEqualTo("OPEN");
        Answer again = postJson("/api/periods/per-district/2022-Q1/close", null, DISTRICT);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.<String>read("$.code")).isEqualTo("period-closed");

        // Reopen one commune for an hour.
        assertThat(postJson("/api/periods/per-a/2022-Q1/reopen", "{\"reason\":\"Bổ sung hoạt động\"}", COMMUNE).status())
                .isEqualTo(403);
        assertThat(postJson("/api/periods/per-a/2022-Q1/reopen", "{\"reason\":\" \"}", DISTRICT).status()).isEqualTo(400);
        String until = OffsetDateTime.now(clock).plusHours(1).toString();
        Answer reopened = postJson("/api/periods/per-a/2022-Q1/reopen",
                "{\"reason\":\"Bổ sung hoạt động tháng 3\",\"until\":\"" + until + "\"}", DISTRICT);
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.<String>read("$.status")).isEqualTo("OPEN");
        assertThat(reopened.<String>read("$.reopenReason")).isEqualTo("Bổ sung hoạt động tháng 3");
        assertThat(getJson("/api/periods/per-b/2022-Q1", DISTRICT).<String>read("$.status")).isEqualTo("CLOSED");

        // The reopening expires: closed again without anyone acting.
        clock.advance(Duration.ofHours(2));
        assertThat(getJson("/api/periods/per-a/2022-Q1", COMMUNE).<String>read("$.status")).isEqualTo("CLOSED");

        // Reopen the whole district without until: the default of 7 days.
        Answer all = postJson("/api/periods/per-district/2022-Q1/reopen", "{\"reason\":\"Rà soát số liệu\"}", DISTRICT);
        assertThat(all.status()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(all.read("$.reopenedUntil")).toInstant())
                .isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(getJson("/api/periods/per-a/2022-Q1", COMMUNE).<String>read("$.status")).isEqualTo("OPEN");
        assertThat(getJson("/api/periods/per-b/2022-Q1", DISTRICT).<String>read("$.status")).isEqualTo("OPEN");
        clock.advance(Duration.ofDays(6));
        assertThat(getJson("/api/periods/per-b/2022-Q1", DISTRICT).<String>read("$.status")).isEqualTo("OPEN");

        // Closing again ends the running reopening: a change of the closing, so If-Match (428 without, 412 stale).
        Answer unconditional = postJson("/api/periods/per-district/2022-Q1/close", null, DISTRICT);
        assertThat(unconditional.status()).isEqualTo(428);
        assertThat(unconditional.<String>read("$.code")).isEqualTo("precondition-required");
        assertThat(call(post("/api/periods/per-district/2022-Q1/close").header("If-Match", closed.etag()), DISTRICT)
                .status()).as("the ETag of the first closing, before two reopenings").isEqualTo(412);
        assertThat(postIfMatch("/api/periods/per-district/2022-Q1/close", null, DISTRICT).status()).isEqualTo(200);
        assertThat(getJson("/api/periods/per-b/2022-Q1", DISTRICT).<String>read("$.status")).isEqualTo("CLOSED");

        Answer audit = getJson("/api/periods/per-district/2022-Q1/audit", DISTRICT);
        assertThat(audit.<List<String>>read("$[*].action")).containsExactly("CLOSE", "REOPEN", "REOPEN", "CLOSE");
        assertThat(audit.<List<String>>read("$[1].communes")).containsExactly("per-a");
        assertThat(audit.<List<String>>read("$[2].communes")).containsExactly("per-a", "per-b");

        // The events activity-service locks completions by.
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = KafkaProbe.records(bootstrap, Topics.PERIOD_EVENTS, "per-district");
            List<String> types = records.stream().map(r -> JsonPath.<String>read(r.value(), "$.type")).toList();
            assertThat(types).containsExactly("quarter-closed", "quarter-reopened", "quarter-reopened", "quarter-closed");
            String first = records.get(0).value();
            assertThat(JsonPath.<String>read(first, "$.data.period")).isEqualTo("2022-Q1");
            assertThat(JsonPath.<String>read(first, "$.data.calendar")).isEqualTo("CALENDAR");
            assertThat(JsonPath.<String>read(first, "$.data.districtDueDate")).isEqualTo("2022-04-15");
            assertThat(JsonPath.<List<String>>read(first, "$.data.communes[*].orgUnit")).containsExactly("per-a", "per-b");
            assertThat(JsonPath.<List<String>>read(first, "$.data.communes[*].from")).containsOnly("2022-01-01");
            assertThat(JsonPath.<List<String>>read(first, "$.data.communes[*].to")).containsOnly("2022-03-31");
            assertThat(JsonPath.<List<String>>read(first, "$.data.communes[*].dueDate")).containsOnly("2022-04-07");
            assertThat(JsonPath.<List<String>>read(records.get(1).value(), "$.data.communes[*].orgUnit"))
                    .containsExactly("per-a");
            assertThat(JsonPath.<String>read(records.get(1).value(), "$.data.reason")).isEqualTo("Bổ sung hoạt động tháng 3");
            for (ConsumerRecord<String, String> r : records) {
                vn.loa.reporting.support.Contracts.assertValid(JsonPath.read(r.value(), "$.type"), r.value());
            }
        });
    }
}
