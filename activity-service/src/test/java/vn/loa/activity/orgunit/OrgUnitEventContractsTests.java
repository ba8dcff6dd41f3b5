package vn.loa.activity.orgunit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.activity.Upstream;
import vn.loa.contracts.EventContracts;

import static org.assertj.core.api.Assertions.assertThat;

class OrgUnitEventContractsTests {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void theProducersSampleReadsIntoOurCopyAndOurTestEventIsValid() {
        String sample = EventContracts.sample("org-unit-registered");
        EventContracts.assertValid("org-unit-registered", sample);
        OrgUnitRegistered o = JSON.treeToValue(JSON.readTree(sample).get("data"), OrgUnitRegistered.class);
        assertThat(o.code()).isNotBlank();
        assertThat(o.name()).isNotBlank();
        assertThat(o.path()).isNotEmpty().last().isEqualTo(o.code());

        EventContracts.assertValid("org-unit-registered", Upstream.envelope("org-unit-registered", "/plan-service",
                "tung-anh", Upstream.orgUnitRegistered("tung-anh", "Xã Tùng Ảnh")));
    }
}
