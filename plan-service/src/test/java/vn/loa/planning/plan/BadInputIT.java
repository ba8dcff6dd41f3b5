package vn.loa.planning.plan;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import vn.loa.planning.PlanServiceITBase;

import static org.assertj.core.api.Assertions.assertThat;

class BadInputIT extends PlanServiceITBase {

    @Test
    void missingAndInvalidFieldsAreListed() throws Exception {
        ObjectNode body = communePlan("lien-minh", 2024);
        body.remove("title");
        body.put("year", 1800);
        ((ObjectNode) body.get("targets").get(0)).remove("indicator");
        ((ObjectNode) body.get("targets").get(0)).putArray("quarterlyValues").add(1).add(2);
        Answer a = post("/api/plans", lienMinh(), body);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.header("Content-Type")).startsWith("application/problem+json");
        assertThat(a.code()).isEqualTo("validation-failed");
        assertThat(a.errorFields()).contains("title", "year", "targets[0].indicator", "targets[0].quarterlyValues");
        assertThat(a.raw()).doesNotContain("Exception").doesNotContain("at vn.loa");
    }

    @Test
    void malformedValuesAndUnknownFieldsAreRefused() throws Exception {
        ObjectNode wrongType = communePlan("lien-minh", 2024);
        wrongType.put("year", "năm nay");
        Answer a = post("/api/plans", lienMinh(), wrongType);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.code()).isEqualTo("validation-failed");
        assertThat(a.errorFields()).containsExactly("year");

        ObjectNode badEnum = communePlan("lien-minh", 2024);
        ((ObjectNode) badEnum.get("targets").get(0)).put("indicator", "MANY");
        assertThat(post("/api/plans", lienMinh(), badEnum).status()).isEqualTo(400);

        ObjectNode unknown = communePlan("lien-minh", 2024);
        unknown.put("priority", "cao");
        Answer u = post("/api/plans", lienMinh(), unknown);
        assertThat(u.status()).isEqualTo(400);
        assertThat(u.errorFields()).containsExactly("priority");

        Answer notJson = post("/api/plans", lienMinh(), "{\"orgUnit\": ");
        assertThat(notJson.status()).isEqualTo(400);

        ObjectNode badChannel = communePlan("lien-minh", 2024);
        badChannel.putArray("channels").add("TELEGRAPH");
        Answer c = post("/api/plans", lienMinh(), badChannel);
        assertThat(c.status()).isEqualTo(400);
        assertThat(c.errorFields()).containsExactly("channels[0]");
    }

    @Test
    void anUnknownOrgUnitIs422() throws Exception {
        Answer a = post("/api/plans", district(), communePlan("xa-khong-ton-tai", 2024));
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.code()).isEqualTo("unknown-org-unit");
    }

    @Test
    void anIncompletePlanCannotBeIssuedAndEveryReasonIsGiven() throws Exception {
        ObjectNode body = communePlan("lien-minh", 2024);
        body.putArray("assignments").addObject().put("unit", "noi-vu").put("role", "COORDINATE").put("duties", "Phối hợp");
        ObjectNode t = (ObjectNode) body.get("targets").get(0);
        t.put("unit", "phong-vhtt");
        t.putArray("quarterlyValues").add(3).add(3).add(3).add(2);
        String id = create(body, lienMinh());
        Answer a = issue(id, lienMinh(), "2024-02-01", null);
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.code()).isEqualTo("plan-incomplete");
        assertThat(a.errorFields()).containsExactlyInAnyOrder("assignments", "targets[0].unit", "targets[0].quarterlyValues");
        assertThat(get("/api/plans/" + id, lienMinh()).body().get("status").asString()).isEqualTo("DRAFT");

        body.putArray("targets");
        ObjectNode empty = communePlan("lien-minh", 2024);
        empty.putArray("targets");
        String noTargets = create(empty, lienMinh());
        Answer b = issue(noTargets, lienMinh(), "2024-02-01", null);
        assertThat(b.code()).isEqualTo("plan-incomplete");
        assertThat(b.errorFields()).containsExactly("targets");
    }

    @Test
    void issueNeedsADate() throws Exception {
        String id = create(communePlan("lien-minh", 2024), lienMinh());
        Answer a = post("/api/plans/" + id + "/issue", lienMinh(), json.createObjectNode());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.errorFields()).containsExactly("issuedOn");
    }

    @Test
    void anAmendmentNeedsAReason() throws Exception {
        Answer a = post("/api/plans/" + LIEN_MINH_PLAN + "/amendments", lienMinh(), json.createObjectNode().put("title", "Mới"));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.errorFields()).containsExactly("reason");
    }

    @Test
    void listsAreAtMost200AndPagesAreNotNegative() throws Exception {
        Answer big = get("/api/plans?size=201", lienMinh());
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.errorFields()).containsExactly("size");
        assertThat(get("/api/plans?size=200", lienMinh()).status()).isEqualTo(200);
        assertThat(get("/api/plans?page=-1", lienMinh()).status()).isEqualTo(400);
        assertThat(get("/api/plans?status=LOST", lienMinh()).status()).isEqualTo(400);
    }

    @Test
    void anUnknownPlanIs404() throws Exception {
        Answer a = get("/api/plans/00000000-0000-4000-8000-000000000000", lienMinh());
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.code()).isEqualTo("not-found");
        assertThat(get("/api/plans/not-a-uuid", lienMinh()).status()).isEqualTo(400);
    }

    @Test
    void problemsAreInVietnameseByDefaultAndInEnglishOnRequestWithTheSameCode() throws Exception {
        String unknown = "/api/plans/00000000-0000-4000-8000-000000000000";
        Answer vi = get(unknown, lienMinh());
        assertThat(vi.body().get("title").asString()).isEqualTo("Không tìm thấy");
        assertThat(vi.body().get("detail").asString()).isEqualTo("Không tìm thấy kế hoạch 00000000-0000-4000-8000-000000000000.");
        Answer en = call(org.springframework.http.HttpMethod.GET, unknown, lienMinh(), null, "Accept-Language", "en");
        assertThat(en.body().get("title").asString()).isEqualTo("Not found");
        assertThat(en.body().get("detail").asString()).isEqualTo("Plan 00000000-0000-4000-8000-000000000000 was not found.");
        assertThat(en.code()).isEqualTo(vi.code()).isEqualTo("not-found");
        assertThat(en.body().get("type").asString()).isEqualTo(vi.body().get("type").asString());

        // A plan the rules refuse: the reasons in the caller's language, field by field.
        ObjectNode body = communePlan("lien-minh", 2024);
        body.putArray("channels").add("TELEGRAPH");
        ((ObjectNode) body.get("targets").get(0)).putArray("quarterlyValues").add(3).add(3).add(3).add(2);
        Answer rulesVi = post("/api/plans", lienMinh(), body);
        assertThat(rulesVi.code()).isEqualTo("validation-failed");
        assertThat(rulesVi.body().get("title").asString()).isEqualTo("Dữ liệu không hợp lệ");
        assertThat(rulesVi.body().get("errors").get(0).get("message").asString())
                .isEqualTo("hình thức tuyên truyền TELEGRAPH không có trong danh mục");
        Answer rulesEn = post("/api/plans", lienMinh(), body, "Accept-Language", "en-US,en;q=0.8");
        assertThat(rulesEn.body().get("errors").get(0).get("message").asString()).isEqualTo("unknown channel TELEGRAPH");

        // Bean Validation's bounds and Spring's own refusals too.
        ObjectNode longTitle = communePlan("lien-minh", 2024).put("title", "T".repeat(1001));
        Answer bound = post("/api/plans", lienMinh(), longTitle);
        assertThat(bound.body().get("errors").get(0).get("message").asString()).isEqualTo("phải có tối đa 1.000 ký tự (hiện có 1.001)");
        Answer method = call(org.springframework.http.HttpMethod.DELETE, "/api/plans", lienMinh(), null, "Accept-Language", "vi");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.body().get("title").asString()).isEqualTo("Phương thức không được phép");

        // 401 from the security filters.
        Answer noToken = call(org.springframework.http.HttpMethod.GET, "/api/plans", null, null, "Accept-Language", "en");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.body().get("title").asString()).isEqualTo("Unauthorized");
        assertThat(get("/api/plans", null).body().get("title").asString()).isEqualTo("Chưa xác thực");
    }

    @Test
    void anIncompletePlanSaysWhatItLacksInVietnamese() throws Exception {
        ObjectNode empty = communePlan("lien-minh", 2024);
        empty.putArray("targets");
        String id = create(empty, lienMinh());
        Answer a = issue(id, lienMinh(), "2024-02-01", null);
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.body().get("title").asString()).isEqualTo("Kế hoạch chưa đầy đủ");
        assertThat(a.body().get("detail").asString())
                .isEqualTo("Chưa thể ban hành kế hoạch: targets: kế hoạch cần có ít nhất một chỉ tiêu");
    }
}
