package vn.loa.planning.events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.loa.contracts.EventContracts;
import vn.loa.planning.PlanServiceITBase;
import vn.loa.testsupport.TopicRecorder.Received;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What consumers read from Kafka: valid against the producer's schemas and complete enough not to call back. */
class PlanEventsIT extends PlanServiceITBase {

    @Test
    void issuingAmendingAndClosingPublishValidEventsKeyedByPlan() throws Exception {
        String id = create(communePlan("yen-ho", 2025), district());
        assertThat(issue(id, district(), "2025-02-03", null).status()).isEqualTo(200);

        Received issued = awaitRecord(event("plan-issued", id));
        assertThat(issued.topic()).isEqualTo("loa.plan.events");
        assertThat(issued.key()).isEqualTo(id);
        EventContracts.assertValid("plan-issued", issued.value());
        JsonNode e = envelope(issued);
        assertThat(e.get("source").asString()).isEqualTo("/plan-service");
        JsonNode d = e.get("data");
        assertThat(d.get("planId").asString()).isEqualTo(id);
        assertThat(d.get("version").asInt()).isEqualTo(1);
        assertThat(d.get("orgUnit").asString()).isEqualTo("yen-ho");
        assertThat(d.get("orgUnitName").asString()).isEqualTo("Xã Yên Hồ");
        assertThat(d.get("orgUnitLevel").asString()).isEqualTo("COMMUNE");
        assertThat(d.get("orgUnitPath").toString()).isEqualTo("[\"ha-tinh\",\"duc-tho\",\"yen-ho\"]");
        assertThat(d.get("year").asInt()).isEqualTo(2025);
        assertThat(d.get("documentNumber").asString()).isEqualTo("01/KH-UBND");
        assertThat(d.get("issuedOn").asString()).isEqualTo("2025-02-03");
        assertThat(d.get("issuer").asString()).isEqualTo("UBND xã Yên Hồ");
        assertThat(d.get("targets").get(0).get("quarterlyValues").size()).isEqualTo(4);
        assertThat(d.get("units").toString()).contains("van-hoa-thong-tin", "buu-dien-xa");
        assertThat(d.get("assignments").get(0).get("unitName").asString()).isEqualTo("Văn hóa – Thông tin");
        assertThat(d.get("assignments").get(0).get("reportsEveryMonths").asInt()).isEqualTo(3);
        assertThat(d.get("recipients").get(0).get("purpose").asString()).isEqualTo("b/c");
        assertThat(d.get("budgetTotalVnd").asLong()).isEqualTo(5_000_000L);
        assertThat(d.get("topics").get(0).get("code").asString()).isEqualTo("đ");

        ObjectNode amendment = json.createObjectNode().put("reason", "Điều chỉnh kinh phí");
        amendment.putArray("budget").addObject().put("source", "COMMUNE").put("amountVnd", 7_000_000L);
        assertThat(amend(id, district(), amendment).status()).isEqualTo(201);
        Received amended = awaitRecord(event("plan-amended", id));
        assertThat(amended.key()).isEqualTo(id);
        EventContracts.assertValid("plan-amended", amended.value());
        JsonNode ad = envelope(amended).get("data");
        assertThat(ad.get("version").asInt()).isEqualTo(2);
        assertThat(ad.get("reason").asString()).isEqualTo("Điều chỉnh kinh phí");
        assertThat(ad.get("budgetTotalVnd").asLong()).isEqualTo(7_000_000L);
        assertThat(ad.get("amendedAt").asString()).isNotBlank();

        assertThat(close(id, district()).status()).isEqualTo(200);
        Received closed = awaitRecord(event("plan-closed", id));
        EventContracts.assertValid("plan-closed", closed.value());
        JsonNode cd = envelope(closed).get("data");
        assertThat(cd.get("version").asInt()).isEqualTo(2);
        assertThat(cd.get("documentNumber").asString()).isEqualTo("01/KH-UBND");

        // in order on the plan's partition
        assertThat(issued.partition()).isEqualTo(amended.partition()).isEqualTo(closed.partition());
        assertThat(issued.offset()).isLessThan(amended.offset());
        assertThat(amended.offset()).isLessThan(closed.offset());
    }

    @Test
    void theSeedPlanIsPublishedWholeWithExactVietnameseText() throws Exception {
        Received issued = awaitRecord(event("plan-issued", LIEN_MINH_PLAN));
        EventContracts.assertValid("plan-issued", issued.value());
        assertThat(new String(issued.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(issued.value());
        JsonNode d = envelope(issued).get("data");
        assertThat(d.get("title").asString()).isEqualTo("Tuyên truyền cải cách hành chính xã Liên Minh năm 2022");
        assertThat(d.get("implementsPlanId").asString()).isEqualTo(DISTRICT_PLAN);
        assertThat(d.get("implementsDocumentNumber").asString()).isEqualTo("169/KH-UBND");
        assertThat(d.get("targets").size()).isEqualTo(3);
        assertThat(d.get("assignments").size()).isEqualTo(6);
        assertThat(d.get("recipients").size()).isEqualTo(5);
        assertThat(d.get("topics").size()).isEqualTo(7);
        // sources named without an amount count 0 đồng; recipients without a purpose have an empty one
        assertThat(d.get("budget").size()).isEqualTo(4);
        assertThat(d.get("budgetTotalVnd").asLong()).isZero();
        assertThat(d.get("recipients").get(2).get("purpose").asString()).isEmpty();
        assertThat(d.get("assignments").get(5).get("duties").asString())
                .isEqualTo("Ủy ban mặt trận các tổ chức đoàn thể đưa vào kế hoạch chỉ đạo tích cực công tác hội lồng ghép tuyên truyền về CCHC năm 2022.");
    }

    @Test
    void orgUnitsAreRegisteredOnTheirTopic() {
        Received lienMinh = awaitRecord(r -> r.topic().equals("loa.orgunit.events") && "lien-minh".equals(r.key()));
        EventContracts.assertValid("org-unit-registered", lienMinh.value());
        JsonNode d = envelope(lienMinh).get("data");
        assertThat(d.get("name").asString()).isEqualTo("Xã Liên Minh");
        assertThat(d.get("parentCode").asString()).isEqualTo("duc-tho");
        assertThat(d.get("path").toString()).isEqualTo("[\"ha-tinh\",\"duc-tho\",\"lien-minh\"]");
        assertThat(d.get("units").size()).isEqualTo(7);
        Received province = awaitRecord(r -> r.topic().equals("loa.orgunit.events") && "ha-tinh".equals(r.key()));
        EventContracts.assertValid("org-unit-registered", province.value());
    }
}
