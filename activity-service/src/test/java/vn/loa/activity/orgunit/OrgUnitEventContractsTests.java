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

    /** The production reader: unknown members are ignored (additive changes of the producer must not break us). */
    static final JsonMapper READER = JsonMapper.builder().build();

    @Test
    void theProducersMovedClosedAndMergedSamplesReadIntoOurRecords() {
        String moved = EventContracts.sample("org-unit-moved");
        EventContracts.assertValid("org-unit-moved", moved);
        OrgUnitMoved m = READER.treeToValue(READER.readTree(moved).get("data"), OrgUnitMoved.class);
        assertThat(m.code()).isNotBlank();
        assertThat(m.path()).isNotEmpty().last().isEqualTo(m.code());

        String closed = EventContracts.sample("org-unit-closed");
        EventContracts.assertValid("org-unit-closed", closed);
        OrgUnitClosed c = READER.treeToValue(READER.readTree(closed).get("data"), OrgUnitClosed.class);
        assertThat(c.code()).isNotBlank();
        assertThat(c.closedOn()).isNotNull();

        String merged = EventContracts.sample("org-units-merged");
        EventContracts.assertValid("org-units-merged", merged);
        OrgUnitsMerged g = READER.treeToValue(READER.readTree(merged).get("data"), OrgUnitsMerged.class);
        assertThat(g.code()).isNotBlank();
    }

    @Test
    void theMovedClosedAndMergedEventsOurTestsSendAreValidAgainstTheProducersSchemas() {
        java.util.List<String> before = java.util.List.of("ha-tinh", "duc-tho", "xa-doi-huyen");
        java.util.List<String> after = java.util.List.of("ha-tinh", "huong-son", "xa-doi-huyen");
        java.util.List<String> merged = java.util.List.of("ha-tinh", "duc-tho", "xa-hop-nhat");
        EventContracts.assertValid("org-unit-moved", Upstream.envelope("org-unit-moved", "/plan-service", "xa-doi-huyen",
                Upstream.orgUnitMoved("xa-doi-huyen", "Xã Đổi Huyện", before, after)));
        EventContracts.assertValid("org-unit-closed", Upstream.envelope("org-unit-closed", "/plan-service", "xa-cu-mot",
                Upstream.orgUnitClosed("xa-cu-mot", "Xã Cũ Một", java.util.List.of("ha-tinh", "duc-tho", "xa-cu-mot"),
                        "xa-hop-nhat", merged)));
        EventContracts.assertValid("org-units-merged", Upstream.envelope("org-units-merged", "/plan-service", "xa-hop-nhat",
                Upstream.orgUnitsMerged("xa-hop-nhat", "Xã Hợp Nhất", merged, java.util.List.of(
                        java.util.Map.of("code", "xa-cu-mot", "name", "Xã Cũ Một", "level", "COMMUNE",
                                "path", java.util.List.of("ha-tinh", "duc-tho", "xa-cu-mot"), "movedChildren", java.util.List.of()),
                        java.util.Map.of("code", "xa-cu-hai", "name", "Xã Cũ Hai", "level", "COMMUNE",
                                "path", java.util.List.of("ha-tinh", "duc-tho", "xa-cu-hai"), "movedChildren", java.util.List.of())))));
    }
}
