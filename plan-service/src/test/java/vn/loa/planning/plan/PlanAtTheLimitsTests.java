package vn.loa.planning.plan;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.planning.orgunit.OrgUnitView;
import vn.loa.testsupport.Figures;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14.1: a plan at every limit still fits in one Kafka record (1 MiB, SHARED-DECISIONS) as
 * plan-issued and as plan-amended, computed on the serialized envelope.
 */
class PlanAtTheLimitsTests {

    /** Producers' max.request.size and the brokers' default record limit (SHARED-DECISIONS). */
    static final int KAFKA_RECORD_LIMIT = 1_048_576;
    /** What a record adds to its value: the key (a UUID), the ce_* and traceparent headers, the record's framing. */
    static final int RECORD_OVERHEAD = 1_024;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.fixed(Instant.parse("2026-02-01T01:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh"));
    private final EnvelopeCodec codec = new EnvelopeCodec(json, "/plan-service", clock);

    @Test
    void theBiggestValidPlanIsValid() {
        OrgUnitView unit = BiggestPlan.orgUnit();
        PlanRequest request = BiggestPlan.request(unit.code(), unit.units().stream().map(OrgUnitView.Unit::code).toList(), null);
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            assertThat(validator.validate(request)).isEmpty();
        }
        PlanContent content = request.toContent();
        assertThat(PlanRules.checkIssuable(content, Set.copyOf(unit.units().stream().map(OrgUnitView.Unit::code).toList()))).isEmpty();
        // one more of anything is refused
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            PlanRequest longer = new PlanRequest(request.orgUnit(), request.year(), request.title() + BiggestPlan.WIDE,
                    null, request.preamble(), request.legalBases(), request.purposes(), request.requirements(), request.targets(),
                    request.topics(), request.channels(), request.forms(), request.budget(), request.budgetNote(),
                    request.assignments(), request.assignmentsNote(), request.recipients(), request.closing());
            assertThat(factory.getValidator().validate(longer)).singleElement()
                    .satisfies(v -> assertThat(v.getPropertyPath().toString()).isEqualTo("title"))
                    .satisfies(v -> assertThat(v.getMessage()).contains("1000"));
        }
    }

    @Test
    void theBiggestValidPlanFitsInOneKafkaRecordAsPlanIssuedAndAsPlanAmended() {
        OrgUnitView unit = BiggestPlan.orgUnit();
        PlanRequest request = BiggestPlan.request(unit.code(), unit.units().stream().map(OrgUnitView.Unit::code).toList(),
                UUID.randomUUID());
        Plan plan = Plan.draft(UUID.randomUUID(), unit.code(), 2026, request.toContent(), clock.instant(), "x".repeat(200));
        String number = "999999/KH-" + unit.abbreviation();
        plan.issue(number, LocalDate.of(2026, 2, 1), unit.issuerName(), clock.instant(), "x".repeat(200));

        String issued = codec.write(codec.wrap(plan.id().toString(), PlanEvents.issued(plan, unit, number),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        plan.amend(plan.content(), clock.instant(), "x".repeat(200));
        String amended = codec.write(codec.wrap(plan.id().toString(),
                PlanEvents.amended(plan, unit, number, BiggestPlan.text(PlanLimits.REASON), clock.instant(), clock),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        int issuedBytes = issued.getBytes(StandardCharsets.UTF_8).length;
        int amendedBytes = amended.getBytes(StandardCharsets.UTF_8).length;
        Figures.print("Biggest valid plan: plan-issued %,d bytes, plan-amended %,d bytes; Kafka record limit %,d bytes",
                issuedBytes, amendedBytes, KAFKA_RECORD_LIMIT);
        assertThat(amendedBytes).isGreaterThan(issuedBytes);
        assertThat(amendedBytes + RECORD_OVERHEAD).isLessThan(KAFKA_RECORD_LIMIT);
        // and it is a valid event (the contract holds at the limits too)
        EventContracts.assertValid("plan-issued", issued);
        EventContracts.assertValid("plan-amended", amended);
        // a plan at the limits is big: the bound is not met by accident of a small test plan
        assertThat(issuedBytes).isGreaterThan(700_000);
    }
}
