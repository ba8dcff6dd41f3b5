package vn.loa.notification.it;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.core.type.TypeReference;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * reporting-service's reminders from the period calendar (report-due, report-overdue) reach the unit's inbox and
 * its subscribers' mail, without any quarter-closed before them; each once, whatever the redeliveries.
 */
class CalendarRemindersIT extends NotificationIT {

    @Test
    void aReportDueAndThenOverdueReachesTheInboxAndTheMailOfTheUnitsSubscriberOnce() throws Exception {
        String commune = unique("lien-minh");
        List<String> path = List.of("ha-tinh", "duc-tho", commune);
        String mail = "vhtt@" + commune + ".example.vn";
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/subscriptions")
                        .header("Authorization", TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", commune))
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of(
                                "orgUnit", commune, "channel", "EMAIL", "target", mail,
                                "events", List.of("report-due-soon", "report-late")))))
                .andExpect(status().isCreated());

        // The producer's own sample, for this commune: what reporting-service publishes is what we read.
        Map<String, Object> due = data("report-due", commune, path);
        UUID dueId = publish(Topics.REPORT_EVENTS, commune, "report-due", commune + "/2022-H1", due);
        publish(dueId, Topics.REPORT_EVENTS, commune, "report-due", commune + "/2022-H1", due); // redelivered
        Map<String, Object> overdue = data("report-overdue", commune, path);
        UUID overdueId = publish(Topics.REPORT_EVENTS, commune, "report-overdue", commune + "/2022-H1", overdue);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(recipientsOf(dueId)).containsExactly(commune);
            assertThat(recipientsOf(overdueId)).containsExactly(commune);
            assertThat(mailsTo(mail)).hasSize(2);
        });
        assertThat(jdbc.sql("""
                        select event_type || ': ' || subject || ' | ' || body from notification where org_unit = :c
                        order by created_at""")
                .param("c", commune).query(String.class).list())
                .containsExactly(
                        "report-due-soon: Nhắc việc: báo cáo 6 tháng đầu năm 2022 đến hạn sau 3 ngày | Báo cáo định kỳ"
                                + " 6 tháng đầu năm 2022 của Xã Liên Minh cần nộp trước ngày 07/07/2022 (còn 3 ngày).",
                        "report-late: Chậm nộp báo cáo 6 tháng đầu năm 2022 | Báo cáo định kỳ 6 tháng đầu năm 2022 của"
                                + " Xã Liên Minh đã quá hạn nộp ngày 07/07/2022. Đề nghị khẩn trương hoàn thành và nộp báo cáo.");
        assertThat(mailsTo(mail)).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "Nhắc việc: báo cáo 6 tháng đầu năm 2022 đến hạn sau 3 ngày", "Chậm nộp báo cáo 6 tháng đầu năm 2022");

        // The late notice is claimed for this report: a closing's reminder of the same report stays silent.
        assertThat(jdbc.sql("select count(*) from reminder_sent where reminder_key = :k")
                .param("k", "report:" + commune + ":2022-H1:LATE").query(Long.class).single()).isEqualTo(1);
        UUID again = publish(Topics.REPORT_EVENTS, commune, "report-overdue", commune + "/2022-H1", overdue);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from processed_event where event_id = :id").param("id", again).query(Long.class).single() > 0);
        assertThat(recipientsOf(again)).isEmpty();
    }

    private Map<String, Object> data(String type, String commune, List<String> path) {
        String sample = EventContracts.sample(type);
        EventContracts.assertValid(type, sample);
        Map<String, Object> envelope = json.readValue(sample, new TypeReference<Map<String, Object>>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> data = new java.util.LinkedHashMap<>((Map<String, Object>) envelope.get("data"));
        data.put("orgUnit", commune);
        data.put("orgUnitPath", path);
        return data;
    }

    static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
