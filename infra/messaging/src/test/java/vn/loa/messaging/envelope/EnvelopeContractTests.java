package vn.loa.messaging.envelope;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The envelope the library writes is the one infra/contracts describes, and it reads the producers' samples. */
class EnvelopeContractTests {

    @EventType(value = "plan-closed", topic = Topics.PLAN_EVENTS, version = 1)
    record PlanClosed(UUID planId, int version, String orgUnit, List<String> orgUnitPath, int year,
                      String documentNumber, OffsetDateTime closedAt) {
    }

    private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build(), "/plan-service",
            Clock.system(ZoneId.of("Asia/Ho_Chi_Minh")));

    private final PlanClosed closed = new PlanClosed(UUID.randomUUID(), 1, "lien-minh",
            List.of("ha-tinh", "duc-tho", "lien-minh"), 2022, "12/KH-UBND",
            OffsetDateTime.parse("2022-12-31T17:00:00+07:00"));

    @Test
    void whatThePublisherWritesMatchesTheContract() {
        String json = codec.write(codec.wrap(closed.planId().toString(), closed,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

        EventContracts.assertValid("plan-closed", json);
    }

    @Test
    void anEventWithoutTraceStillMatchesTheContract() {
        EventContracts.assertValid("plan-closed", codec.write(codec.wrap(closed.planId().toString(), closed, null)));
    }

    @Test
    void readsTheProducersSample() {
        EventEnvelope<PlanClosed> read = codec.read(EventContracts.sample("plan-closed"), PlanClosed.class);

        assertThat(read.type()).isEqualTo("plan-closed");
        assertThat(read.data().planId()).isNotNull();
        assertThat(read.data().orgUnitPath()).isNotEmpty();
    }
}
