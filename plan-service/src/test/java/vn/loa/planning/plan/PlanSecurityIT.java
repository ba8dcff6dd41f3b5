package vn.loa.planning.plan;

import org.junit.jupiter.api.Test;
import vn.loa.planning.PlanServiceITBase;

import static org.assertj.core.api.Assertions.assertThat;

class PlanSecurityIT extends PlanServiceITBase {

    @Test
    void noTokenIs401() throws Exception {
        Answer a = get("/api/plans/" + LIEN_MINH_PLAN, null);
        assertThat(a.status()).isEqualTo(401);
        assertThat(post("/api/plans", null, communePlan("lien-minh", 2024)).status()).isEqualTo(401);
        assertThat(get("/api/org-units/lien-minh", null).status()).isEqualTo(401);
        assertThat(get("/api/plans/" + LIEN_MINH_PLAN, "Bearer not.a.jwt").status()).isEqualTo(401);
        // the org-tree operations too
        assertThat(post("/api/org-units", null, json.createObjectNode().put("code", "x")).status()).isEqualTo(401);
        assertThat(post("/api/org-units/lien-minh/move", null, json.createObjectNode().put("newParent", "ha-tinh")).status()).isEqualTo(401);
        assertThat(post("/api/org-units/lien-minh/close", null, json.createObjectNode().put("closedOn", "2025-07-01")).status()).isEqualTo(401);
        assertThat(post("/api/org-units/merge", null, json.createObjectNode()).status()).isEqualTo(401);
        assertThat(put("/api/org-units/lien-minh", null, json.createObjectNode()).status()).isEqualTo(401);
    }

    @Test
    void wrongRoleIs403() throws Exception {
        String noRole = vn.loa.testsupport.TestTokens.bearer("khach", "GUEST", "lien-minh");
        assertThat(get("/api/plans/" + LIEN_MINH_PLAN, noRole).status()).isEqualTo(403);
        assertThat(get("/api/plans?year=2022", noRole).status()).isEqualTo(403);
        assertThat(get("/api/org-units/lien-minh", noRole).status()).isEqualTo(403);
        // service-support's one rule for operators (least privilege): they read no plan, and change none;
        // refused alike whether the plan exists or not
        Answer operatorReads = get("/api/plans/" + LIEN_MINH_PLAN, operator());
        assertThat(operatorReads.status()).isEqualTo(403);
        assertThat(operatorReads.body().get("detail").asString()).contains("OPERATOR");
        assertThat(get("/api/plans/" + java.util.UUID.randomUUID(), operator()).status()).isEqualTo(403);
        assertThat(get("/api/plans?year=2022", operator()).status()).isEqualTo(403);
        assertThat(get("/api/plans/" + LIEN_MINH_PLAN + "/export?format=pdf", operator()).status()).isEqualTo(403);
        Answer operatorWrites = post("/api/plans/" + LIEN_MINH_PLAN + "/close", operator(), null, "If-Match", "\"0\"");
        assertThat(operatorWrites.status()).isEqualTo(403);
        assertThat(post("/api/plans", operator(), communePlan("lien-minh", 2024)).status()).isEqualTo(403);
        // the org tree is theirs: they read all of it
        assertThat(get("/api/org-units/lien-minh", operator()).status()).isEqualTo(200);
        // and officers and viewers do not change the org tree (even their own units)
        for (String token : java.util.List.of(district(), lienMinh(), viewer())) {
            assertThat(post("/api/org-units/lien-minh/close", token, json.createObjectNode().put("closedOn", "2025-07-01"),
                    "If-Match", "\"0\"").code()).isEqualTo("forbidden");
            assertThat(post("/api/org-units/lien-minh/move", token, json.createObjectNode().put("newParent", "ha-tinh"),
                    "If-Match", "\"0\"").code()).isEqualTo("forbidden");
            var merger = orgUnit("Xã Mới", "COMMUNE", "duc-tho", "UBND xã Mới").put("code", "xa-moi").put("effectiveOn", "2025-07-01");
            merger.putArray("predecessors").add("lien-minh").add("tung-chau");
            assertThat(post("/api/org-units/merge", token, merger).code()).isEqualTo("forbidden");
            assertThat(post("/api/org-units", token, orgUnit("Xã Mới", "COMMUNE", "duc-tho", "UBND xã Mới").put("code", "xa-moi"))
                    .code()).isEqualTo("forbidden");
        }
        assertThat(get("/api/org-units/lien-minh", lienMinh()).body().get("status").asString()).isEqualTo("ACTIVE");
        Answer viewerWrites = post("/api/plans", viewer(), communePlan("lien-minh", 2024));
        assertThat(viewerWrites.status()).isEqualTo(403);
        assertThat(viewerWrites.code()).isEqualTo("forbidden");
        assertThat(post("/api/plans/" + LIEN_MINH_PLAN + "/close", viewer(), null).status()).isEqualTo(403);
    }

    @Test
    void theProvinceViewerReadsEverythingBelowItsProvince() throws Exception {
        assertThat(get("/api/plans/" + LIEN_MINH_PLAN, viewer()).status()).isEqualTo(200);
        assertThat(get("/api/plans/" + DISTRICT_PLAN, viewer()).status()).isEqualTo(200);
        assertThat(get("/api/plans?year=2022&size=200", viewer()).body().get("total").asLong()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void anotherCommunesPlanIs404ForReadAndWrite() throws Exception {
        Answer read = get("/api/plans/" + LIEN_MINH_PLAN, tungChau());
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.code()).isEqualTo("not-found");
        assertThat(put("/api/plans/" + LIEN_MINH_PLAN, tungChau(), communePlan("lien-minh", 2022)).status()).isEqualTo(404);
        assertThat(post("/api/plans/" + LIEN_MINH_PLAN + "/close", tungChau(), null).status()).isEqualTo(404);
        assertThat(post("/api/plans/" + LIEN_MINH_PLAN + "/amendments", tungChau(),
                json.createObjectNode().put("reason", "thử")).status()).isEqualTo(404);
        assertThat(get("/api/plans/" + LIEN_MINH_PLAN + "/versions", tungChau()).status()).isEqualTo(404);
        // a commune does not see the district's plan either, and cannot create one for another commune
        assertThat(get("/api/plans/" + DISTRICT_PLAN, lienMinh()).status()).isEqualTo(404);
        assertThat(post("/api/plans", tungChau(), communePlan("lien-minh", 2024)).code()).isEqualTo("unknown-org-unit");
        // lists only show what is in scope
        assertThat(get("/api/plans?orgUnit=lien-minh", tungChau()).body().get("total").asLong()).isZero();
    }

    @Test
    void theDistrictOfficerWorksOnItsDistrictAndItsCommunes() throws Exception {
        assertThat(get("/api/plans/" + LIEN_MINH_PLAN, district()).status()).isEqualTo(200);
        String id = create(communePlan("an-dung", 2024), district());
        assertThat(issue(id, district(), "2024-03-01", null).status()).isEqualTo(200);
        String other = TestTokensCommune.anDung();
        assertThat(get("/api/plans/" + id, other).status()).isEqualTo(200);
    }

    @Test
    void orgUnitsAreReadWithinScopeAndAbove() throws Exception {
        Answer own = get("/api/org-units/lien-minh", lienMinh());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("name").asString()).isEqualTo("Xã Liên Minh");
        assertThat(own.body().get("level").asString()).isEqualTo("COMMUNE");
        assertThat(own.body().get("parentCode").asString()).isEqualTo("duc-tho");
        assertThat(own.body().get("path").toString()).isEqualTo("[\"ha-tinh\",\"duc-tho\",\"lien-minh\"]");
        assertThat(own.body().get("units").toString()).contains("van-hoa-thong-tin", "Văn hóa – Thông tin", "mttq-doan-the");
        assertThat(get("/api/org-units/duc-tho", lienMinh()).status()).isEqualTo(200);
        assertThat(get("/api/org-units/tung-chau", lienMinh()).status()).isEqualTo(404);
        Answer children = get("/api/org-units/duc-tho/children", district());
        assertThat(children.body().size()).isEqualTo(7);
        assertThat(get("/api/org-units/duc-tho/children", lienMinh()).body().size()).isEqualTo(1);
    }

    static final class TestTokensCommune {
        static String anDung() {
            return vn.loa.testsupport.TestTokens.bearer("andung.vhtt", "COMMUNE_OFFICER", "an-dung");
        }
    }
}
