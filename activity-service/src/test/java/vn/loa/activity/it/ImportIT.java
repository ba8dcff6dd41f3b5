package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV and XLSX imports: optional columns, previews, the row limit, the template. */
class ImportIT extends IntegrationTestSupport {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    Http.Response importCsv(String bearer, String csv, String query) {
        return http.post("/api/activities/import" + query, bearer, csv.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/csv"));
    }

    long countOf(UUID plan) {
        return jdbc.sql("SELECT count(*) FROM activity WHERE plan_id = :p").param("p", plan).query(Long.class).single();
    }


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
    void optionalColumnsMayBeLeftOutAndComeInAnyOrder() {
        UUID plan = issuedPlan("lien-minh");
        String csv = "dueDate,unit,title,channel,planId\n"
                + "2022-08-31,van-hoa-thong-tin,Chuyên mục CCHC tháng 8,RADIO," + plan + "\n"
                + "2022-09-30,noi-vu,Tập huấn dịch vụ công trực tuyến,TRAINING," + plan + "\n";
        Http.Response r = importCsv(LIEN_MINH_OFFICER, csv, "");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(r.json().get("refused")).isEmpty();
        assertThat(jdbc.sql("SELECT topics, coordinating_units FROM activity WHERE plan_id = :p AND channel = 'RADIO'")
                .param("p", plan).query((rs, i) -> rs.getString(1) + rs.getString(2)).single()).isEqualTo("{}{}");
    }

    @Test
    void plannedCostAndBudgetSourceAreImportedAndAnUnknownColumnIsRefused() {
        UUID plan = issuedPlan("lien-minh");
        String csv = "planId,title,channel,unit,dueDate,plannedCostVnd,budgetSource\n"
                + plan + ",Pano tuyên truyền,PANEL_POSTER,van-hoa-thong-tin,2022-09-30,4500000,COMMUNE\n"
                + plan + ",Pano thứ hai,PANEL_POSTER,van-hoa-thong-tin,2022-09-30,12.5,XA\n";
        Http.Response r = importCsv(LIEN_MINH_OFFICER, csv, "");
        assertThat(r.json().get("accepted").asInt()).as(r.toString()).isEqualTo(1);
        assertThat(r.json().get("refused").get(0).get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactly("plannedCostVnd");
        assertThat(jdbc.sql("SELECT planned_cost_vnd || ' ' || budget_source FROM activity WHERE plan_id = :p")
                .param("p", plan).query(String.class).single()).isEqualTo("4500000 COMMUNE");

        Http.Response typo = importCsv(LIEN_MINH_OFFICER, "planId,title,channel,unit,dueDate,topic\n", "");
        assertProblem(typo, 400, "validation-failed");
        assertThat(typo.body()).contains("cột không xác định [topic]");
    }

    @Test
    void aPreviewChecksEveryRowAndKeepsNothing() {
        UUID plan = issuedPlan("lien-minh");
        String csv = "planId,title,channel,unit,dueDate\n"
                + plan + ",Chuyên mục tháng 10,RADIO,van-hoa-thong-tin,2022-10-31\n"
                + plan + ",Chuyên mục tháng 11,TELEVISION,van-hoa-thong-tin,2022-11-30\n";
        Http.Response r = importCsv(LIEN_MINH_OFFICER, csv, "?dryRun=true");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("dryRun").asBoolean()).isTrue();
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().get("refused").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(r.json().get("activityIds")).isEmpty();
        assertThat(countOf(plan)).isZero();
    }

    @Test
    void aViewerMayNotImport() {
        assertProblem(importCsv(PROVINCE_VIEWER, "planId,title,channel,unit,dueDate\n", ""), 403, "forbidden");
    }

    @Test
    void aFileOverTheRowLimitIsRefusedWholeWithoutReadingTheRest() {
        UUID plan = issuedPlan("lien-minh");
        StringBuilder csv = new StringBuilder("planId,title,channel,unit,dueDate\n");
        for (int i = 0; i < 5_001; i++) {
            csv.append(plan).append(",Tin số ").append(i).append(",WEBSITE,van-hoa-thong-tin,2022-12-31\n");
        }
        // What follows the limit is not even CSV: had it been read, the answer would say so.
        csv.append("\"never closed,,,\n");
        Http.Response r = importCsv(LIEN_MINH_OFFICER, csv.toString(), "");
        assertProblem(r, 400, "too-many-rows");
        assertThat(r.json().get("limit").asInt()).isEqualTo(5_000);
        assertThat(countOf(plan)).isZero();
    }

    @Test
    void anXlsxFileWithTheSameColumnsIsImportedDatesAndNumbersAsTheSpreadsheetHasThem() throws Exception {
        UUID plan = issuedPlan("lien-minh");
        byte[] xlsx;
        try (XSSFWorkbook book = new XSSFWorkbook(); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Hoạt động");
            String[] header = {"planId", "title", "channel", "targetCodes", "unit", "dueDate", "plannedQuantity", "plannedCostVnd"};
            Row head = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                head.createCell(c).setCellValue(header[c]);
            }
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("#,##0"));
            Row first = sheet.createRow(1);
            first.createCell(0).setCellValue(plan.toString());
            first.createCell(1).setCellValue("Tin bài: “Dịch vụ công trực tuyến” – xã Liên Minh");
            first.createCell(2).setCellValue("WEBSITE");
            first.createCell(3).setCellValue("CT-WEB");
            first.createCell(4).setCellValue("van-hoa-thong-tin");
            Cell due = first.createCell(5);
            due.setCellValue(java.time.LocalDate.of(2022, 10, 15));
            due.setCellStyle(date);
            first.createCell(6).setCellValue(2);
            Cell cost = first.createCell(7);
            cost.setCellValue(1_500_000);
            cost.setCellStyle(money);
            sheet.createRow(2); // an empty row is skipped
            Row second = sheet.createRow(3);
            second.createCell(0).setCellValue(plan.toString());
            second.createCell(1).setCellValue("Hạn sai");
            second.createCell(2).setCellValue("RADIO");
            second.createCell(4).setCellValue("van-hoa-thong-tin");
            second.createCell(5).setCellValue("15.10.2022");
            book.write(out);
            xlsx = out.toByteArray();
        }
        Http.Response r = http.post("/api/activities/import", LIEN_MINH_OFFICER, xlsx, Map.of("Content-Type", XLSX));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().get("refused").get(0).get("row").asInt()).isEqualTo(4);
        assertThat(r.json().get("refused").get(0).get("errors").get(0).get("field").asString()).isEqualTo("dueDate");
        Map<String, Object> row = jdbc.sql("SELECT title, due_date::text AS due, planned_quantity::text AS q, planned_cost_vnd"
                + " FROM activity WHERE plan_id = :p").param("p", plan).query().singleRow();
        assertThat(row).containsEntry("title", "Tin bài: “Dịch vụ công trực tuyến” – xã Liên Minh")
                .containsEntry("due", "2022-10-15").containsEntry("q", "2").containsEntry("planned_cost_vnd", 1_500_000L);
    }

    @Test
    void aZipBombIsRefusedWithoutInflatingIt() throws Exception {
        // A real workbook whose sheet is 200 MB of blanks inside its XML: about 200 KB zipped, past POI's
        // inflation ratio (ZipSecureFile), so the read stops at the first megabytes.
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            book.createSheet("Hoạt động").createRow(0).createCell(0).setCellValue("planId");
            book.write(out);
            workbook = out.toByteArray();
        }
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(workbook));
             java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bomb)) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                if (!e.getName().equals("xl/worksheets/sheet1.xml")) {
                    in.transferTo(zip);
                    continue;
                }
                zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                        + "spreadsheetml/2006/main\"><sheetData>").getBytes(StandardCharsets.UTF_8));
                byte[] blanks = new byte[1 << 20];
                java.util.Arrays.fill(blanks, (byte) ' ');
                for (int i = 0; i < 200; i++) {
                    zip.write(blanks);
                }
                zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(bomb.size()).isLessThan(2 * 1024 * 1024);
        Http.Response r = http.post("/api/activities/import", LIEN_MINH_OFFICER, bomb.toByteArray(), Map.of("Content-Type", XLSX));
        assertProblem(r, 400, "validation-failed");
        assertThat(r.body()).containsIgnoringCase("zip bomb");
    }

    @Test
    void theTemplateHasEveryColumnAndFromAPlanAnExampleRowThatImportsAsItIs() throws Exception {
        UUID plan = issuedPlan("lien-minh");
        Http.Response csv = http.get("/api/activities/import/template?format=csv&planId=" + plan, LIEN_MINH_OFFICER);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFFplanId,title,channel,topics,targetCodes,unit,coordinatingUnits,dueDate,"
                + "plannedQuantity,plannedCostVnd,budgetSource");
        assertThat(lines[1]).startsWith(plan + ",");
        Http.Response imported = importCsv(LIEN_MINH_OFFICER, csv.body(), "?dryRun=true");
        assertThat(imported.json().get("accepted").asInt()).as(imported.toString()).isEqualTo(1);

        Http.Response xlsx = http.getBytes("/api/activities/import/template?format=xlsx&planId=" + plan, LIEN_MINH_OFFICER);
        assertThat(xlsx.status()).isEqualTo(200);
        Http.Response again = http.post("/api/activities/import?dryRun=true", LIEN_MINH_OFFICER, xlsx.bytes(),
                Map.of("Content-Type", XLSX));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("accepted").asInt()).isEqualTo(1);
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.bytes()))) {
            assertThat(book.getSheetAt(1).getRow(1).getCell(0).getStringCellValue()).isEqualTo("planId");
        }
        assertProblem(http.get("/api/activities/import/template?format=pdf", LIEN_MINH_OFFICER), 400, "validation-failed");
    }

    @Test
    void importedCellsThatWereNeutralisedAgainstFormulasKeepTheirText() {
        UUID plan = issuedPlan("lien-minh");
        String csv = "planId,title,channel,unit,dueDate\n" + plan + ",'=Tin bài “CCHC”,WEBSITE,van-hoa-thong-tin,2022-11-30\n";
        assertThat(importCsv(LIEN_MINH_OFFICER, csv, "").json().get("accepted").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT title FROM activity WHERE plan_id = :p").param("p", plan).query(String.class).single())
                .isEqualTo("=Tin bài “CCHC”");
    }

    @Test
    void aFileWithoutTheColumnsIsABadRequest() {
        Http.Response r = http.post("/api/activities/import", LIEN_MINH_OFFICER,
                "title,channel\nx,RADIO\n".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/csv"));
        assertProblem(r, 400, "validation-failed");
        assertThat(r.body()).contains("planId");
    }
}
