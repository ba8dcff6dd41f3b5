package vn.loa.notification.events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.notification.template.Localized;

import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Our copies of reporting-service's calendar reminders against its contract (infra/contracts). */
class ReportReminderContractTests {

    final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build(), "/notification-service",
            Clock.systemUTC());

    @Test
    void theProducersSamplesReadIntoOurCopies() {
        String dueJson = EventContracts.sample("report-due");
        EventContracts.assertValid("report-due", dueJson);
        EventEnvelope<ReportDue> due = codec.read(dueJson, ReportDue.class);
        assertThat(due.type()).isEqualTo("report-due");
        assertThat(due.data().orgUnit()).isEqualTo("lien-minh");
        assertThat(due.data().orgUnitPath()).endsWith("lien-minh");
        assertThat(due.data().period()).isEqualTo("2022-H1");
        assertThat(due.data().dueDate()).isEqualTo(LocalDate.of(2022, 7, 7));
        assertThat(due.data().daysLeft()).isEqualTo(3);

        String overdueJson = EventContracts.sample("report-overdue");
        EventContracts.assertValid("report-overdue", overdueJson);
        ReportOverdue overdue = codec.read(overdueJson, ReportOverdue.class).data();
        assertThat(overdue.daysLate()).isEqualTo(1);
        assertThat(overdue.status()).isEqualTo("RETURNED");
    }

    @Test
    void periodsAreNamedTheVietnameseWay() {
        assertThat(ReportReminders.periodName("2022-H1")).isEqualTo(new Localized("6 tháng đầu năm 2022", "2022-H1"));
        assertThat(ReportReminders.periodName("2022-Q3")).isEqualTo(new Localized("quý III năm 2022", "2022-Q3"));
        assertThat(ReportReminders.periodName("2022")).isEqualTo(new Localized("năm 2022", "2022"));
    }
}
