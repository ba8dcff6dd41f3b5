package vn.loa.reporting.report;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.KafkaProbe;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The reporting regime (issue 19.3, 19.4): six-month and annual reports from the same tallies; the plan's
 * reportsEveryMonths decides which reports a unit owes; reports numbered NN/BC-UBND per issuer and year at
 * submission (two at once get two numbers), with the signer chosen and the plan's recipients in the document; a
 * readable history; the district's consolidated report to the province through the same workflow; a province →
 * commune tree where the province decides and closes. Calendar quarters (the default): H1 = 1 Jan – 30 Jun, due
 * for communes on 7 July 2022.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegimeIT extends ReportingIntegrationTest {

    static final List<String> DISTRICT_PATH = List.of("rg-province", "rg-district");
    static final List<String> A = List.of("rg-province", "rg-district", "rg-a");
    static final List<String> B = List.of("rg-province", "rg-district", "rg-b");
    static final List<String> C = List.of("rg-province", "rg-district", "rg-c");
    static final String OFFICER_A = TestTokens.bearer("rga.vhtt", "COMMUNE_OFFICER", "rg-a");
    static final String OFFICER_B = TestTokens.bearer("rgb.vhtt", "COMMUNE_OFFICER", "rg-b");
    static final String OFFICER_C = TestTokens.bearer("rgc.vhtt", "COMMUNE_OFFICER", "rg-c");
    static final String DISTRICT = TestTokens.bearer("rg.district", "DISTRICT_OFFICER", "rg-district");
    /** An officer of the province's department of home affairs: the level above the district. */
    static final String PROVINCE = TestTokens.bearer("rg.sonoivu", "DISTRICT_OFFICER", "rg-province");

    private static boolean seeded;

    @Test
    @Order(1)
    void sixMonthAndAnnualReportsAreTheirQuartersFiguresPutTogether() throws Exception {
        seed();
        Answer q1 = getJson("/api/reports/rg-a/2022-Q1", OFFICER_A);
        Answer q2 = getJson("/api/reports/rg-a/2022-Q2", OFFICER_A);
        Answer h1 = getJson("/api/reports/rg-a/2022-H1", OFFICER_A);
        assertThat(h1.status()).isEqualTo(200);
        assertThat(h1.<String>read("$.kind")).isEqualTo("HALF_YEAR");
        assertThat(h1.<String>read("$.from")).isEqualTo("2022-01-01");
        assertThat(h1.<String>read("$.to")).isEqualTo("2022-06-30");
        assertThat(h1.<String>read("$.dueDate")).isEqualTo("2022-07-07");
        // T1 (12 a year, 3 a quarter): 1 in Q1 and 1 in Q2, 2 of 6 in the six months.
        assertThat(q1.number("$.targets[0].planned") + q2.number("$.targets[0].planned"))
                .isEqualTo(h1.number("$.targets[0].planned")).isEqualTo(6);
        assertThat(q1.number("$.targets[0].achieved") + q2.number("$.targets[0].achieved"))
                .isEqualTo(h1.number("$.targets[0].achieved")).isEqualTo(2);
        assertThat(h1.number("$.targets[0].ratio")).isEqualTo(0.3333);
        assertThat(h1.number("$.targets[1].planned")).isEqualTo(2);
        assertThat(h1.number("$.targets[1].achieved")).isEqualTo(1);
        assertThat(h1.number("$.budget.plannedVnd")).isEqualTo(2_000_000);
        assertThat(h1.number("$.budget.spentVnd")).isEqualTo(q1.number("$.budget.spentVnd") + q2.number("$.budget.spentVnd"))
                .isEqualTo(30_000);
        assertThat(h1.<Boolean>read("$.expected")).isTrue();
        assertThat(h1.<String>read("$.regime")).isEqualTo("3 tháng/lần: quý I năm 2022, quý II năm 2022,"
                + " 6 tháng đầu năm 2022, quý III năm 2022, quý IV năm 2022, năm 2022");
        assertThat(h1.<List<String>>read("$.recipients[*].name")).containsExactly("Phòng Văn hóa và Thông tin huyện",
                "Đ/c Chủ tịch, PCT UBND xã", "VP UBND xã");

        Answer year = getJson("/api/reports/rg-a/2022", OFFICER_A);
        assertThat(year.<String>read("$.kind")).isEqualTo("YEAR");
        assertThat(year.number("$.targets[0].planned")).isEqualTo(12);
        assertThat(year.number("$.targets[0].achieved")).isEqualTo(2);
        assertThat(year.number("$.budget.plannedVnd")).isEqualTo(4_000_000);
        assertThat(getJson("/api/reports/rg-a/2022-H2", OFFICER_A).status()).isEqualTo(400);

        // Every 3 months is every quarter (API.md) and, besides, H1 and the year; every 6 months is H1 and the year:
        // no quarterly report to send.
        assertThat(getJson("/api/reports/rg-a/2022-Q2", OFFICER_A).<Boolean>read("$.expected")).isTrue();
        Answer notOwed = postIfMatch("/api/reports/rg-b/2022-Q2/submit", null, OFFICER_B);
        assertThat(notOwed.status()).isEqualTo(422);
        assertThat(notOwed.<String>read("$.code")).isEqualTo("report-not-owed");
        assertThat(notOwed.<String>read("$.detail")).contains("6 tháng/lần");
        // No plan, no report.
        assertThat(postIfMatch("/api/reports/rg-b/2022-Q1/submit", null, OFFICER_B).status()).isEqualTo(422);
        Answer noPlan = postIfMatch("/api/reports/rg-c/2022-H1/submit", null, OFFICER_C);
        assertThat(noPlan.<String>read("$.code")).isEqualTo("report-not-owed");
        assertThat(noPlan.<String>read("$.reason")).isEqualTo("NO_PLAN");
    }

    @Test
    @Order(2)
    void reportsAreNumberedAtSubmissionSignedAsChosenAndTheirHistoryIsReadable() throws Exception {
        seed();
        // The signer's fields are bounded (400 naming the field and the limit), the form is TM, KT or Q.
        Answer tooLong = postIfMatch("/api/reports/rg-a/2022-H1/submit",
                "{\"signer\":{\"form\":\"KT\",\"title\":\"Phó Chủ tịch\",\"name\":\"" + "Nguyễn".repeat(17) + "\"}}", OFFICER_A);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.<String>read("$.code")).isEqualTo("validation-failed");
        assertThat(tooLong.<List<String>>read("$.errors[*].field")).containsExactly("signer.name");
        assertThat(tooLong.<List<String>>read("$.errors[*].message").get(0)).contains("100");
        assertThat(postIfMatch("/api/reports/rg-a/2022-H1/submit", "{\"signer\":{\"form\":\"TL\"}}", OFFICER_A).status())
                .isEqualTo(400);

        // Two submissions of one issuer at the same moment: two numbers, never the same.
        List<Callable<Answer>> both = List.of(
                () -> postIfMatch("/api/reports/rg-a/2022-Q1/submit", null, OFFICER_A),
                () -> postIfMatch("/api/reports/rg-a/2022-H1/submit",
                        "{\"signer\":{\"form\":\"KT\",\"title\":\"Phó Chủ tịch\",\"name\":\"Trần Văn Bình\"}}", OFFICER_A));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> numbers = new ArrayList<>();
        try {
            for (Future<Answer> f : pool.invokeAll(both)) {
                assertThat(f.get().status()).isEqualTo(200);
                numbers.add(f.get().read("$.documentNumber"));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(numbers).containsExactlyInAnyOrder("01/BC-UBND", "02/BC-UBND");
        Answer submitted = getJson("/api/reports/rg-a/2022-H1", OFFICER_A);
        assertThat(submitted.<String>read("$.signer.form")).isEqualTo("KT");
        assertThat(submitted.<String>read("$.signer.name")).isEqualTo("Trần Văn Bình");
        assertThat(submitted.<String>read("$.reportsTo")).isEqualTo("rg-district");

        // Returned, resubmitted: a new document with a new number; approved.
        assertThat(postIfMatch("/api/reports/rg-a/2022-H1/return", "{\"reason\":\"Bổ sung kinh phí đã sử dụng 6 tháng\"}",
                DISTRICT).status()).isEqualTo(200);
        Answer again = postIfMatch("/api/reports/rg-a/2022-H1/submit",
                "{\"signer\":{\"form\":\"KT\",\"title\":\"Phó Chủ tịch\",\"name\":\"Trần Văn Bình\"}}", OFFICER_A);
        assertThat(again.<String>read("$.documentNumber")).isEqualTo("03/BC-UBND");
        assertThat(postIfMatch("/api/reports/rg-a/2022-H1/approve", null, DISTRICT).status()).isEqualTo(200);
        // Another issuer counts on its own: Xã B's first report is its 01.
        assertThat(postIfMatch("/api/reports/rg-b/2022-H1/submit", null, OFFICER_B).<String>read("$.documentNumber"))
                .isEqualTo("01/BC-UBND");

        Answer history = getJson("/api/reports/rg-a/2022-H1/history", OFFICER_A);
        assertThat(history.<List<String>>read("$[*].action")).containsExactly("NARRATIVE", "SUBMIT", "RETURN", "SUBMIT",
                "APPROVE");
        assertThat(history.<List<String>>read("$[?(@.action == 'SUBMIT')].documentNumber")).hasSize(2).contains("03/BC-UBND");
        assertThat(history.<List<String>>read("$[?(@.action == 'RETURN')].reason"))
                .containsExactly("Bổ sung kinh phí đã sử dụng 6 tháng");
        assertThat(history.<List<String>>read("$[?(@.action == 'SUBMIT')].signer"))
                .containsOnly("KT. Chủ tịch / Phó Chủ tịch / Trần Văn Bình");
        assertThat(getJson("/api/reports/rg-a/2022-H1/history", OFFICER_B).status()).isEqualTo(404);

        // The document: number, the deputy's three lines, the plan's recipients.
        var pdf = mvc.perform(get("/api/reports/rg-a/2022-H1/export?format=pdf").header("Authorization", OFFICER_A))
                .andReturn().getResponse();
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.getContentAsByteArray())) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Số: 03/BC-UBND", "Kết quả công tác tuyên truyền cải cách hành chính 6 tháng đầu năm 2022",
                "Phòng Văn hóa và Thông tin huyện (b/c);", "Đ/c Chủ tịch, PCT UBND xã;", "Lưu: VP UBND xã.");
        assertThat(text).containsSubsequence("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình");

        // The events carry the number and the level the report went to, as the contract says.
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = KafkaProbe.records(bootstrap, Topics.REPORT_EVENTS, "rg-a");
            assertThat(records).extracting(r -> JsonPath.<String>read(r.value(), "$.data.documentNumber"))
                    .contains("03/BC-UBND");
            records.forEach(r -> EventContracts.assertValid(JsonPath.read(r.value(), "$.type"), r.value()));
        });
    }

    @Test
    @Order(3)
    void expectedReportsAreThoseOfUnitsWithAPlanAndTheQuarterCountsTheReportDueAtItsEnd() throws Exception {
        seed();
        Answer q1 = getJson("/api/dashboards/rg-district?period=2022-Q1", DISTRICT);
        assertThat(q1.number("$.reportsExpected")).isEqualTo(1); // rg-a's Q1; rg-b reports every 6 months
        assertThat(q1.<List<String>>read("$.notExpected[*].code")).containsExactly("rg-b", "rg-c");
        assertThat(q1.<List<String>>read("$.notExpected[*].reason")).containsExactly("NOT_IN_REGIME", "NO_PLAN");
        Answer q2 = getJson("/api/dashboards/rg-district?period=2022-Q2", DISTRICT);
        assertThat(q2.number("$.reportsExpected")).isEqualTo(2);
        // rg-a's own Q2 report (a 3-monthly unit reports every quarter), rg-b's six-month one
        assertThat(q2.<List<String>>read("$.children[?(@.code == 'rg-a')].reportPeriod")).containsExactly("2022-Q2");
        assertThat(q2.<List<String>>read("$.children[?(@.code == 'rg-b')].reportPeriod")).containsExactly("2022-H1");
        // the year counts what its quarters count: rg-a's four quarterly reports, rg-b's six-month and annual ones
        assertThat(getJson("/api/dashboards/rg-district?year=2022", DISTRICT).number("$.reportsExpected")).isEqualTo(6);
    }

    @Test
    @Order(4)
    void theDistrictsConsolidatedReportGoesToTheProvinceThroughTheSameWorkflow() throws Exception {
        seed();
        String url = "/api/reports/rg-district/2022-H1";
        Answer draft = getJson(url, DISTRICT);
        assertThat(draft.status()).isEqualTo(200);
        assertThat(draft.<List<String>>read("$.children[*].code")).containsExactly("rg-a", "rg-b", "rg-c");
        assertThat(draft.<List<Boolean>>read("$.children[*].expected")).containsExactly(true, true, false);
        // The district's targets, with its communes' rolled up under them (parentTargetCode): 6 + 4 planned.
        assertThat(draft.<List<String>>read("$.targets[*].code")).containsExactly("D1", "D2");
        assertThat(draft.number("$.targets[0].planned")).isEqualTo(10);
        assertThat(draft.number("$.targets[0].achieved")).isEqualTo(4);
        assertThat(draft.number("$.targets[1].planned")).isEqualTo(2);
        assertThat(draft.<String>read("$.reportsTo")).isEqualTo("rg-province");

        String narrative = """
                {"results":"Các xã duy trì chuyên mục cải cách hành chính trên truyền thanh cơ sở.",
                 "shortcomings":"Xã C chưa ban hành kế hoạch.", "nextSteps":"Đôn đốc xã C ban hành kế hoạch."}""";
        assertThat(putIfMatch(url + "/narrative", narrative, OFFICER_A).status()).isEqualTo(404); // not its scope
        assertThat(putIfMatch(url + "/narrative", narrative, DISTRICT).status()).isEqualTo(200);
        Answer submitted = postIfMatch(url + "/submit", null, DISTRICT);
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.<String>read("$.documentNumber")).isEqualTo("01/BC-UBND");
        // The district does not approve its own report; the province does.
        assertThat(postIfMatch(url + "/approve", null, DISTRICT).status()).isEqualTo(403);
        assertThat(getJson(url, TestTokens.bearer("x.sonoivu", "DISTRICT_OFFICER", "other-province")).status())
                .isEqualTo(404);
        Answer approved = postIfMatch(url + "/approve", null, PROVINCE);
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.<String>read("$.status")).isEqualTo("APPROVED");
        assertThat(approved.<List<String>>read("$.children[?(@.code == 'rg-a')].status")).containsExactly("APPROVED");
    }

    @Test
    @Order(5)
    void inAProvinceToCommuneTreeTheProvinceDecidesAndClosesTheQuarter() throws Exception {
        clock.setLocal("2022-04-05T10:00");
        var ev = events();
        List<String> path = List.of("rg2-province", "rg2-x");
        ev.orgUnit("rg2-province", "Tỉnh Hai Cấp", "PROVINCE", "rg2-province");
        ev.orgUnit("rg2-x", "Xã Hai Cấp", "COMMUNE", path.toArray(String[]::new));
        UUID plan = UUID.randomUUID();
        ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1, "rg2-x", path, 2022,
                List.of(Plans.target("T1", "Phát thanh chuyên mục CCHC", "COUNT", 12, null, "RADIO", "van-hoa-thong-tin")),
                List.of("RADIO"), 1_000_000));
        String officer = TestTokens.bearer("rg2x.vhtt", "COMMUNE_OFFICER", "rg2-x");
        String province = TestTokens.bearer("rg2.sonoivu", "DISTRICT_OFFICER", "rg2-province");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> getJson("/api/reports/rg2-x/2022-Q1", officer).<Boolean>read("$.expected"));
        Answer submitted = postIfMatch("/api/reports/rg2-x/2022-Q1/submit", null, officer);
        assertThat(submitted.<String>read("$.reportsTo")).isEqualTo("rg2-province");
        assertThat(postIfMatch("/api/reports/rg2-x/2022-Q1/approve", null, province).<String>read("$.status"))
                .isEqualTo("APPROVED");
        assertThat(postJson("/api/periods/rg2-province/2022-Q1/close", null, province).status()).isEqualTo(200);
        assertThat(getJson("/api/periods/rg2-x/2022-Q1", officer).<String>read("$.status")).isEqualTo("CLOSED");
        assertThat(postJson("/api/periods/rg2-province/2022-H1/close", null, province).status()).isEqualTo(400);
    }

    private synchronized void seed() throws Exception {
        if (seeded) {
            return;
        }
        var ev = events();
        ev.orgUnit("rg-province", "Tỉnh Quy Chế", "PROVINCE", "rg-province");
        ev.orgUnit("rg-district", "Huyện Chế Độ", "DISTRICT", DISTRICT_PATH.toArray(String[]::new));
        ev.orgUnit("rg-a", "Xã Quy Chế A", "COMMUNE", A.toArray(String[]::new));
        ev.orgUnit("rg-b", "Xã Quy Chế B", "COMMUNE", B.toArray(String[]::new));
        ev.orgUnit("rg-c", "Xã Quy Chế C", "COMMUNE", C.toArray(String[]::new));

        UUID district = UUID.randomUUID();
        Map<String, Object> dp = Plans.plan(district, 1, "rg-district", DISTRICT_PATH, 2022, List.of(
                Plans.target("D1", "Truyền thanh chuyên mục CCHC ở các xã", "COUNT", 24, List.of(6, 6, 6, 6), "RADIO", "phong-vhtt"),
                Plans.target("D2", "Tin bài CCHC trên trang thông tin điện tử", "COUNT", 8, List.of(2, 2, 2, 2), "WEBSITE",
                        "phong-vhtt")), List.of("RADIO", "WEBSITE"), 30_000_000);
        dp.put("orgUnitLevel", "DISTRICT");
        ev.send(Topics.PLAN_EVENTS, district.toString(), "plan-issued", district.toString(), dp);

        UUID planA = UUID.randomUUID();
        Map<String, Object> t1 = Plans.target("T1", "Phát thanh chuyên mục CCHC", "COUNT", 12, List.of(3, 3, 3, 3), "RADIO",
                "van-hoa-thong-tin");
        t1.put("parentTargetCode", "D1");
        Map<String, Object> t2 = Plans.target("T2", "Đăng tin bài CCHC", "COUNT", 4, List.of(1, 1, 1, 1), "WEBSITE",
                "van-hoa-thong-tin");
        t2.put("parentTargetCode", "D2");
        Map<String, Object> pa = Plans.plan(planA, 1, "rg-a", A, 2022, List.of(t1, t2), List.of("RADIO", "WEBSITE"),
                4_000_000);
        pa.put("recipients", List.of(Map.of("name", "Phòng Văn hóa và Thông tin huyện", "purpose", "b/c"),
                Map.of("name", "Đ/c Chủ tịch, PCT UBND xã", "purpose", ""),
                Map.of("name", "VP UBND xã", "purpose", "Lưu")));
        EventContracts.assertValidData("plan-issued", json.writeValueAsString(pa));
        ev.send(Topics.PLAN_EVENTS, planA.toString(), "plan-issued", planA.toString(), pa);

        UUID planB = UUID.randomUUID();
        Map<String, Object> tb = Plans.target("T1", "Phát thanh chuyên mục CCHC", "COUNT", 8, List.of(2, 2, 2, 2), "RADIO",
                "van-hoa-thong-tin");
        tb.put("parentTargetCode", "D1");
        Map<String, Object> pb = Plans.plan(planB, 1, "rg-b", B, 2022, List.of(tb), List.of("RADIO"), 2_000_000);
        // Xã B reports every six months.
        pb.put("assignments", List.of(Map.of("unit", "van-hoa-thong-tin", "unitName", "Văn hóa – Thông tin", "role", "LEAD",
                "duties", "Tham mưu, báo cáo định kỳ 6 tháng", "reportsEveryMonths", 6)));
        ev.send(Topics.PLAN_EVENTS, planB.toString(), "plan-issued", planB.toString(), pb);

        complete(planA, A, "RADIO", "T1", "2022-02-10", 1, 100L, 10_000L);
        complete(planA, A, "RADIO", "T1", "2022-05-12", 1, 200L, 20_000L);
        complete(planA, A, "WEBSITE", "T2", "2022-05-20", 1, 50L, null);
        complete(planB, B, "RADIO", "T1", "2022-03-03", 2, 300L, 30_000L);
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() ->
                getJson("/api/reports/rg-a/2022-H1", OFFICER_A).number("$.targets[1].achieved") == 1
                        && getJson("/api/reports/rg-b/2022-H1", OFFICER_B).number("$.targets[0].achieved") == 2
                        && getJson("/api/reports/rg-district/2022-H1", DISTRICT).<List<String>>read("$.targets[*].code")
                        .contains("D1"));
        clock.setLocal("2022-07-04T09:00");
        assertThat(putIfMatch("/api/reports/rg-a/2022-H1/narrative", """
                {"results":"Duy trì chuyên mục CCHC hằng tháng trên loa truyền thanh.",
                 "shortcomings":"Tin bài trên trang thông tin điện tử còn ít.",
                 "nextSteps":"Sáu tháng cuối năm tăng tin bài về dịch vụ công trực tuyến."}""", OFFICER_A).status())
                .isEqualTo(200);
        seeded = true;
    }

    private void complete(UUID plan, List<String> path, String channel, String target, String on, int quantity, Long reach,
                          Long cost) {
        Activity a = Activity.of(plan, path, channel, List.of(target), "van-hoa-thong-tin", List.of(), on);
        events().send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", a.id().toString(),
                a.completed(on, quantity, reach, cost));
    }
}
