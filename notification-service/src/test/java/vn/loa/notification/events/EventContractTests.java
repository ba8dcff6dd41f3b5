package vn.loa.notification.events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.notification.TestEvents;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our record copies against the producers' contracts (infra/contracts): each producer sample is valid
 * and reads into our copy with the fields we use, and the events our ITs publish are valid too.
 */
class EventContractTests {

    final JsonMapper mapper = JsonMapper.builder().build();
    final EnvelopeCodec codec = new EnvelopeCodec(mapper, "/notification-service", Clock.systemUTC());

    <T> T sample(String type, Class<T> copy) {
        String json = EventContracts.sample(type);
        EventContracts.assertValid(type, json);
        EventEnvelope<T> envelope = codec.read(json, copy);
        assertThat(envelope.type()).isEqualTo(type);
        assertThat(envelope.id()).isNotNull();
        return envelope.data();
    }

    @Test
    void producerSamplesReadIntoOurCopies() {
        OrgUnitRegistered org = sample("org-unit-registered", OrgUnitRegistered.class);
        assertThat(org.code()).isNotBlank();
        assertThat(org.path()).isNotEmpty().endsWith(org.code());

        PlanIssued plan = sample("plan-issued", PlanIssued.class);
        assertThat(plan.planId()).isNotNull();
        assertThat(plan.documentNumber()).isNotBlank();
        assertThat(plan.orgUnitPath()).isNotEmpty();
        assertThat(plan.assignments()).isNotEmpty().allSatisfy(a -> assertThat(a.unit()).isNotBlank());
        assertThat(plan.recipients()).isNotEmpty().allSatisfy(r -> assertThat(r.name()).isNotBlank());

        PlanAmended amended = sample("plan-amended", PlanAmended.class);
        assertThat(amended.reason()).isNotBlank();
        assertThat(amended.documentNumber()).isNotBlank();

        assertThat(sample("plan-closed", PlanClosed.class).planId()).isNotNull();

        ActivityScheduled scheduled = sample("activity-scheduled", ActivityScheduled.class);
        assertThat(scheduled.planDocumentNumber()).isNotBlank();
        assertThat(scheduled.unit()).isNotBlank();
        assertThat(scheduled.dueDate()).isNotNull();
        assertThat(scheduled.coordinatingUnits()).isNotNull();

        assertThat(sample("activity-completed", ActivityCompleted.class).activityId()).isNotNull();
        assertThat(sample("activity-cancelled", ActivityCancelled.class).activityId()).isNotNull();

        ActivityOverdue overdue = sample("activity-overdue", ActivityOverdue.class);
        assertThat(overdue.unit()).isNotBlank();
        assertThat(overdue.dueDate()).isNotNull();

        QuarterClosed closed = sample("quarter-closed", QuarterClosed.class);
        assertThat(closed.communes()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.orgUnit()).isNotBlank();
            assertThat(c.dueDate()).isNotNull();
        });
        QuarterReopened reopened = sample("quarter-reopened", QuarterReopened.class);
        assertThat(reopened.reason()).isNotBlank();
        assertThat(reopened.communes()).isNotEmpty();

        ReportSubmitted submitted = sample("report-submitted", ReportSubmitted.class);
        assertThat(submitted.district()).isNotBlank();
        assertThat(submitted.orgUnitPath()).contains(submitted.district());
        assertThat(sample("report-approved", ReportApproved.class).orgUnit()).isNotBlank();
        assertThat(sample("report-returned", ReportReturned.class).reason()).isNotBlank();
    }

    @Test
    void theOrgTreeReformEventsReadIntoOurCopies() {
        OrgUnitMoved moved = sample("org-unit-moved", OrgUnitMoved.class);
        assertThat(moved.code()).isNotBlank();
        assertThat(moved.path()).isNotEmpty().endsWith(moved.code());
        assertThat(moved.oldPath()).isNotEmpty().endsWith(moved.code());
        assertThat(moved.parentCode()).isEqualTo(moved.path().get(moved.path().size() - 2));
        assertThat(moved.descendants()).isNotNull();

        OrgUnitClosed closed = sample("org-unit-closed", OrgUnitClosed.class);
        assertThat(closed.code()).isNotBlank();
        assertThat(closed.closedOn()).isNotNull();
        assertThat(closed.path()).endsWith(closed.code());

        OrgUnitsMerged merged = sample("org-units-merged", OrgUnitsMerged.class);
        assertThat(merged.code()).isNotBlank();
        assertThat(merged.effectiveOn()).isNotNull();
        assertThat(merged.path()).endsWith(merged.code());
        assertThat(merged.predecessors()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.code()).isNotBlank();
            assertThat(p.path()).endsWith(p.code());
        });

        // org-unit-registered's additive fields of the reform (absent while they do not apply)
        OrgUnitRegistered registered = sample("org-unit-registered", OrgUnitRegistered.class);
        assertThat(registered.closedOn()).isNull();
    }

    @Test
    void theOrgTreeReformEventsOurTestsPublishFollowTheContracts() {
        List<String> oldPath = List.of("ha-tinh", "duc-tho", "lien-minh");
        List<String> newPath = List.of("ha-tinh", "lien-minh");
        valid("org-unit-moved", TestEvents.orgUnitMoved("lien-minh", "Xã Liên Minh", "duc-tho", "ha-tinh", oldPath, newPath));
        valid("org-unit-closed", TestEvents.orgUnitClosed("lien-minh", "Xã Liên Minh", "duc-tho", oldPath,
                "xa-duc-tho", List.of("ha-tinh", "duc-tho", "xa-duc-tho")));
        valid("org-unit-closed", TestEvents.orgUnitClosed("tung-anh", "Xã Tùng Ảnh", "duc-tho",
                List.of("ha-tinh", "duc-tho", "tung-anh"), null, null));
        valid("org-units-merged", TestEvents.orgUnitsMerged("xa-duc-tho", "Xã Đức Thọ", "duc-tho",
                List.of("ha-tinh", "duc-tho", "xa-duc-tho"), Map.of("lien-minh", oldPath,
                        "tung-chau", List.of("ha-tinh", "duc-tho", "tung-chau"))));
    }

    @Test
    void theEventsOurTestsPublishFollowTheContracts() {
        List<String> commune = List.of("ha-tinh", "duc-tho", "lien-minh");
        UUID plan = UUID.randomUUID();
        LocalDate due = LocalDate.of(2022, 3, 31);
        valid("org-unit-registered", TestEvents.orgUnit("lien-minh", "Xã Liên Minh", "COMMUNE", "duc-tho", commune,
                TestEvents.COMMUNE_UNITS));
        valid("plan-issued", TestEvents.planIssued(plan, "lien-minh", commune, "15/KH-UBND"));
        valid("activity-scheduled", TestEvents.activity(UUID.randomUUID(), plan, "15/KH-UBND", "lien-minh", commune,
                "tu-phap", List.of("noi-vu"), due));
        valid("activity-overdue", TestEvents.overdue(UUID.randomUUID(), plan, "15/KH-UBND", "lien-minh", commune,
                "buu-dien-xa", due));
        valid("quarter-closed", TestEvents.quarterClosed("duc-tho", List.of("ha-tinh", "duc-tho"), "2022-Q1",
                List.of(TestEvents.commune("lien-minh", commune, LocalDate.of(2022, 4, 10)))));
        valid("report-submitted", TestEvents.report("lien-minh", commune, "duc-tho", "2022-Q1",
                LocalDate.of(2022, 4, 10), null));
        valid("report-returned", TestEvents.report("lien-minh", commune, "duc-tho", "2022-Q1",
                LocalDate.of(2022, 4, 10), "Thiếu số liệu"));
    }

    private void valid(String type, Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("source", "/it");
        envelope.put("type", type);
        envelope.put("subject", "s");
        envelope.put("time", "2022-03-01T09:00:00+07:00");
        envelope.put("dataversion", 1);
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", data);
        EventContracts.assertValid(type, mapper.writeValueAsString(envelope));
    }
}
