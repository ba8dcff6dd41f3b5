package vn.loa.planning.demo;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.loa.planning.PlanServiceITBase;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataIT extends PlanServiceITBase {

    @Autowired
    DemoData demoData;

    @Autowired
    JdbcClient jdbc;

    @Test
    void lienMinhFindsItsIssuedSeedPlanWithEverySection() throws Exception {
        Answer list = get("/api/plans?orgUnit=lien-minh&year=2022", lienMinh());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("total").asLong()).isEqualTo(1);
        JsonNode p = list.body().get("items").get(0);
        assertThat(p.get("id").asString()).isEqualTo(LIEN_MINH_PLAN);
        assertThat(p.get("status").asString()).isEqualTo("ISSUED");
        assertThat(p.get("documentNumber").asString()).isEqualTo("01/KH-UBND");
        assertThat(p.get("issuedOn").asString()).isEqualTo("2022-02-10");
        assertThat(p.get("issuer").asString()).isEqualTo("UBND xã Liên Minh");
        assertThat(p.get("parentBody").asString()).isEqualTo("UBND huyện Đức Thọ");
        assertThat(p.get("implementsDocumentNumber").asString()).isEqualTo("169/KH-UBND");
        assertThat(p.get("legalBases").size()).isEqualTo(8);
        assertThat(p.get("purposes").size()).isEqualTo(3);
        assertThat(p.get("requirements").size()).isEqualTo(4);
        assertThat(p.get("targets").size()).isEqualTo(3);
        assertThat(p.get("topics").size()).isEqualTo(7);
        assertThat(p.get("topics").get(3).get("items").size()).isEqualTo(10);
        assertThat(p.get("topics").get(4).get("code").asString()).isEqualTo("đ");
        assertThat(p.get("forms").size()).isEqualTo(5);
        assertThat(p.get("budget").size()).isEqualTo(4);
        assertThat(p.get("budgetNote").asString())
                .isEqualTo("Sử dụng trong kinh phí cải cách hành chính năm 2022 của tỉnh, huyện, xã theo phân cấp và các nguồn khác.");
        assertThat(p.get("assignments").size()).isEqualTo(6);
        assertThat(p.get("recipients").size()).isEqualTo(5);
        assertThat(p.get("purposes").get(2).asString())
                .isEqualTo("Tuyên truyền và thực hiện có hiệu quả, các phương thức hoạt động, giải quyết các thủ tục hành chính.");
        assertThat(p.get("topics").get(0).get("title").asString()).contains("râu rộng");
    }

    @Test
    void seedingAgainChangesNothingAndPublishesNothing() throws Exception {
        long plans = jdbc.sql("select count(*) from plan").query(Long.class).single();
        long versions = jdbc.sql("select count(*) from plan_version").query(Long.class).single();
        long events = jdbc.sql("select count(*) from outbox_event").query(Long.class).single();
        String etag = get("/api/plans/" + LIEN_MINH_PLAN, lienMinh()).header("ETag");
        demoData.run(new DefaultApplicationArguments());
        assertThat(jdbc.sql("select count(*) from plan").query(Long.class).single()).isEqualTo(plans);
        assertThat(jdbc.sql("select count(*) from plan_version").query(Long.class).single()).isEqualTo(versions);
        assertThat(get("/api/plans/" + LIEN_MINH_PLAN, lienMinh()).header("ETag")).isEqualTo(etag);
        assertThat(jdbc.sql("select count(*) from outbox_event").query(Long.class).single()).isEqualTo(events);
    }

    @Test
    void theSeedPlanIsExportedAsPdfAndDocx() throws Exception {
        Answer pdf = get("/api/plans/" + LIEN_MINH_PLAN + "/export?format=pdf", lienMinh());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.raw()).startsWith("%PDF-");
        Answer docx = get("/api/plans/" + LIEN_MINH_PLAN + "/export?format=docx", lienMinh());
        assertThat(docx.status()).isEqualTo(200);
        assertThat(docx.header("Content-Type")).startsWith("application/vnd.openxmlformats-officedocument");
        assertThat(get("/api/plans/" + LIEN_MINH_PLAN + "/export?format=odt", lienMinh()).code())
                .isEqualTo("unsupported-format");
        assertThat(get("/api/plans/" + LIEN_MINH_PLAN + "/export?format=pdf", tungChau()).status()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentAndTheProbesAreServed() throws Exception {
        Answer docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.raw()).contains("/api/plans/{id}/adoption");
        assertThat(get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }
}
