package vn.loa.planning.plan;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import vn.loa.planning.PlanServiceITBase;

import static org.assertj.core.api.Assertions.assertThat;

class PlanLifecycleIT extends PlanServiceITBase {

    @Test
    void aDraftIsEditedIssuedAmendedAndClosedWithEveryVersionKept() throws Exception {
        ObjectNode body = communePlan("lien-minh", 2024);
        Answer created = post("/api/plans", lienMinh(), body);
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/plans/" + id);
        assertThat(created.body().get("status").asString()).isEqualTo("DRAFT");
        String etag = created.header("ETag");
        assertThat(etag).isNotBlank();

        // drafts are edited freely, with If-Match honoured
        body.put("title", "Tuyên truyền cải cách hành chính xã Liên Minh năm 2024");
        Answer stale = put("/api/plans/" + id, lienMinh(), body, "If-Match", "\"999\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("version-conflict");
        Answer edited = put("/api/plans/" + id, lienMinh(), body, "If-Match", etag);
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().get("title").asString()).isEqualTo("Tuyên truyền cải cách hành chính xã Liên Minh năm 2024");
        assertThat(edited.header("ETag")).isNotEqualTo(etag);

        Answer issued = issue(id, lienMinh(), "2024-02-01", null);
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.body().get("status").asString()).isEqualTo("ISSUED");
        assertThat(issued.body().get("version").asInt()).isEqualTo(1);
        assertThat(issued.body().get("documentNumber").asString()).matches("\\d{2,}/KH-UBND");
        assertThat(issued.body().get("issuer").asString()).isEqualTo("UBND xã Liên Minh");

        Answer again = issue(id, lienMinh(), "2024-02-02", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("invalid-transition");

        Answer edit = edit(id, lienMinh(), body);
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.code()).isEqualTo("plan-not-editable");

        ObjectNode amendment = json.createObjectNode().put("reason", "Bổ sung chỉ tiêu theo chỉ đạo của UBND huyện");
        var targets = amendment.putArray("targets");
        ObjectNode t = targets.addObject().put("code", "CT-2").put("description", "Truyền thanh cơ sở có chuyên mục tuyên truyền về CCHC")
                .put("indicator", "COUNT").put("yearlyValue", 16).put("channel", "RADIO").put("unit", "van-hoa-thong-tin");
        t.putArray("quarterlyValues").add(4).add(4).add(4).add(4);
        Answer amended = amend(id, lienMinh(), amendment);
        assertThat(amended.status()).isEqualTo(201);
        assertThat(amended.header("Location")).isEqualTo("/api/plans/" + id + "/versions/2");
        assertThat(amended.body().get("version").asInt()).isEqualTo(2);
        assertThat(amended.body().get("targets").get(0).get("yearlyValue").asInt()).isEqualTo(16);
        // sections not in the amendment stay
        assertThat(amended.body().get("topics").get(0).get("code").asString()).isEqualTo("đ");

        Answer versions = get("/api/plans/" + id + "/versions", lienMinh());
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.body().size()).isEqualTo(2);
        assertThat(versions.body().get(0).get("kind").asString()).isEqualTo("ISSUED");
        assertThat(versions.body().get(1).get("reason").asString()).isEqualTo("Bổ sung chỉ tiêu theo chỉ đạo của UBND huyện");
        Answer v1 = get("/api/plans/" + id + "/versions/1", lienMinh());
        assertThat(v1.body().get("targets").get(0).get("yearlyValue").asInt()).isEqualTo(12);
        Answer v2 = get("/api/plans/" + id + "/versions/2", lienMinh());
        assertThat(v2.body().get("targets").get(0).get("yearlyValue").asInt()).isEqualTo(16);
        assertThat(get("/api/plans/" + id + "/versions/3", lienMinh()).status()).isEqualTo(404);

        Answer closed = close(id, lienMinh());
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().get("status").asString()).isEqualTo("CLOSED");
        assertThat(amend(id, lienMinh(), amendment).code()).isEqualTo("invalid-transition");
        assertThat(close(id, lienMinh()).code()).isEqualTo("invalid-transition");
    }

    @Test
    void aDraftCannotBeClosedOrAmended() throws Exception {
        String id = create(communePlan("lien-minh", 2024), lienMinh());
        assertThat(close(id, lienMinh()).code()).isEqualTo("invalid-transition");
        ObjectNode amendment = json.createObjectNode().put("reason", "x");
        assertThat(amend(id, lienMinh(), amendment).code()).isEqualTo("invalid-transition");
    }

    @Test
    void everyChangeNeedsIfMatchWith428WhenMissingAnd412WhenStale() throws Exception {
        ObjectNode body = communePlan("lien-minh", 2024);
        Answer created = post("/api/plans", lienMinh(), body);
        String id = created.body().get("id").asString();
        String etag = created.header("ETag");
        ObjectNode issueBody = json.createObjectNode().put("issuedOn", "2024-03-01");
        ObjectNode amendment = json.createObjectNode().put("reason", "Điều chỉnh chỉ tiêu");

        for (Answer missing : java.util.List.of(put("/api/plans/" + id, lienMinh(), body),
                post("/api/plans/" + id + "/issue", lienMinh(), issueBody))) {
            assertThat(missing.status()).isEqualTo(428);
            assertThat(missing.code()).isEqualTo("precondition-required");
            assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        }
        // another officer's change in between: the first one's ETag is stale
        Answer first = put("/api/plans/" + id, lienMinh(), body.put("title", "Bản sửa thứ nhất"), "If-Match", etag);
        assertThat(first.status()).isEqualTo(200);
        Answer second = put("/api/plans/" + id, lienMinh(), body.put("title", "Bản sửa thứ hai"), "If-Match", etag);
        assertThat(second.status()).isEqualTo(412);
        assertThat(second.code()).isEqualTo("version-conflict");
        assertThat(get("/api/plans/" + id, lienMinh()).body().get("title").asString()).isEqualTo("Bản sửa thứ nhất");
        assertThat(post("/api/plans/" + id + "/issue", lienMinh(), issueBody, "If-Match", etag).status()).isEqualTo(412);

        String current = first.header("ETag");
        Answer issued = post("/api/plans/" + id + "/issue", lienMinh(), issueBody, "If-Match", "W/" + current);
        assertThat(issued.status()).as(issued.raw()).isEqualTo(200);
        assertThat(post("/api/plans/" + id + "/amendments", lienMinh(), amendment).status()).isEqualTo(428);
        assertThat(post("/api/plans/" + id + "/amendments", lienMinh(), amendment, "If-Match", current).status()).isEqualTo(412);
        Answer amended = post("/api/plans/" + id + "/amendments", lienMinh(), amendment, "If-Match", issued.header("ETag"));
        assertThat(amended.status()).isEqualTo(201);
        assertThat(post("/api/plans/" + id + "/close", lienMinh(), null).status()).isEqualTo(428);
        assertThat(post("/api/plans/" + id + "/close", lienMinh(), null, "If-Match", issued.header("ETag")).status()).isEqualTo(412);
        assertThat(post("/api/plans/" + id + "/close", lienMinh(), null, "If-Match", amended.header("ETag")).status()).isEqualTo(200);
        // two versions: nothing was lost, nothing written twice
        assertThat(get("/api/plans/" + id + "/versions", lienMinh()).body().size()).isEqualTo(2);
    }

    @Test
    void vietnameseTextRoundTripsExactly() throws Exception {
        ObjectNode body = communePlan("lien-minh", 2024);
        String title = "Kế hoạch tuyên truyền CCHC: “Ủy ban MTTQ”, Đức Thọ, Tùng Ảnh, Yên Hồ — ưu tiên dịch vụ bưu chính công ích";
        body.put("title", title);
        String id = create(body, lienMinh());
        Answer read = get("/api/plans/" + id, lienMinh());
        assertThat(read.body().get("title").asString()).isEqualTo(title);
        assertThat(read.body().get("topics").get(0).get("title").asString())
                .isEqualTo("Tuyên truyền kết quả thực hiện phong trào thi đua “Cán bộ, công chức, viên chức Hà Tĩnh thi đua thực hiện văn hoá công sở”");
        assertThat(read.raw()).contains("Ủy ban MTTQ và các tổ chức đoàn thể; Bưu điện xã");

        // decomposed input is stored in NFC
        body.put("title", java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFD));
        String nfd = create(body, lienMinh());
        assertThat(get("/api/plans/" + nfd, lienMinh()).body().get("title").asString()).isEqualTo(title);
    }

    @Test
    void listsFilterByOrgUnitYearAndStatus() throws Exception {
        Answer list = get("/api/plans?orgUnit=lien-minh&year=2022&status=ISSUED", lienMinh());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("total").asLong()).isEqualTo(1);
        assertThat(list.body().get("items").get(0).get("id").asString()).isEqualTo(LIEN_MINH_PLAN);
        assertThat(list.body().get("page").asInt()).isZero();
        assertThat(list.body().get("size").asInt()).isEqualTo(50);
    }
}
