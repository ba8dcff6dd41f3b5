package vn.loa.planning.plan;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.loa.planning.PlanServiceITBase;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeriveAndAdoptionIT extends PlanServiceITBase {

    private String districtPlan(int year) throws Exception {
        ObjectNode body = communePlan("duc-tho", year);
        body.put("title", "Tuyên truyền cải cách hành chính huyện Đức Thọ năm " + year);
        var targets = body.putArray("targets");
        ObjectNode web = targets.addObject().put("code", "CT-1").put("description", "Tin bài CCHC trên trang thông tin điện tử")
                .put("indicator", "COUNT").put("yearlyValue", 48).put("channel", "WEBSITE").put("unit", "phong-vhtt");
        web.putArray("quarterlyValues").add(12).add(12).add(12).add(12);
        targets.addObject().put("code", "CT-2").put("description", "Chuyên mục CCHC trên truyền thanh")
                .put("indicator", "COUNT").put("yearlyValue", 12).put("channel", "RADIO").put("unit", "phong-vhtt");
        targets.addObject().put("code", "CT-3").put("description", "Tra cứu tài liệu tại bưu điện")
                .put("indicator", "COUNT").put("yearlyValue", 8).put("channel", "POSTAL_SERVICE").put("unit", "buu-dien-huyen");
        body.putArray("assignments").addObject().put("unit", "phong-vhtt").put("role", "LEAD").put("duties", "Chủ trì, đôn đốc các xã");
        String id = create(body, district());
        assertThat(issue(id, district(), year + "-01-24", null).status()).isEqualTo(200);
        return id;
    }

    @Test
    void theDistrictDerivesACommuneDraftLinkedToItsTargetsAndSeesAdoption() throws Exception {
        String parent = districtPlan(2036);
        Answer derived = post("/api/plans/" + parent + "/derive", district(), json.createObjectNode().put("orgUnit", "tung-chau"));
        assertThat(derived.status()).as(derived.raw()).isEqualTo(201);
        JsonNode draft = derived.body();
        String childId = draft.get("id").asString();
        assertThat(derived.header("Location")).isEqualTo("/api/plans/" + childId);
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("orgUnit").asString()).isEqualTo("tung-chau");
        assertThat(draft.get("implementsPlanId").asString()).isEqualTo(parent);
        assertThat(draft.get("title").asString()).isEqualTo("Tuyên truyền cải cách hành chính xã Tùng Châu năm 2036");
        assertThat(draft.get("preamble").asString()).startsWith("Thực hiện Kế hoạch số: 01/KH-UBND ngày 24/01/2036 của UBND huyện Đức Thọ");
        List<String> parents = new ArrayList<>();
        List<String> units = new ArrayList<>();
        draft.get("targets").forEach(t -> {
            parents.add(t.get("parentTargetCode").asString());
            units.add(t.get("unit").asString());
        });
        assertThat(parents).containsExactly("CT-1", "CT-2", "CT-3");
        // the district's phòng are mapped to the commune's units of the same kind
        assertThat(units).containsExactly("van-hoa-thong-tin", "van-hoa-thong-tin", "buu-dien-xa");
        assertThat(draft.get("topics").get(0).get("code").asString()).isEqualTo("đ");
        assertThat(draft.get("channels").toString()).contains("RADIO", "WEBSITE");

        Answer twice = post("/api/plans/" + parent + "/derive", district(), json.createObjectNode().put("orgUnit", "tung-chau"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("plan-exists");

        // the commune officer sees its draft, drops CT-3 and issues it
        Answer mine = get("/api/plans/" + childId, tungChau());
        assertThat(mine.status()).isEqualTo(200);
        ObjectNode edit = (ObjectNode) json.readTree(json.writeValueAsString(requestOf(mine.body())));
        var kept = edit.putArray("targets");
        mine.body().get("targets").forEach(t -> {
            if (!t.get("code").asString().equals("CT-3")) {
                ObjectNode copy = kept.addObject();
                for (String f : List.of("code", "description", "indicator", "channel", "unit", "parentTargetCode")) {
                    copy.set(f, t.get(f));
                }
                copy.put("yearlyValue", 12);
                copy.putArray("quarterlyValues").add(3).add(3).add(3).add(3);
            }
        });
        Answer put = put("/api/plans/" + childId, tungChau(), edit, "If-Match", mine.header("ETag"));
        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        assertThat(issue(childId, tungChau(), "2036-02-10", null).status()).isEqualTo(200);

        Answer adoption = get("/api/plans/" + parent + "/adoption", district());
        assertThat(adoption.status()).isEqualTo(200);
        assertThat(adoption.body().get("targetCodes").toString()).contains("CT-1", "CT-2", "CT-3");
        JsonNode tungChau = child(adoption.body(), "tung-chau");
        assertThat(tungChau.get("plan").get("id").asString()).isEqualTo(childId);
        assertThat(tungChau.get("plan").get("status").asString()).isEqualTo("ISSUED");
        assertThat(tungChau.get("plan").get("documentNumber").asString()).matches("\\d{2,}/KH-UBND");
        assertThat(strings(tungChau.get("adoptedTargetCodes"))).containsExactly("CT-1", "CT-2");
        assertThat(strings(tungChau.get("droppedTargetCodes"))).containsExactly("CT-3");
        JsonNode yenHo = child(adoption.body(), "yen-ho");
        assertThat(yenHo.get("plan")).isNull();
        assertThat(adoption.body().get("childCount").asInt()).isEqualTo(7);
        assertThat(adoption.body().get("issuedCount").asInt()).isEqualTo(1);
    }

    @Test
    void deriveRefusesWhatIsNotAChildAndUnknownUnits() throws Exception {
        String parent = districtPlan(2037);
        Answer notChild = post("/api/plans/" + parent + "/derive", district(), json.createObjectNode().put("orgUnit", "duc-tho"));
        assertThat(notChild.status()).isEqualTo(400);
        assertThat(notChild.errorFields()).containsExactly("orgUnit");
        Answer unknown = post("/api/plans/" + parent + "/derive", district(), json.createObjectNode().put("orgUnit", "xa-khong-co"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("unknown-org-unit");
        // a commune officer cannot even see the district plan
        Answer commune = post("/api/plans/" + parent + "/derive", lienMinh(), json.createObjectNode().put("orgUnit", "lien-minh"));
        assertThat(commune.status()).isEqualTo(404);
        // the province viewer may not write
        Answer viewer = post("/api/plans/" + parent + "/derive", viewer(), json.createObjectNode().put("orgUnit", "an-dung"));
        assertThat(viewer.status()).isEqualTo(403);
    }

    @Test
    void theDemoDistrictPlanShowsWhatEachCommuneAdopted() throws Exception {
        Answer adoption = get("/api/plans/" + DISTRICT_PLAN + "/adoption", viewer());
        assertThat(adoption.status()).isEqualTo(200);
        assertThat(adoption.body().get("documentNumber").asString()).isEqualTo("169/KH-UBND");
        JsonNode lienMinh = child(adoption.body(), "lien-minh");
        assertThat(lienMinh.get("plan").get("id").asString()).isEqualTo(LIEN_MINH_PLAN);
        assertThat(strings(lienMinh.get("adoptedTargetCodes"))).containsExactly("CT-1", "CT-2", "CT-3");
        assertThat(strings(lienMinh.get("droppedTargetCodes"))).containsExactly("CT-4", "CT-5");
        assertThat(strings(child(adoption.body(), "an-dung").get("adoptedTargetCodes"))).containsExactly("CT-2");
        assertThat(adoption.body().get("issuedCount").asInt()).isEqualTo(7);
    }

    private static JsonNode child(JsonNode adoption, String code) {
        for (JsonNode c : adoption.get("children")) {
            if (c.get("orgUnit").asString().equals(code)) {
                return c;
            }
        }
        throw new AssertionError("no child " + code + " in " + adoption);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** The PUT body for a plan read back: the request fields only. */
    private ObjectNode requestOf(JsonNode plan) {
        ObjectNode body = json.createObjectNode();
        for (String f : List.of("orgUnit", "year", "title", "implementsPlanId", "preamble", "legalBases", "purposes",
                "requirements", "targets", "topics", "channels", "forms", "budget", "budgetNote", "assignments",
                "assignmentsNote", "recipients", "closing")) {
            if (plan.get(f) != null) {
                body.set(f, plan.get(f));
            }
        }
        return body;
    }
}
