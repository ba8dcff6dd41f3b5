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
}
