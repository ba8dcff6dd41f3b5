package vn.loa.planning.orgunit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.loa.planning.PlanServiceITBase;
import vn.loa.testsupport.TestTokens;
import vn.loa.testsupport.TopicRecorder.Received;

import static org.assertj.core.api.Assertions.assertThat;

/** Levels are data: a two-level tree (province → commune, Vietnam since mid-2025) works like three. */
class OrgUnitRegistrationIT extends PlanServiceITBase {

    @Autowired
    JdbcClient jdbc;

    private ObjectNode unit(String name, String level, String parent, String issuer) {
        return orgUnit(name, level, parent, issuer);
    }

    @Test
    void aTwoLevelTreeCarriesPlansFromProvinceToCommune() throws Exception {
        Answer province = put("/api/org-units/quang-tri", operator(), unit("Tỉnh Quảng Trị", "PROVINCE", null, "UBND tỉnh Quảng Trị"));
        assertThat(province.status()).as(province.raw()).isEqualTo(201);
        Answer commune = put("/api/org-units/gio-linh", operator(), unit("Xã Gio Linh", "COMMUNE", "quang-tri", "UBND xã Gio Linh"));
        assertThat(commune.status()).isEqualTo(201);
        assertThat(commune.body().get("path").toString()).isEqualTo("[\"quang-tri\",\"gio-linh\"]");
        assertThat(commune.body().get("level").asString()).isEqualTo("COMMUNE");

        Received registered = awaitRecord(r -> r.topic().equals("loa.orgunit.events") && "gio-linh".equals(r.key()));
        vn.loa.contracts.EventContracts.assertValid("org-unit-registered", registered.value());
        JsonNode d = envelope(registered).get("data");
        assertThat(d.get("parentCode").asString()).isEqualTo("quang-tri");
        assertThat(d.get("path").toString()).isEqualTo("[\"quang-tri\",\"gio-linh\"]");
        assertThat(d.get("units").get(0).get("name").asString()).isEqualTo("Văn hóa – Thông tin");

        // a change needs If-Match (428 without); the same registration again changes nothing and publishes nothing
        long before = outboxRows("gio-linh");
        assertThat(put("/api/org-units/gio-linh", operator(), unit("Xã Gio Linh", "COMMUNE", "quang-tri", "UBND xã Gio Linh")).status()).isEqualTo(428);
        String etag = commune.header("ETag");
        Answer same = put("/api/org-units/gio-linh", operator(), unit("Xã Gio Linh", "COMMUNE", "quang-tri", "UBND xã Gio Linh"), "If-Match", etag);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.header("ETag")).isEqualTo(etag);
        assertThat(outboxRows("gio-linh")).isEqualTo(before);
        // a change is published, and makes the old ETag stale
        Answer changed = put("/api/org-units/gio-linh", operator(), unit("Xã Gio Linh", "COMMUNE", "quang-tri", "Ủy ban nhân dân xã Gio Linh"),
                "If-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(outboxRows("gio-linh")).isEqualTo(before + 1);
        assertThat(put("/api/org-units/gio-linh", operator(), unit("Xã Gio Linh", "COMMUNE", "quang-tri", "UBND xã Gio Linh"),
                "If-Match", etag).status()).isEqualTo(412);

        String provinceOfficer = TestTokens.bearer("quangtri.vhtt", "DISTRICT_OFFICER", "quang-tri");
        ObjectNode plan = communePlan("quang-tri", 2026);
        ((ObjectNode) plan.get("targets").get(0)).put("unit", "van-hoa-thong-tin");
        String provincePlan = create(plan, provinceOfficer);
        assertThat(issue(provincePlan, provinceOfficer, "2026-01-10", null).body().get("documentNumber").asString()).isEqualTo("01/KH-UBND");
        Answer derived = post("/api/plans/" + provincePlan + "/derive", provinceOfficer, json.createObjectNode().put("orgUnit", "gio-linh"));
        assertThat(derived.status()).as(derived.raw()).isEqualTo(201);
        String communeOfficer = TestTokens.bearer("giolinh.vhtt", "COMMUNE_OFFICER", "gio-linh");
        String childId = derived.body().get("id").asString();
        Answer issued = issue(childId, communeOfficer, "2026-02-01", null);
        assertThat(issued.status()).as(issued.raw()).isEqualTo(200);
        assertThat(issued.body().get("orgUnitPath").toString()).isEqualTo("[\"quang-tri\",\"gio-linh\"]");
        assertThat(issued.body().get("issuer").asString()).isEqualTo("Ủy ban nhân dân xã Gio Linh");
        JsonNode adoption = get("/api/plans/" + provincePlan + "/adoption", provinceOfficer).body();
        assertThat(adoption.get("children").get(0).get("adoptedTargetCodes").toString()).isEqualTo("[\"CT-2\"]");
        // Đức Thọ's people do not see it
        assertThat(get("/api/plans/" + childId, district()).status()).isEqualTo(404);
    }

    @Test
    void onlyOperatorsRegisterAndBadRegistrationsAreRefused() throws Exception {
        assertThat(put("/api/org-units/x-moi", district(), unit("Xã Mới", "COMMUNE", "duc-tho", "UBND xã Mới")).status()).isEqualTo(403);
        Answer level = put("/api/org-units/x-moi", operator(), unit("Xã Mới", "HAMLET", "duc-tho", "UBND xã Mới"));
        assertThat(level.status()).isEqualTo(422);
        assertThat(level.code()).isEqualTo("unknown-level");
        Answer parent = put("/api/org-units/x-moi", operator(), unit("Xã Mới", "COMMUNE", "khong-co", "UBND xã Mới"));
        assertThat(parent.code()).isEqualTo("unknown-org-unit");
        ObjectNode noName = unit("Xã Mới", "COMMUNE", "duc-tho", "UBND xã Mới");
        noName.remove("name");
        Answer invalid = put("/api/org-units/x-moi", operator(), noName);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorFields()).containsExactly("name");
        Answer moveWithChildren = put("/api/org-units/duc-tho", operator(), unit("Huyện Đức Thọ", "DISTRICT", null, "UBND huyện Đức Thọ"),
                "If-Match", orgEtag("duc-tho"));
        assertThat(moveWithChildren.status()).isEqualTo(409);
        assertThat(moveWithChildren.code()).isEqualTo("org-unit-has-children");
        // a province cannot sit under a commune, nor a code break the events' contract
        Answer upsideDown = put("/api/org-units/x-moi", operator(), unit("Tỉnh Mới", "PROVINCE", "lien-minh", "UBND tỉnh Mới"));
        assertThat(upsideDown.status()).isEqualTo(422);
        assertThat(upsideDown.code()).isEqualTo("invalid-parent-level");
        assertThat(put("/api/org-units/x--moi", operator(), unit("Xã Mới", "COMMUNE", "duc-tho", "UBND xã Mới")).errorFields()).containsExactly("code");
        ObjectNode badOffice = unit("Xã Mới", "COMMUNE", "duc-tho", "UBND xã Mới");
        ((ObjectNode) badOffice.get("units").get(0)).put("code", "Văn hóa");
        assertThat(put("/api/org-units/x-moi", operator(), badOffice).errorFields()).containsExactly("units[0].code");
    }

    private long outboxRows(String key) {
        return jdbc.sql("select count(*) from outbox_event where topic = 'loa.orgunit.events' and record_key = :k")
                .param("k", key).query(Long.class).single();
    }
}
