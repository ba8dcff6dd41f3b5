package vn.loa.activity.periodlock;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.activity.Upstream;
import vn.loa.contracts.EventContracts;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Our copies of reporting-service's quarter events against its schemas and samples. */
class QuarterEventContractsTests {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static <T> T data(String envelope, Class<T> type) {
        return JSON.treeToValue(JSON.readTree(envelope).get("data"), type);
    }

    @Test
    void theProducersQuarterClosedSampleCarriesEachCommunesWindow() {
        String sample = EventContracts.sample("quarter-closed");
        EventContracts.assertValid("quarter-closed", sample);
        QuarterClosed q = data(sample, QuarterClosed.class);
        assertThat(q.period()).matches("\\d{4}-Q[1-4]");
        assertThat(q.closedBy()).isNotBlank();
        assertThat(q.closedAt()).isNotNull();
        assertThat(q.communes()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.orgUnit()).isNotBlank();
            assertThat(c.from()).isBeforeOrEqualTo(c.to());
        });
    }

    @Test
    void theProducersQuarterReopenedSampleCarriesItsExpiry() {
        String sample = EventContracts.sample("quarter-reopened");
        EventContracts.assertValid("quarter-reopened", sample);
        QuarterReopened q = data(sample, QuarterReopened.class);
        assertThat(q.until()).isNotNull();
        assertThat(q.reopenedAt()).isNotNull();
        assertThat(q.communes()).isNotEmpty();
    }

    @Test
    void theEventsOurTestsSendAreValidAgainstTheProducersSchemas() {
        OffsetDateTime at = OffsetDateTime.parse("2022-03-20T09:30:00+07:00");
        var window = List.of(Upstream.window("lien-minh", LocalDate.of(2021, 12, 15), LocalDate.of(2022, 3, 14)));
        EventContracts.assertValid("quarter-closed", Upstream.envelope("quarter-closed", "/reporting-service",
                "duc-tho/2022-Q1", Upstream.quarterClosed("2022-Q1", "ductho.vhtt", at, window)));
        EventContracts.assertValid("quarter-reopened", Upstream.envelope("quarter-reopened", "/reporting-service",
                "duc-tho/2022-Q1", Upstream.quarterReopened("2022-Q1", "Bổ sung", at.plusDays(3), at.plusDays(1), window)));
    }
}
