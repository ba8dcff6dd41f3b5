package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CsvImportIT extends IntegrationTestSupport {

    @Test
    void goodRowsAreKeptAndEachBadRowSaysWhy() {
        UUID plan = issuedPlan("lien-minh");
        String csv = "\uFEFFplanId,title,channel,topics,targetCodes,unit,coordinatingUnits,dueDate,plannedQuantity\n"
                + plan + ",Chuyên mục CCHC tháng 1/2022,RADIO,a;d,CT-RADIO,van-hoa-thong-tin,noi-vu;tu-phap,2022-01-31,4\n"
                + plan + ",\"Tin bài: dịch vụ công trực tuyến mức độ 3, 4\",WEBSITE,,CT-WEB,van-hoa-thong-tin,,2022-02-28,1\n"
                + plan + ",Ngày pháp luật tháng 3,LAW_DAY,a,CT-LAW,phong-khong-co,,2022-03-15,\n"
                + plan + ",Pano,PANEL_POSTER,,,van-hoa-thong-tin,,31/03/2022,2\n"
                + UUID.randomUUID() + ",Kế hoạch không có,RADIO,,,van-hoa-thong-tin,,2022-04-30,1\n"
                + plan + ",Thiếu cột,RADIO\n"
                + plan + ",Tập huấn cán bộ,TRAINING,d,,noi-vu,van-hoa-thong-tin,2022-05-20,1\n";
        Http.Response r = http.post("/api/activities/import", LIEN_MINH_OFFICER, csv.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/csv"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("accepted").asInt()).isEqualTo(3);
        Map<Integer, List<String>> refused = new java.util.TreeMap<>();
        body.get("refused").valueStream().forEach(row -> refused.put(row.get("row").asInt(),
                row.get("errors").valueStream().map(e -> e.get("field").asString()).toList()));
        assertThat(refused).containsOnlyKeys(4, 5, 6, 7);
        assertThat(refused.get(4)).containsExactly("unit");
        assertThat(refused.get(5)).containsExactly("dueDate");
        assertThat(refused.get(6)).containsExactly("planId");
        assertThat(refused.get(7)).containsExactly("row");

        List<String> titles = jdbc.sql("SELECT title FROM activity WHERE plan_id = :p ORDER BY due_date").param("p", plan)
                .query(String.class).list();
        assertThat(titles).containsExactly("Chuyên mục CCHC tháng 1/2022", "Tin bài: dịch vụ công trực tuyến mức độ 3, 4",
                "Tập huấn cán bộ");
        assertThat(jdbc.sql("SELECT coordinating_units[2] FROM activity WHERE plan_id = :p AND channel = 'RADIO'")
                .param("p", plan).query(String.class).single()).isEqualTo("tu-phap");
    }

    @Test
    void aFileWithoutTheColumnsIsABadRequest() {
        Http.Response r = http.post("/api/activities/import", LIEN_MINH_OFFICER,
                "title,channel\nx,RADIO\n".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/csv"));
        assertProblem(r, 400, "validation-failed");
        assertThat(r.body()).contains("planId");
    }
}
