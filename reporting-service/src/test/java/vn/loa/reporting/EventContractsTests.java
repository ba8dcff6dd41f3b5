package vn.loa.reporting;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.reporting.projection.OrgUnitRegistered;
import vn.loa.reporting.period.QuarterClosed;
import vn.loa.reporting.period.QuarterReopened;
import vn.loa.reporting.projection.ActivityCancelled;
import vn.loa.reporting.projection.ActivityCompleted;
import vn.loa.reporting.projection.ActivityOverdue;
import vn.loa.reporting.projection.ActivityScheduled;
import vn.loa.reporting.projection.EvidenceAdded;
import vn.loa.reporting.projection.EvidenceRemoved;
import vn.loa.reporting.projection.PlanAmended;
import vn.loa.reporting.projection.PlanClosed;
import vn.loa.reporting.projection.PlanIssued;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.Plans;
import vn.loa.reporting.support.TestEvents;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our copies of the events we consume read the producers' samples (infra/contracts), the events we
 * produce match their schemas, and the events the ITs publish "as the producers would" are valid too.
 */
class EventContractsTests {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final EnvelopeCodec codec = new EnvelopeCodec(mapper, "/reporting-service", Clock.systemUTC());

    private <T> T read(String type, Class<T> copy) {
        String sample = EventContracts.sample(type);
        EventContracts.assertValid(type, sample);
        EventEnvelope<T> envelope = codec.read(sample, copy);
        assertThat(envelope.type()).isEqualTo(type);
        return envelope.data();
    }

    @Test
    void ourCopiesReadTheProducersSamples() {
        OrgUnitRegistered org = read("org-unit-registered", OrgUnitRegistered.class);
        assertThat(org.code()).isNotBlank();
        assertThat(org.path()).isNotEmpty().endsWith(org.code());

        PlanIssued plan = read("plan-issued", PlanIssued.class);
        assertThat(plan.planId()).isNotNull();
        assertThat(plan.version()).isEqualTo(1);
        assertThat(plan.year()).isEqualTo(2022);
        assertThat(plan.targets()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.code()).isNotBlank();
            assertThat(t.indicator()).isIn("COUNT", "PERCENT", "MILESTONE");
            assertThat(t.yearlyValue()).isNotNull();
        });
        assertThat(plan.budgetTotalVnd()).isNotNull();
        assertThat(plan.orgUnitPath()).endsWith(plan.orgUnit());
        // The lines per source a report sets against spending, and the topics' wording (issue 19).
        assertThat(plan.budget()).isNotEmpty().allSatisfy(b -> {
            assertThat(b.source()).isIn("PROVINCE", "DISTRICT", "COMMUNE", "OTHER");
            assertThat(b.amountVnd()).isNotNull();
        });
        assertThat(plan.topics()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.code()).isNotBlank();
            assertThat(t.title()).isNotBlank();
        });

        PlanAmended amended = read("plan-amended", PlanAmended.class);
        assertThat(amended.version()).isGreaterThan(1);
        assertThat(amended.reason()).isNotBlank();
        assertThat(amended.targets()).isNotEmpty();
        assertThat(amended.budget()).isNotEmpty();
        assertThat(amended.topics()).isNotEmpty();

        PlanClosed closed = read("plan-closed", PlanClosed.class);
        assertThat(closed.planId()).isNotNull();
        assertThat(closed.closedAt()).isNotNull();

        ActivityScheduled scheduled = read("activity-scheduled", ActivityScheduled.class);
        assertThat(scheduled.activityId()).isNotNull();
        assertThat(scheduled.dueDate()).isNotNull();
        assertThat(scheduled.targetCodes()).isNotNull();

        ActivityCompleted completed = read("activity-completed", ActivityCompleted.class);
        assertThat(completed.completedOn()).isEqualTo(LocalDate.parse("2022-03-20"));
        assertThat(completed.quantity()).isEqualByComparingTo("6");
        assertThat(completed.reach()).isEqualTo(1200L);
        assertThat(completed.costVnd()).isEqualTo(600_000L);
        assertThat(completed.coordinatingUnits()).containsExactly("buu-dien-xa");
        assertThat(completed.title()).startsWith("Phát chuyên mục CCHC");

        ActivityCancelled cancelled = read("activity-cancelled", ActivityCancelled.class);
        assertThat(cancelled.cancelledAt()).isNotNull();

        ActivityOverdue overdue = read("activity-overdue", ActivityOverdue.class);
        assertThat(overdue.activityId()).isNotNull();
        assertThat(overdue.dueDate()).isNotNull();

        EvidenceAdded added = read("evidence-added", EvidenceAdded.class);
        assertThat(added.evidenceId()).isNotNull();
        assertThat(added.activityId()).isNotNull();
        assertThat(added.name()).isEqualTo("Ảnh buổi phát thanh CCHC tháng 3.jpg");
        assertThat(added.contentType()).isEqualTo("image/jpeg");
        assertThat(added.size()).isPositive();
        assertThat(added.sha256()).hasSize(64);

        EvidenceRemoved removed = read("evidence-removed", EvidenceRemoved.class);
        assertThat(removed.evidenceId()).isEqualTo(added.evidenceId());
        assertThat(removed.activityId()).isEqualTo(added.activityId());
    }

    @Test
    void theQuarterEventsWeProduceMatchTheirSchemas() {
        List<String> path = List.of("ha-tinh", "duc-tho", "lien-minh");
        QuarterClosed.CommuneWindow window = new QuarterClosed.CommuneWindow("lien-minh", path,
                LocalDate.parse("2021-12-15"), LocalDate.parse("2022-03-14"), LocalDate.parse("2022-03-21"));
        OffsetDateTime at = OffsetDateTime.parse("2022-03-22T08:00:00+07:00");
        QuarterClosed closedEvent = new QuarterClosed("duc-tho", List.of("ha-tinh", "duc-tho"), "2022-Q1", "DECREE_09",
                "ductho.vhtt", at, LocalDate.parse("2022-03-28"), List.of(window));
        EventContracts.assertValid("quarter-closed", codec.write(codec.wrap("duc-tho/2022-Q1", closedEvent, null)));
        QuarterReopened reopened = new QuarterReopened("duc-tho", "2022-Q1", "Bổ sung hoạt động tháng 3",
                at.plusDays(7), "ductho.vhtt", at, List.of(window));
        EventContracts.assertValid("quarter-reopened", codec.write(codec.wrap("duc-tho/2022-Q1", reopened, null)));
    }

    @Test
    void theEventsTheTestsPublishAreWhatTheProducersPublish() {
        try (TestEvents events = new TestEvents("localhost:1", mapper)) {
            UUID planId = UUID.randomUUID();
            List<String> path = List.of("ha-tinh", "duc-tho", "lien-minh");
            var plan = Plans.plan(planId, 1, "lien-minh", path, 2022, List.of(
                    Plans.target("T1", "Chuyên mục CCHC", "COUNT", 12, List.of(3, 3, 3, 3), "RADIO", "van-hoa-thong-tin",
                            "MONTHLY")),
                    List.of("RADIO"), 10_000_000);
            EventContracts.assertValid("plan-issued",
                    events.envelope(UUID.randomUUID(), "plan-issued", "/plan-service", planId.toString(), plan));
            assertThat(mapper.convertValue(plan, PlanIssued.class).targets().get(0).recurrence()).isEqualTo("MONTHLY");
            var weekly = Plans.plan(planId, 1, "lien-minh", path, 2022, List.of(
                    Plans.target("T1", "Chuyên mục CCHC", "COUNT", 12, null, "RADIO", "van-hoa-thong-tin", "WEEKLY")),
                    List.of("RADIO"), 0);
            assertThat(EventContracts.validate("plan-issued",
                    events.envelope(UUID.randomUUID(), "plan-issued", "/plan-service", planId.toString(), weekly))).isNotEmpty();
            plan.put("reason", "Bổ sung");
            plan.put("amendedAt", "2022-02-20T09:00:00+07:00");
            plan.put("version", 2);
            EventContracts.assertValid("plan-amended",
                    events.envelope(UUID.randomUUID(), "plan-amended", "/plan-service", planId.toString(), plan));
            Activity a = Activity.of(planId, path, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of("noi-vu"), "2022-03-31");
            String s = a.id().toString();
            EventContracts.assertValid("activity-scheduled",
                    events.envelope(UUID.randomUUID(), "activity-scheduled", "/activity-service", s, a.scheduled()));
            EventContracts.assertValid("activity-completed", events.envelope(UUID.randomUUID(), "activity-completed",
                    "/activity-service", s, a.completed("2022-03-20", 2, 100L, 5_000L)));
            EventContracts.assertValid("activity-cancelled", events.envelope(UUID.randomUUID(), "activity-cancelled",
                    "/activity-service", s, a.cancelled("2022-03-05")));
            EventContracts.assertValid("activity-overdue",
                    events.envelope(UUID.randomUUID(), "activity-overdue", "/activity-service", s, a.overdue()));
        }
    }
}
