package vn.loa.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class EventContractsTests {

    static final List<String> TYPES = EventContracts.TYPES;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @ParameterizedTest
    @FieldSource("TYPES")
    void theProducersSampleIsValid(String type) {
        String sample = EventContracts.sample(type);

        assertThat(EventContracts.validate(type, sample)).isEmpty();
        assertThat(MAPPER.readTree(sample).get("type").asString()).isEqualTo(type);
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void everyEnvelopeAttributeIsRequired(String type) {
        for (String attribute : List.of("specversion", "id", "source", "type", "subject", "time", "dataversion", "data")) {
            String event = edit(EventContracts.sample(type), root -> root.remove(attribute));
            assertThat(EventContracts.validate(type, event)).as(attribute).anySatisfy(e -> assertThat(e).contains(attribute));
        }
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void aSampleOfAnotherTypeIsRejected(String type) {
        String other = TYPES.get((TYPES.indexOf(type) + 1) % TYPES.size());

        assertThat(EventContracts.validate(type, EventContracts.sample(other))).isNotEmpty();
    }

    @Test
    void samplesCarryVietnameseTextAsIs() {
        assertThat(EventContracts.sample("plan-issued")).contains("Kế hoạch tuyên truyền cải cách hành chính xã Liên Minh năm 2022");
        assertThat(EventContracts.sample("report-returned")).contains("Thiếu số liệu về dịch vụ bưu chính công ích");
    }

    @Test
    void aMissingDataFieldIsNamed() {
        String event = edit(EventContracts.sample("plan-issued"), root -> data(root).remove("planId"));

        assertThat(EventContracts.validate("plan-issued", event)).singleElement().asString()
                .contains("/data").contains("planId");
    }

    @Test
    void aBadPeriodIsRejected() {
        for (String period : List.of("2022-Q5", "2022Q1", "Q1-2022", "22-Q1")) {
            String event = edit(EventContracts.sample("activity-completed"), root -> data(root).put("period", period));
            assertThat(EventContracts.validate("activity-completed", event)).as(period).singleElement().asString()
                    .contains("/data/period");
        }
    }

    @Test
    void badEnumsAreRejected() {
        assertThat(EventContracts.validate("activity-scheduled",
                edit(EventContracts.sample("activity-scheduled"), root -> data(root).put("channel", "TELEVISION"))))
                .singleElement().asString().contains("/data/channel");
        assertThat(EventContracts.validate("plan-issued",
                edit(EventContracts.sample("plan-issued"), root -> target(root).put("indicator", "RATIO"))))
                .singleElement().asString().contains("/data/targets/0/indicator");
        assertThat(EventContracts.validate("plan-issued",
                edit(EventContracts.sample("plan-issued"), root -> ((ObjectNode) data(root).get("assignments").get(0)).put("role", "HELP"))))
                .singleElement().asString().contains("/data/assignments/0/role");
        assertThat(EventContracts.validate("plan-issued",
                edit(EventContracts.sample("plan-issued"), root -> ((ObjectNode) data(root).get("budget").get(0)).put("source", "WARD"))))
                .singleElement().asString().contains("/data/budget/0/source");
        assertThat(EventContracts.validate("quarter-closed",
                edit(EventContracts.sample("quarter-closed"), root -> data(root).put("calendar", "LUNAR"))))
                .singleElement().asString().contains("/data/calendar");
    }

    @Test
    void formatsAreAsserted() {
        assertThat(EventContracts.validate("plan-issued",
                edit(EventContracts.sample("plan-issued"), root -> data(root).put("issuedOn", "10/02/2022"))))
                .singleElement().asString().contains("/data/issuedOn");
        assertThat(EventContracts.validate("plan-closed",
                edit(EventContracts.sample("plan-closed"), root -> data(root).put("closedAt", "2022-12-31 17:00"))))
                .singleElement().asString().contains("/data/closedAt");
        assertThat(EventContracts.validate("plan-closed",
                edit(EventContracts.sample("plan-closed"), root -> root.put("id", "not-a-uuid"))))
                .singleElement().asString().contains("/id");
        assertThat(EventContracts.validate("plan-closed",
                edit(EventContracts.sample("plan-closed"), root -> root.put("time", "yesterday"))))
                .singleElement().asString().contains("/time");
    }

    @Test
    void envelopeConstantsAreChecked() {
        assertThat(EventContracts.validate("plan-closed",
                edit(EventContracts.sample("plan-closed"), root -> root.put("specversion", "0.3")))).isNotEmpty();
        assertThat(EventContracts.validate("plan-closed",
                edit(EventContracts.sample("plan-closed"), root -> root.put("dataversion", 2)))).isNotEmpty();
        assertThat(EventContracts.validate("plan-closed",
                edit(EventContracts.sample("plan-closed"), root -> root.put("type", "plan-issued")))).isNotEmpty();
    }

    @Test
    void theOrgTreeEventsCarryTheirStructure() {
        assertThat(EventContracts.validate("org-unit-moved",
                edit(EventContracts.sample("org-unit-moved"), root -> data(root).remove("descendants"))))
                .singleElement().asString().contains("descendants");
        assertThat(EventContracts.validate("org-unit-moved",
                edit(EventContracts.sample("org-unit-moved"), root -> data(root).putArray("descendants").addObject()
                        .put("code", "thon-1").put("parentCode", "lien-minh")))).singleElement().asString().contains("/data/descendants/0");
        assertThat(EventContracts.validate("org-unit-closed",
                edit(EventContracts.sample("org-unit-closed"), root -> data(root).put("closedOn", "01/07/2025"))))
                .singleElement().asString().contains("/data/closedOn");
        assertThat(EventContracts.validate("org-units-merged",
                edit(EventContracts.sample("org-units-merged"), root -> {
                    ArrayNode predecessors = (ArrayNode) data(root).get("predecessors");
                    predecessors.remove(2);
                    predecessors.remove(1);
                }))).singleElement().asString().contains("/data/predecessors");
        // a closed unit's registration says so, additively
        EventContracts.assertValid("org-unit-registered", edit(EventContracts.sample("org-unit-registered"),
                root -> data(root).put("closedOn", "2025-07-01").put("successorCode", "xa-duc-tho")));
        assertThat(EventContracts.validate("org-unit-registered", edit(EventContracts.sample("org-unit-registered"),
                root -> data(root).put("successorCode", "Xã Đức Thọ")))).isNotEmpty().allSatisfy(e -> assertThat(e).contains("/data/successorCode"));
    }

    @Test
    void orgUnitCodesAndPathsAreChecked() {
        assertThat(EventContracts.validate("report-approved",
                edit(EventContracts.sample("report-approved"), root -> data(root).put("orgUnit", "Xã Liên Minh"))))
                .singleElement().asString().contains("/data/orgUnit");
        assertThat(EventContracts.validate("report-approved",
                edit(EventContracts.sample("report-approved"), root -> data(root).putArray("orgUnitPath"))))
                .singleElement().asString().contains("/data/orgUnitPath");
    }

    @Test
    void unknownFieldsAndNullOptionalsAreAccepted() {
        // Additive changes within a version must not break consumers or producers' tests.
        String event = edit(EventContracts.sample("plan-issued"), root -> {
            data(root).put("newFieldFromAFutureProducer", "Thông tin mới");
            data(root).putNull("implementsPlanId");
            data(root).putNull("implementsDocumentNumber");
            target(root).putNull("quarterlyValues");
            root.putNull("traceparent");
        });

        assertThat(EventContracts.validate("plan-issued", event)).isEmpty();
    }

    @Test
    void aQuarterlySplitHasFourValues() {
        String event = edit(EventContracts.sample("plan-issued"), root -> ((ArrayNode) target(root).get("quarterlyValues")).remove(3));

        assertThat(EventContracts.validate("plan-issued", event)).singleElement().asString().contains("/data/targets/0/quarterlyValues");
    }

    @Test
    void assertValidListsEveryViolation() {
        String event = edit(EventContracts.sample("report-submitted"), root -> {
            data(root).put("period", "2022-Q7");
            data(root).remove("onTime");
        });

        assertThatThrownBy(() -> EventContracts.assertValid("report-submitted", event))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("report-submitted")
                .hasMessageContaining("/data/period")
                .hasMessageContaining("onTime");
        EventContracts.assertValid("report-submitted", EventContracts.sample("report-submitted"));
    }

    @Test
    void theDataAloneCanBeChecked() {
        String data = MAPPER.writeValueAsString(MAPPER.readTree(EventContracts.sample("quarter-reopened")).get("data"));
        EventContracts.assertValidData("quarter-reopened", data);

        String bad = edit(data, root -> root.remove("until"));
        assertThat(EventContracts.validateData("quarter-reopened", bad)).singleElement().asString().contains("/data").contains("until");
        assertThatThrownBy(() -> EventContracts.assertValidData("quarter-reopened", bad))
                .isInstanceOf(AssertionError.class).hasMessageContaining("until");
    }

    @Test
    void notJsonAndUnknownTypesAreReported() {
        assertThat(EventContracts.validate("plan-issued", "{not json")).singleElement().asString().startsWith("not JSON");
        assertThatThrownBy(() -> EventContracts.validate("plan-deleted", "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plan-issued");
    }

    @Test
    void everyTypeHasASchemaWhoseTypeConstantMatches() {
        for (String type : TYPES) {
            JsonNode schema = MAPPER.readTree(EventContracts.schemaText(type));
            assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.at("/properties/type/const").asString()).isEqualTo(type);
            assertThat(schema.at("/$defs/data/additionalProperties").isMissingNode()).isTrue();
        }
    }

    private static ObjectNode data(ObjectNode root) {
        return (ObjectNode) root.get("data");
    }

    private static ObjectNode target(ObjectNode root) {
        return (ObjectNode) data(root).get("targets").get(0);
    }

    private static String edit(String json, Consumer<ObjectNode> change) {
        ObjectNode root = (ObjectNode) MAPPER.readTree(json);
        change.accept(root);
        return MAPPER.writeValueAsString(root);
    }
}
