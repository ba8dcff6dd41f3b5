package vn.loa.reporting.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.Browser;
import vn.loa.reporting.support.Plans;
import vn.loa.testsupport.TestTokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard page in headless Chromium, used as a person would: served by the service itself on
 * its port, with the district of Đức Thọ and its seven communes built from events on Kafka and
 * reports submitted, approved and returned through the API. The sign-in posts to a test token
 * endpoint (the gateway's stand-in); other tests put a token in sessionStorage as the sign-in would.
 * Screenshots go to {@code target/screenshots} (or {@code -Dloa.screenshots.dir}).
 */
class DashboardPageIT extends ReportingIntegrationTest {

    static final List<String> DISTRICT_PATH = List.of("ha-tinh", "duc-tho");
    static final String DISTRICT = TestTokens.bearer("ductho.vhtt", "DISTRICT_OFFICER", "duc-tho");

    /** Code, name, then Q1: radio segments, web activities (2 posts each), meetings, postal sessions, overdue; then Q2 the same. */
    record Commune(String code, String name, int[] q1, int[] q2) {
        List<String> path() {
            return List.of("ha-tinh", "duc-tho", code);
        }

        UUID plan() {
            return UUID.nameUUIDFromBytes(("dashboard-page-plan-" + code).getBytes());
        }
    }

    static final List<Commune> COMMUNES = List.of(
            new Commune("lien-minh", "Xã Liên Minh", new int[]{3, 3, 1, 2, 0}, new int[]{2, 1, 0, 1, 0}),
            new Commune("tung-chau", "Xã Tùng Châu", new int[]{2, 2, 1, 1, 1}, new int[]{1, 1, 0, 0, 0}),
            new Commune("tung-anh", "Xã Tùng Ảnh", new int[]{3, 2, 0, 2, 1}, new int[]{1, 0, 0, 1, 0}),
            new Commune("truong-son", "Xã Trường Sơn", new int[]{1, 1, 0, 1, 2}, new int[]{0, 1, 0, 0, 1}),
            new Commune("yen-ho", "Xã Yên Hồ", new int[]{3, 3, 1, 1, 0}, new int[]{2, 2, 1, 0, 0}),
            new Commune("duc-lang", "Xã Đức Lạng", new int[]{2, 2, 1, 0, 1}, new int[]{1, 1, 0, 0, 0}),
            new Commune("an-dung", "Xã An Dũng", new int[]{1, 1, 0, 0, 3}, new int[]{0, 0, 0, 0, 1}));

    private static boolean seeded;
    private static ChromeDriver chrome;

    @LocalServerPort
    int port;

    @BeforeEach
    void seedOnceAndOpenABrowser() throws Exception {
        if (!seeded) {
            seed();
            seeded = true;
        }
        clock.setLocal("2022-07-15T10:00");
        if (chrome == null) {
            chrome = Browser.start(1280, 900);
        }
        chrome.manage().window().setSize(new Dimension(1280, 900));
        chrome.get(url("/dashboards/duc-tho"));
        chrome.executeScript("sessionStorage.clear()");
    }

    @AfterAll
    static void closeBrowser() {
        if (chrome != null) {
            chrome.quit();
            chrome = null;
        }
    }

    @Test
    void theDistrictOfficerSignsInAndSeesTheSevenCommunes() {
        chrome.get(url("/dashboards/duc-tho?period=2022-Q1"));
        waitUntil(() -> chrome.findElement(By.id("signin")).isDisplayed());

        chrome.findElement(By.id("username")).sendKeys("ductho.vhtt");
        chrome.findElement(By.id("password")).sendKeys("sai-mat-khau");
        chrome.findElement(By.id("signin-submit")).click();
        waitUntil(() -> chrome.findElement(By.id("signin-error")).getText().contains("không đúng"));

        chrome.findElement(By.id("password")).clear();
        chrome.findElement(By.id("password")).sendKeys("demo");
        chrome.findElement(By.id("signin-submit")).click();

        waitUntil(() -> rows().size() == 7);
        assertThat(chrome.findElement(By.id("signin")).isDisplayed()).isFalse();
        assertThat(chrome.findElement(By.id("title")).getText()).isEqualTo("Bảng theo dõi · Huyện Đức Thọ");
        assertThat(chrome.findElement(By.id("user")).getText()).contains("ductho.vhtt");
        assertThat(names()).containsExactlyInAnyOrder("Xã Liên Minh", "Xã Tùng Châu", "Xã Tùng Ảnh", "Xã Trường Sơn",
                "Xã Yên Hồ", "Xã Đức Lạng", "Xã An Dũng");
        // 4 of 7 reports received (Đức Lạng's was returned, two are drafts), 3 of them on time.
        assertThat(chrome.findElement(By.id("completeness-sub")).getText()).isEqualTo("4/7 báo cáo đã nộp");
        assertThat(chrome.findElement(By.id("timeliness-sub")).getText()).isEqualTo("3/7 báo cáo đúng hạn");
        assertThat(chrome.findElement(By.id("completed")).getText()).isEqualTo(String.valueOf(total(0)));
        assertThat(cell("lien-minh", "status")).isEqualTo("Đã duyệt");
        assertThat(cell("tung-chau", "ontime")).isEqualTo("Trễ hạn");
        assertThat(cell("duc-lang", "status")).isEqualTo("Bị trả lại");
        assertThat(cell("an-dung", "status")).isEqualTo("Chưa nộp");
        assertThat(cell("duc-lang", "ontime")).isEqualTo("–"); // a returned report is neither late nor on time
        assertThat(cell("lien-minh", "achievement")).isEqualTo("100%");
        assertThat(rows().get(0).getAttribute("data-code")).isEqualTo("lien-minh"); // ranked first
        // Both charts are drawn: a bar per commune, three bars per quarter.
        assertThat(chrome.findElements(By.cssSelector("#chart-achievement g[data-code]"))).hasSize(7);
        assertThat(chrome.findElements(By.cssSelector("#chart-trend rect.tbar"))).hasSize(12);
        waitUntil(() -> "on".equals(chrome.findElement(By.id("live")).getAttribute("data-state")));
        assertThat(chrome.executeScript("return sessionStorage.getItem('loa.token')")).isNotNull();

        chrome.manage().window().setSize(new Dimension(1280, 1230));
        Browser.screenshot(chrome, screenshots().resolve("duc-tho-dashboard.png"));
    }

    @Test
    void changingThePeriodAndSortingAColumn() {
        openAs(DISTRICT, "/dashboards/duc-tho?period=2022-Q1");
        waitUntil(() -> rows().size() == 7);

        new Select(chrome.findElement(By.id("quarter"))).selectByVisibleText("Quý II");
        waitUntil(() -> chrome.findElement(By.id("window")).getText().startsWith("Quý II năm 2022"));
        waitUntil(() -> cell("lien-minh", "completed").equals("4"));
        assertThat(chrome.findElement(By.id("completed")).getText()).isEqualTo(String.valueOf(total(1)));
        assertThat(chrome.getCurrentUrl()).endsWith("/dashboards/duc-tho?period=2022-Q2");

        new Select(chrome.findElement(By.id("quarter"))).selectByVisibleText("Cả năm");
        waitUntil(() -> chrome.findElement(By.id("completeness-sub")).getText().equals("10/28 báo cáo đã nộp"));
        assertThat(chrome.findElement(By.id("completed")).getText()).isEqualTo(String.valueOf(total(0) + total(1)));

        new Select(chrome.findElement(By.id("quarter"))).selectByVisibleText("Quý I");
        waitUntil(() -> chrome.findElement(By.id("window")).getText().startsWith("Quý I năm 2022"));
        waitUntil(() -> cell("lien-minh", "completed").equals("9"));

        WebElement header = chrome.findElement(By.cssSelector("#children th[data-key=activitiesCompleted] button"));
        header.click();
        assertThat(header.findElement(By.xpath("..")).getAttribute("aria-sort")).isEqualTo("descending");
        List<Integer> completed = column("completed");
        assertThat(completed).isSortedAccordingTo((a, b) -> b - a);
        assertThat(completed.get(0)).isEqualTo(9);
        header.click();
        assertThat(header.findElement(By.xpath("..")).getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(column("completed")).isSorted();

        chrome.findElement(By.cssSelector("#children th[data-key=name] button")).click();
        assertThat(names()).containsExactly("Xã An Dũng", "Xã Đức Lạng", "Xã Liên Minh", "Xã Trường Sơn",
                "Xã Tùng Ảnh", "Xã Tùng Châu", "Xã Yên Hồ");
    }

    @Test
    void drillingDownIntoACommunesQuarterlyReport() {
        openAs(DISTRICT, "/dashboards/duc-tho?period=2022-Q1");
        waitUntil(() -> rows().size() == 7);

        chrome.findElement(By.linkText("Xã Tùng Châu")).click();
        waitUntil(() -> "tung-chau".equals(chrome.findElement(By.id("report-body")).getAttribute("data-org-unit")));
        assertThat(chrome.findElement(By.id("report-title")).getText()).isEqualTo("Báo cáo Quý I năm 2022 · Xã Tùng Châu");
        assertThat(chrome.findElement(By.cssSelector("#report-body .report-status")).getText())
                .startsWith("Đã nộp").contains("nộp trễ hạn");
        List<List<String>> targets = table(".report-targets");
        assertThat(targets).containsExactly(
                List.of("T1", "Phát sóng chuyên mục CCHC trên hệ thống truyền thanh cơ sở", "3", "2", "66,7%"),
                List.of("T2", "Đăng tin, bài về CCHC trên trang thông tin điện tử của xã", "6", "4", "66,7%"),
                List.of("T3", "Tổ chức hội nghị tuyên truyền CCHC ở thôn, tổ dân phố", "1", "1", "100%"),
                List.of("T4", "Tuyên truyền dịch vụ bưu chính công ích, dịch vụ công trực tuyến", "2", "1", "50%"));
        assertThat(table(".report-channels")).contains(List.of("Truyền thanh", "2", "2", "2", "255"));
        assertThat(table(".report-units")).anySatisfy(row -> assertThat(row.subList(0, 2))
                .containsExactly("Văn hóa – Thông tin", "Chủ trì"));

        chrome.executeScript("document.getElementById('report').scrollIntoView({block: 'start'})");
        Browser.screenshot(chrome, screenshots().resolve("duc-tho-commune-report.png"));

        // Besides the quarters, the six-month report of Decree 09/2019.
        new Select(chrome.findElement(By.id("report-quarter"))).selectByVisibleText("6 tháng");
        waitUntil(() -> "2022-H1".equals(chrome.findElement(By.id("report-body")).getAttribute("data-period")));
        assertThat(chrome.findElement(By.id("report-title")).getText())
                .isEqualTo("Báo cáo 6 tháng đầu năm 2022 · Xã Tùng Châu");
        assertThat(chrome.findElement(By.cssSelector("#report-body .report-status")).getText())
                .startsWith("Đã nộp").contains("nộp đúng hạn");
    }

    @Test
    void aCompletedActivityAppearsWithoutAReload() {
        openAs(DISTRICT, "/dashboards/duc-tho?period=2022-Q1");
        waitUntil(() -> rows().size() == 7);
        waitUntil(() -> "on".equals(chrome.findElement(By.id("live")).getAttribute("data-state")));
        chrome.executeScript("window.loaSamePage = 'yes'");
        int before = Integer.parseInt(cell("an-dung", "completed"));
        int districtBefore = Integer.parseInt(chrome.findElement(By.id("completed")).getText());

        Commune anDung = COMMUNES.get(6);
        Activity a = Activity.of(anDung.plan(), anDung.path(), "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-03-25");
        long start = System.nanoTime();
        events().send(Topics.ACTIVITY_EVENTS, anDung.plan().toString(), "activity-completed", a.id().toString(),
                a.completed("2022-03-25", 1, 350L, 0L));

        waitUntil(() -> cell("an-dung", "completed").equals(String.valueOf(before + 1)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(chrome.findElement(By.id("completed")).getText()).isEqualTo(String.valueOf(districtBefore + 1));
        assertThat(chrome.executeScript("return window.loaSamePage")).isEqualTo("yes"); // no reload happened
        System.out.printf("[DashboardPageIT] activity-completed on Kafka -> visible on the open page in %d ms%n", millis);
        undo(anDung, a);
    }

    @Test
    void onAPhoneTheCardsStackAndTheTableScrolls() {
        chrome.manage().window().setSize(new Dimension(390, 844));
        openAs(DISTRICT, "/dashboards/duc-tho?period=2022-Q1");
        waitUntil(() -> rows().size() == 7);
        long viewport = (Long) chrome.executeScript("return window.innerWidth");
        assertThat(viewport).isLessThanOrEqualTo(390);
        assertThat((Long) chrome.executeScript("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(viewport);
        List<WebElement> cards = chrome.findElements(By.cssSelector("#cards .card"));
        for (int i = 1; i < cards.size(); i++) {
            assertThat(cards.get(i).getRect().getX()).isEqualTo(cards.get(0).getRect().getX());
            assertThat(cards.get(i).getRect().getY()).isGreaterThan(cards.get(i - 1).getRect().getY());
        }
        Boolean scrolls = (Boolean) chrome.executeScript(
                "const s = document.querySelector('#children').parentElement; return s.scrollWidth > s.clientWidth;");
        assertThat(scrolls).isTrue();

        chrome.manage().window().setSize(new Dimension(390, 1500));
        Browser.screenshot(chrome, screenshots().resolve("duc-tho-dashboard-phone.png"));
    }

    @Test
    void aCommuneOfficerIsToldThatTheDistrictIsOutOfReach() {
        openAs(TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh"), "/dashboards/duc-tho?period=2022-Q1");
        waitUntil(() -> chrome.findElement(By.id("message")).isDisplayed());
        assertThat(chrome.findElement(By.id("message")).getText())
                .contains("Không tìm thấy đơn vị “duc-tho” trong phạm vi tài khoản của bạn được xem");
        assertThat(chrome.findElement(By.id("dashboard")).isDisplayed()).isFalse();

        chrome.findElement(By.partialLinkText("Mở bảng theo dõi của đơn vị mình")).click();
        waitUntil(() -> rows().size() == 1);
        assertThat(names()).containsExactly("Xã Liên Minh");
    }

    @Test
    void aTokenTheServiceRefusesLeadsBackToTheSignIn() {
        openAs(TestTokens.signedByAnotherKey("ductho.vhtt", "DISTRICT_OFFICER", "duc-tho"), "/dashboards/duc-tho?period=2022-Q1");
        waitUntil(() -> chrome.findElement(By.id("signin")).isDisplayed());
        assertThat(chrome.findElement(By.id("signin-error")).getText()).contains("đăng nhập lại");
        assertThat(chrome.executeScript("return sessionStorage.getItem('loa.token')")).isNull();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void openAs(String bearer, String path) {
        chrome.get(url("/dashboards/duc-tho"));
        chrome.executeScript("sessionStorage.setItem('loa.token', arguments[0])", bearer.substring("Bearer ".length()));
        chrome.get(url(path));
    }

    private static void waitUntil(Supplier<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(condition::get);
    }

    private static List<WebElement> rows() {
        return chrome.findElements(By.cssSelector("#children tbody tr"));
    }

    private static List<String> names() {
        return rows().stream().map(r -> r.findElement(By.cssSelector("td.name")).getText()).toList();
    }

    private static String cell(String code, String column) {
        return chrome.findElement(By.cssSelector("#children tr[data-code='" + code + "'] td." + column)).getText();
    }

    private static List<Integer> column(String column) {
        return rows().stream().map(r -> Integer.parseInt(r.findElement(By.cssSelector("td." + column)).getText())).toList();
    }

    private static List<List<String>> table(String css) {
        return chrome.findElements(By.cssSelector("#report-body table" + css + " tbody tr")).stream()
                .map(r -> r.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

    private static Path screenshots() {
        return Path.of(System.getProperty("loa.screenshots.dir", "target/screenshots"));
    }

    /** Activities completed in a quarter (0 = Q1, 1 = Q2) over the district. */
    private static int total(int quarter) {
        return COMMUNES.stream().mapToInt(c -> {
            int[] q = quarter == 0 ? c.q1() : c.q2();
            return q[0] + q[1] + q[2] + q[3];
        }).sum();
    }

    /** Cancels the live test's activity, so that the other tests see the seeded figures whatever the order. */
    private void undo(Commune c, Activity a) {
        events().send(Topics.ACTIVITY_EVENTS, c.plan().toString(), "activity-cancelled", a.id().toString(),
                a.cancelled("2022-03-26"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> getJson(
                "/api/dashboards/duc-tho?period=2022-Q1", DISTRICT).number("$.activitiesCompleted") == total(0));
    }

    // ---- the district of Đức Thọ, as events ---------------------------------------------------------

    private void seed() throws Exception {
        var ev = events();
        ev.orgUnit("ha-tinh", "Tỉnh Hà Tĩnh", "PROVINCE", "ha-tinh");
        ev.orgUnit("duc-tho", "Huyện Đức Thọ", "DISTRICT", "ha-tinh", "duc-tho");
        List<Map<String, Object>> targets = List.of(
                Plans.target("T1", "Phát sóng chuyên mục CCHC trên hệ thống truyền thanh cơ sở", "COUNT", 12, null,
                        "RADIO", "van-hoa-thong-tin"),
                Plans.target("T2", "Đăng tin, bài về CCHC trên trang thông tin điện tử của xã", "COUNT", 24, null,
                        "WEBSITE", "van-hoa-thong-tin"),
                Plans.target("T3", "Tổ chức hội nghị tuyên truyền CCHC ở thôn, tổ dân phố", "COUNT", 4, null,
                        "MEETING", "van-phong"),
                Plans.target("T4", "Tuyên truyền dịch vụ bưu chính công ích, dịch vụ công trực tuyến", "COUNT", 8, null,
                        "POSTAL_SERVICE", "buu-dien-xa"));
        List<String> channels = List.of("RADIO", "WEBSITE", "MEETING", "POSTAL_SERVICE");
        int expected = 0;
        for (Commune c : COMMUNES) {
            ev.orgUnit(c.code(), c.name(), "COMMUNE", c.path().toArray(String[]::new));
            Map<String, Object> plan = Plans.plan(c.plan(), 1, c.code(), c.path(), 2022, targets, channels, 12_000_000);
            plan.put("orgUnitName", c.name());
            plan.put("issuer", "UBND " + c.name().replace("Xã", "xã"));
            plan.put("units", List.of(Map.of("code", "van-hoa-thong-tin", "name", "Văn hóa – Thông tin"),
                    Map.of("code", "van-phong", "name", "Văn phòng UBND xã"),
                    Map.of("code", "buu-dien-xa", "name", "Bưu điện xã"),
                    Map.of("code", "tu-phap", "name", "Tư pháp")));
            ev.send(Topics.PLAN_EVENTS, c.plan().toString(), "plan-issued", c.plan().toString(), plan);
            expected += activities(c, c.q1(), 1) + activities(c, c.q2(), 2);
        }
        int completed = expected;
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> getJson(
                "/api/dashboards/duc-tho?year=2022", DISTRICT).number("$.activitiesCompleted") == completed);

        clock.setLocal("2022-04-05T09:00"); // before the communes' due date, 2022-04-07
        for (String code : List.of("lien-minh", "tung-anh", "yen-ho", "duc-lang")) {
            assertThat(postIfMatch("/api/reports/" + code + "/2022-Q1/submit", null, officer(code)).status()).isEqualTo(200);
        }
        clock.setLocal("2022-04-12T15:00");
        assertThat(postIfMatch("/api/reports/tung-chau/2022-Q1/submit", null, officer("tung-chau")).status()).isEqualTo(200);
        assertThat(postIfMatch("/api/reports/lien-minh/2022-Q1/approve", null, DISTRICT).status()).isEqualTo(200);
        assertThat(postIfMatch("/api/reports/duc-lang/2022-Q1/return", "{\"reason\":\"Bổ sung số liệu bưu chính công ích\"}",
                DISTRICT).status()).isEqualTo(200);
        // The second quarter (API.md: a 3-monthly commune reports every quarter): five communes on time (due 2022-07-07),
        // Trường Sơn late, An Dũng silent.
        clock.setLocal("2022-07-06T16:00");
        for (String code : List.of("lien-minh", "tung-chau", "tung-anh", "yen-ho", "duc-lang")) {
            assertThat(postIfMatch("/api/reports/" + code + "/2022-Q2/submit", null, officer(code)).status()).isEqualTo(200);
        }
        // and Tùng Châu's six-month report besides (Decree 09/2019), the one the drill-down opens
        assertThat(postIfMatch("/api/reports/tung-chau/2022-H1/submit", null, officer("tung-chau")).status()).isEqualTo(200);
        clock.setLocal("2022-07-11T08:30");
        assertThat(postIfMatch("/api/reports/truong-son/2022-Q2/submit", null, officer("truong-son")).status()).isEqualTo(200);
        for (String code : List.of("lien-minh", "yen-ho", "tung-anh")) {
            assertThat(postIfMatch("/api/reports/" + code + "/2022-Q2/approve", null, DISTRICT).status()).isEqualTo(200);
        }
    }

    private static String officer(String commune) {
        return TestTokens.bearer(commune.replace("-", "") + ".vhtt", "COMMUNE_OFFICER", commune);
    }

    /** Publishes one quarter of a commune's activities; returns how many were completed. */
    private int activities(Commune c, int[] counts, int quarter) {
        String key = c.plan().toString();
        int month = (quarter - 1) * 3 + 1;
        List<Object[]> done = new ArrayList<>();
        String[][] kinds = {{"RADIO", "T1", "van-hoa-thong-tin"}, {"WEBSITE", "T2", "van-hoa-thong-tin"},
                {"MEETING", "T3", "van-phong"}, {"POSTAL_SERVICE", "T4", "buu-dien-xa"}};
        int n = 0;
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < counts[k]; i++) {
                String date = String.format("2022-%02d-%02d", month + (i % 3), 10 + k * 3 + i);
                Activity a = Activity.of(c.plan(), c.path(), kinds[k][0], List.of(kinds[k][1]), kinds[k][2],
                        k == 3 ? List.of("van-hoa-thong-tin") : List.of("buu-dien-xa"), date);
                done.add(new Object[]{a, date, k == 1 ? 2 : 1, (long) (120 + 40 * k + 15 * i) * (k == 2 ? 3 : 1)});
                n++;
            }
        }
        for (int i = 0; i < counts[4]; i++) {
            Activity open = Activity.of(c.plan(), c.path(), "PANEL_POSTER", List.of(), "tu-phap", List.of(),
                    String.format("2022-%02d-%02d", month + 1, 5 + i));
            events().send(Topics.ACTIVITY_EVENTS, key, "activity-scheduled", open.id().toString(), open.scheduled());
        }
        for (Object[] d : done) {
            Activity a = (Activity) d[0];
            events().send(Topics.ACTIVITY_EVENTS, key, "activity-scheduled", a.id().toString(), a.scheduled());
            Map<String, Object> completed = new LinkedHashMap<>(a.completed((String) d[1], (Integer) d[2], (Long) d[3], 150_000L));
            events().send(Topics.ACTIVITY_EVENTS, key, "activity-completed", a.id().toString(), completed);
        }
        return n;
    }
}
