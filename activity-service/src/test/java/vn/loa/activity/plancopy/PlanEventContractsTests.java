package vn.loa.activity.plancopy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.activity.Upstream;
import vn.loa.contracts.EventContracts;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Our copies of plan-service's events against its schemas and samples. */
class PlanEventContractsTests {

    // Strict on unknown properties, as the service's own mapper is: the records must declare they ignore them.
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static <T> T data(String envelope, Class<T> type) {
        return JSON.treeToValue(JSON.readTree(envelope).get("data"), type);
    }

    @Test
    void theProducersPlanIssuedSampleReadsIntoOurCopy() {
        String sample = EventContracts.sample("plan-issued");
        EventContracts.assertValid("plan-issued", sample);
        PlanIssued p = data(sample, PlanIssued.class);
        assertThat(p.planId()).isNotNull();
        assertThat(p.version()).isGreaterThanOrEqualTo(1);
        assertThat(p.orgUnitPath()).isNotEmpty().last().isEqualTo(p.orgUnit());
        assertThat(p.documentNumber()).isNotBlank();
        assertThat(p.targets()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.code()).isNotBlank();
            assertThat(t.channel()).isNotBlank();
        });
        assertThat(p.units()).isNotEmpty();
        assertThat(p.channels()).isNotEmpty();
    }

    @Test
    void theProducersPlanAmendedAndPlanClosedSamplesReadIntoOurCopies() {
        String amended = EventContracts.sample("plan-amended");
        EventContracts.assertValid("plan-amended", amended);
        PlanAmended a = data(amended, PlanAmended.class);
        assertThat(a.version()).isGreaterThan(1);
        assertThat(a.targets()).isNotEmpty();

        String closed = EventContracts.sample("plan-closed");
        EventContracts.assertValid("plan-closed", closed);
        PlanClosed c = data(closed, PlanClosed.class);
        assertThat(c.planId()).isNotNull();
        assertThat(c.closedAt()).isNotNull();
    }

    @Test
    void theEventsOurTestsSendAreValidAgainstTheProducersSchemas() {
        UUID id = UUID.randomUUID();
        List<String> targets = List.of("CT-RADIO", "CT-WEB");
        EventContracts.assertValid("plan-issued",
                Upstream.envelope("plan-issued", "/plan-service", id.toString(), Upstream.planIssued(id, 1, "lien-minh", targets)));
        EventContracts.assertValid("plan-amended",
                Upstream.envelope("plan-amended", "/plan-service", id.toString(), Upstream.planAmended(id, 2, "lien-minh", targets)));
        EventContracts.assertValid("plan-closed",
                Upstream.envelope("plan-closed", "/plan-service", id.toString(), Upstream.planClosed(id, 2, "lien-minh")));
    }
}
