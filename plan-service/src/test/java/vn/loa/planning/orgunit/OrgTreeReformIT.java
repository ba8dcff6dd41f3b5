package vn.loa.planning.orgunit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.loa.contracts.EventContracts;
import vn.loa.planning.PlanServiceITBase;
import vn.loa.testsupport.TestTokens;
import vn.loa.testsupport.TopicRecorder.Received;

import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The org tree after the 2025 reform (issue 19.7) and scope that follows it (issue 15.8): moves with the
 * subtree, closures, mergers, a province → commune tree without districts; events on Kafka checked
 * against their schemas. Each test builds its own units, so that the demo tree stays as other tests need it.
 */
class OrgTreeReformIT extends PlanServiceITBase {

    private static String officer(String role, String orgUnit) {
        return TestTokens.bearer(orgUnit + ".vhtt", role, orgUnit);
    }

    private static Predicate<Received> orgEvent(String type, String key) {
        return r -> r.topic().equals("loa.orgunit.events") && key.equals(r.key()) && r.value().contains("\"type\":\"" + type + "\"");
    }

    private Answer move(String code, String newParent, String ifMatch) throws Exception {
        ObjectNode body = json.createObjectNode().put("newParent", newParent).put("effectiveOn", "2025-07-01");
        return ifMatch == null ? post("/api/org-units/" + code + "/move", operator(), body)
                : post("/api/org-units/" + code + "/move", operator(), body, "If-Match", ifMatch);
    }

    private String issuedPlan(String orgUnit, String token) throws Exception {
        String id = create(communePlan(orgUnit, 2025), token);
        Answer issued = issue(id, token, "2025-03-02", null);
        assertThat(issued.status()).as(issued.raw()).isEqualTo(200);
        return id;
    }

    @Test
    void aCommuneMovedToAnotherDistrictTakesItsPlansAlong() throws Exception {
        register("quang-binh", orgUnit("Tỉnh Quảng Bình", "PROVINCE", null, "UBND tỉnh Quảng Bình"));
        register("le-thuy", orgUnit("Huyện Lệ Thủy", "DISTRICT", "quang-binh", "UBND huyện Lệ Thủy"));
        register("quang-ninh-qb", orgUnit("Huyện Quảng Ninh", "DISTRICT", "quang-binh", "UBND huyện Quảng Ninh"));
        register("sen-thuy", orgUnit("Xã Sen Thủy", "COMMUNE", "le-thuy", "UBND xã Sen Thủy"));
        String oldDistrict = officer("DISTRICT_OFFICER", "le-thuy");
        String newDistrict = officer("DISTRICT_OFFICER", "quang-ninh-qb");
        String commune = officer("COMMUNE_OFFICER", "sen-thuy");
        String plan = issuedPlan("sen-thuy", oldDistrict);
        assertThat(get("/api/plans/" + plan, newDistrict).status()).isEqualTo(404);

        assertThat(move("sen-thuy", "quang-ninh-qb", null).status()).isEqualTo(428);
        Answer stale = move("sen-thuy", "quang-ninh-qb", "\"99\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("version-conflict");
        String etag = orgEtag("sen-thuy");
        Answer moved = move("sen-thuy", "quang-ninh-qb", etag);
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.body().get("path").toString()).isEqualTo("[\"quang-binh\",\"quang-ninh-qb\",\"sen-thuy\"]");
        assertThat(moved.header("ETag")).isNotEqualTo(etag);

        // scope follows the current tree: the new district sees the plan, the old one no longer does
        Answer seen = get("/api/plans/" + plan, newDistrict);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().get("orgUnitPath").toString()).isEqualTo("[\"quang-binh\",\"quang-ninh-qb\",\"sen-thuy\"]");
        assertThat(get("/api/plans/" + plan, oldDistrict).status()).isEqualTo(404);
        assertThat(get("/api/plans?orgUnit=sen-thuy", oldDistrict).body().get("total").asLong()).isZero();
        assertThat(get("/api/plans?orgUnit=sen-thuy", newDistrict).body().get("total").asLong()).isEqualTo(1);
        assertThat(get("/api/plans/" + plan, commune).status()).isEqualTo(200);
        assertThat(get("/api/org-units/sen-thuy", oldDistrict).status()).isEqualTo(404);
        assertThat(post("/api/plans/" + plan + "/close", oldDistrict, null, "If-Match", seen.header("ETag")).status()).isEqualTo(404);
        assertThat(post("/api/plans/" + plan + "/close", newDistrict, null, "If-Match", seen.header("ETag")).status()).isEqualTo(200);

        Received movedEvent = awaitRecord(orgEvent("org-unit-moved", "sen-thuy"));
        EventContracts.assertValid("org-unit-moved", movedEvent.value());
        JsonNode d = envelope(movedEvent).get("data");
        assertThat(d.get("oldParentCode").asString()).isEqualTo("le-thuy");
        assertThat(d.get("parentCode").asString()).isEqualTo("quang-ninh-qb");
        assertThat(d.get("oldPath").toString()).isEqualTo("[\"quang-binh\",\"le-thuy\",\"sen-thuy\"]");
        assertThat(d.get("path").toString()).isEqualTo("[\"quang-binh\",\"quang-ninh-qb\",\"sen-thuy\"]");
        assertThat(d.get("descendants").size()).isZero();
        assertThat(d.get("effectiveOn").asString()).isEqualTo("2025-07-01");
        assertThat(d.get("movedBy").asString()).isEqualTo("operator");
        // the plan's own events carry the path of the current tree
        Received closed = awaitRecord(event("plan-closed", plan));
        assertThat(envelope(closed).get("data").get("orgUnitPath").toString())
                .isEqualTo("[\"quang-binh\",\"quang-ninh-qb\",\"sen-thuy\"]");
        Received registered = awaitRecord(orgEvent("org-unit-registered", "sen-thuy")
                .and(r -> r.value().contains("quang-ninh-qb")));
        EventContracts.assertValid("org-unit-registered", registered.value());
    }

    @Test
    void aDistrictMovesToAnotherProvinceWithItsCommunes() throws Exception {
        register("ha-tay", orgUnit("Tỉnh Hà Tây", "PROVINCE", null, "UBND tỉnh Hà Tây"));
        register("ha-noi", orgUnit("Thành phố Hà Nội", "PROVINCE", null, "UBND thành phố Hà Nội"));
        register("ba-vi", orgUnit("Huyện Ba Vì", "DISTRICT", "ha-tay", "UBND huyện Ba Vì"));
        register("tan-linh", orgUnit("Xã Tản Lĩnh", "COMMUNE", "ba-vi", "UBND xã Tản Lĩnh"));
        register("vat-lai", orgUnit("Xã Vật Lại", "COMMUNE", "ba-vi", "UBND xã Vật Lại"));
        String plan = issuedPlan("tan-linh", officer("DISTRICT_OFFICER", "ba-vi"));
        String communeEtag = orgEtag("tan-linh");

        Answer upsideDown = move("ba-vi", "vat-lai", orgEtag("ba-vi"));
        assertThat(upsideDown.status()).isEqualTo(422);
        assertThat(upsideDown.code()).isEqualTo("invalid-parent-level");
        Answer moved = move("ba-vi", "ha-noi", orgEtag("ba-vi"));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);

        Answer tanLinh = get("/api/org-units/tan-linh", operator());
        assertThat(tanLinh.body().get("path").toString()).isEqualTo("[\"ha-noi\",\"ba-vi\",\"tan-linh\"]");
        assertThat(tanLinh.header("ETag")).as("a unit whose path changed has a new version").isNotEqualTo(communeEtag);
        assertThat(get("/api/plans/" + plan, officer("PROVINCE_VIEWER", "ha-noi")).status()).isEqualTo(200);
        assertThat(get("/api/plans/" + plan, officer("PROVINCE_VIEWER", "ha-tay")).status()).isEqualTo(404);
        assertThat(get("/api/org-units/ha-noi/children", officer("PROVINCE_VIEWER", "ha-noi")).body().toString()).contains("ba-vi");

        Received movedEvent = awaitRecord(orgEvent("org-unit-moved", "ba-vi"));
        EventContracts.assertValid("org-unit-moved", movedEvent.value());
        JsonNode descendants = envelope(movedEvent).get("data").get("descendants");
        assertThat(descendants.size()).isEqualTo(2);
        assertThat(descendants.get(0).get("code").asString()).isEqualTo("tan-linh");
        assertThat(descendants.get(0).get("parentCode").asString()).isEqualTo("ba-vi");
        assertThat(descendants.get(0).get("path").toString()).isEqualTo("[\"ha-noi\",\"ba-vi\",\"tan-linh\"]");
        assertThat(descendants.get(1).get("code").asString()).isEqualTo("vat-lai");
        // every unit whose path changed is registered again with its whole state
        for (String code : List.of("ba-vi", "tan-linh", "vat-lai")) {
            Received r = awaitRecord(orgEvent("org-unit-registered", code).and(x -> x.value().contains("\"ha-noi\"")));
            EventContracts.assertValid("org-unit-registered", r.value());
        }
    }

    @Test
    void aProvinceToCommuneTreeWithoutDistrictsAfterCommunesAreMerged() throws Exception {
        register("ha-giang", orgUnit("Tỉnh Hà Giang", "PROVINCE", null, "UBND tỉnh Hà Giang"));
        register("dong-van", orgUnit("Huyện Đồng Văn", "DISTRICT", "ha-giang", "UBND huyện Đồng Văn"));
        for (String[] c : new String[][] {{"lung-cu", "Xã Lũng Cú"}, {"ma-le", "Xã Má Lé"}, {"lung-tao", "Xã Lũng Táo"}}) {
            register(c[0], orgUnit(c[1], "COMMUNE", "dong-van", "UBND " + c[1].replace("Xã", "xã")));
        }
        String district = officer("DISTRICT_OFFICER", "dong-van");
        String lungCuPlan = issuedPlan("lung-cu", district);
        issuedPlan("ma-le", district);

        // the district cannot close while communes are under it
        Answer early = post("/api/org-units/dong-van/close", operator(), json.createObjectNode().put("closedOn", "2025-07-01"),
                "If-Match", orgEtag("dong-van"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("org-unit-has-children");

        // the communes go under the province: the level above a commune is whatever its parent is
        for (String c : List.of("lung-cu", "ma-le", "lung-tao")) {
            assertThat(move(c, "ha-giang", orgEtag(c)).status()).isEqualTo(200);
        }
        ObjectNode merger = orgUnit("Xã Lũng Cú", "COMMUNE", "ha-giang", "UBND xã Lũng Cú");
        merger.put("code", "xa-lung-cu").put("effectiveOn", "2025-07-01");
        merger.putArray("predecessors").add("lung-cu").add("ma-le");
        assertThat(post("/api/org-units/merge", district, merger).status()).isEqualTo(403);
        Answer merged = post("/api/org-units/merge", operator(), merger);
        assertThat(merged.status()).as(merged.raw()).isEqualTo(201);
        assertThat(merged.header("Location")).isEqualTo("/api/org-units/xa-lung-cu");
        assertThat(merged.body().get("path").toString()).isEqualTo("[\"ha-giang\",\"xa-lung-cu\"]");
        assertThat(merged.body().get("predecessorCodes").toString()).isEqualTo("[\"lung-cu\",\"ma-le\"]");
        assertThat(merged.body().get("establishedOn").asString()).isEqualTo("2025-07-01");
        Answer predecessor = get("/api/org-units/lung-cu", operator());
        assertThat(predecessor.body().get("status").asString()).isEqualTo("CLOSED");
        assertThat(predecessor.body().get("closedOn").asString()).isEqualTo("2025-07-01");
        assertThat(predecessor.body().get("successorCode").asString()).isEqualTo("xa-lung-cu");

        // the new commune's officers see what its predecessors did; nothing new is planned for a closed commune
        String newCommune = officer("COMMUNE_OFFICER", "xa-lung-cu");
        assertThat(get("/api/plans/" + lungCuPlan, newCommune).status()).isEqualTo(200);
        assertThat(get("/api/plans?year=2025", newCommune).body().get("total").asLong()).isEqualTo(2);
        String province = officer("DISTRICT_OFFICER", "ha-giang");
        Answer closedUnit = post("/api/plans", province, communePlan("lung-cu", 2026));
        assertThat(closedUnit.status()).isEqualTo(409);
        assertThat(closedUnit.code()).isEqualTo("org-unit-closed");
        // the province plans for its communes directly
        String provincePlan = issuedPlan("ha-giang", province);
        Answer derived = post("/api/plans/" + provincePlan + "/derive", province, json.createObjectNode().put("orgUnit", "xa-lung-cu"));
        assertThat(derived.status()).as(derived.raw()).isEqualTo(201);
        assertThat(issue(derived.body().get("id").asString(), newCommune, "2025-08-01", null).status()).isEqualTo(200);

        // the empty district closes
        Answer closed = post("/api/org-units/dong-van/close", operator(), json.createObjectNode().put("closedOn", "2025-07-01"),
                "If-Match", orgEtag("dong-van"));
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertThat(closed.body().get("status").asString()).isEqualTo("CLOSED");
        assertThat(post("/api/org-units/dong-van/close", operator(), json.createObjectNode().put("closedOn", "2025-07-01"),
                "If-Match", closed.header("ETag")).code()).isEqualTo("org-unit-closed");

        // what cannot be merged
        Answer again = post("/api/org-units/merge", operator(), merger.put("code", "xa-lung-cu-2"));
        assertThat(again.code()).isEqualTo("org-unit-closed");
        merger.putArray("predecessors").add("lung-tao");
        assertThat(post("/api/org-units/merge", operator(), merger).errorFields()).containsExactly("predecessors");

        Received mergedEvent = awaitRecord(orgEvent("org-units-merged", "xa-lung-cu"));
        EventContracts.assertValid("org-units-merged", mergedEvent.value());
        JsonNode d = envelope(mergedEvent).get("data");
        assertThat(d.get("effectiveOn").asString()).isEqualTo("2025-07-01");
        assertThat(d.get("predecessors").get(0).get("code").asString()).isEqualTo("lung-cu");
        assertThat(d.get("predecessors").get(0).get("path").toString()).isEqualTo("[\"ha-giang\",\"lung-cu\"]");
        Received predecessorClosed = awaitRecord(orgEvent("org-unit-closed", "lung-cu"));
        EventContracts.assertValid("org-unit-closed", predecessorClosed.value());
        assertThat(envelope(predecessorClosed).get("data").get("successorCode").asString()).isEqualTo("xa-lung-cu");
        Received districtClosed = awaitRecord(orgEvent("org-unit-closed", "dong-van"));
        EventContracts.assertValid("org-unit-closed", districtClosed.value());
        Received newUnit = awaitRecord(orgEvent("org-unit-registered", "xa-lung-cu"));
        EventContracts.assertValid("org-unit-registered", newUnit.value());
        assertThat(envelope(newUnit).get("data").get("establishedOn").asString()).isEqualTo("2025-07-01");
        // the new unit's registration comes before the merger on their common key
        assertThat(newUnit.offset()).isLessThan(mergedEvent.offset());
    }

    @Test
    void provincesMergeWithTheirCommunes() throws Exception {
        register("ha-nam", orgUnit("Tỉnh Hà Nam", "PROVINCE", null, "UBND tỉnh Hà Nam"));
        register("nam-dinh", orgUnit("Tỉnh Nam Định", "PROVINCE", null, "UBND tỉnh Nam Định"));
        register("kim-bang", orgUnit("Xã Kim Bảng", "COMMUNE", "ha-nam", "UBND xã Kim Bảng"));
        register("my-loc", orgUnit("Xã Mỹ Lộc", "COMMUNE", "nam-dinh", "UBND xã Mỹ Lộc"));
        String plan = issuedPlan("kim-bang", officer("DISTRICT_OFFICER", "ha-nam"));

        ObjectNode merger = orgUnit("Tỉnh Ninh Bình", "PROVINCE", null, "UBND tỉnh Ninh Bình");
        merger.put("code", "ninh-binh-2025").put("effectiveOn", "2025-07-01");
        merger.putArray("predecessors").add("ha-nam").add("nam-dinh");
        Answer merged = post("/api/org-units/merge", operator(), merger);
        assertThat(merged.status()).as(merged.raw()).isEqualTo(201);

        assertThat(get("/api/org-units/kim-bang", operator()).body().get("path").toString()).isEqualTo("[\"ninh-binh-2025\",\"kim-bang\"]");
        assertThat(get("/api/org-units/ninh-binh-2025/children", operator()).body().size()).isEqualTo(2);
        assertThat(get("/api/plans/" + plan, officer("PROVINCE_VIEWER", "ninh-binh-2025")).status()).isEqualTo(200);

        Received mergedEvent = awaitRecord(orgEvent("org-units-merged", "ninh-binh-2025"));
        EventContracts.assertValid("org-units-merged", mergedEvent.value());
        assertThat(envelope(mergedEvent).get("data").get("predecessors").get(0).get("movedChildren").toString()).isEqualTo("[\"kim-bang\"]");
        Received moved = awaitRecord(orgEvent("org-unit-moved", "kim-bang"));
        EventContracts.assertValid("org-unit-moved", moved.value());
        assertThat(envelope(moved).get("data").get("oldPath").toString()).isEqualTo("[\"ha-nam\",\"kim-bang\"]");
    }

    @Test
    void aUnitIsRegisteredOnceByPost() throws Exception {
        ObjectNode unit = orgUnit("Tỉnh Lai Châu", "PROVINCE", null, "UBND tỉnh Lai Châu").put("code", "lai-chau");
        Answer created = post("/api/org-units", operator(), unit);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.body().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.body().has("version")).isFalse();
        assertThat(created.body().has("closed")).isFalse();
        Answer unknownLevel = post("/api/org-units", operator(), orgUnit("Đặc khu Côn Đảo", "SPECIAL_ZONE", null, "UBND đặc khu").put("code", "con-dao"));
        assertThat(unknownLevel.status()).isEqualTo(422);
        assertThat(unknownLevel.code()).isEqualTo("unknown-level");
        Answer twice = post("/api/org-units", operator(), unit);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("org-unit-exists");
        assertThat(post("/api/org-units", district(), unit.put("code", "lai-chau-2")).status()).isEqualTo(403);
        ObjectNode tooLong = orgUnit("Tỉnh " + "Điện Biên ".repeat(40), "PROVINCE", null, "UBND").put("code", "dien-bien");
        Answer refused = post("/api/org-units", operator(), tooLong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("name");
        assertThat(refused.raw()).contains("300");
    }
}
