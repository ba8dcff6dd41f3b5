package vn.loa.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.WebAppWorld.LIEN_MINH;
import static vn.loa.e2e.WebAppWorld.YEAR;
import static vn.loa.e2e.WebAppWorld.api;
import static vn.loa.e2e.WebAppWorld.ok;
import static vn.loa.e2e.WebAppWorld.token;

/**
 * Xã Liên Minh's culture–information officer in the web app, through the real gateway and its sign-in
 * form: the plan of {@value WebAppWorld#YEAR} (edit the draft the district prepared, issue it, print it),
 * an activity scheduled, started and completed, a stale change refused with "reload", evidence from a
 * phone-sized window, a correction with its reason, an import previewed before anything is kept, the
 * quarterly report written and submitted, its evidence downloaded as one ZIP, the inbox.
 *
 */
@ExtendWith(StackLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommuneOfficerWebAppE2EIT {

    private static WebAppBrowser browser;
    private static String completedActivity;

    @BeforeAll
    static void signIn() {
        WebAppWorld.lienMinhPlan(); // the district prepared the draft (API), the officer takes it from there
        browser = WebAppBrowser.open(WebAppWorld.baseUrl());
        // A wrong password first: the gateway's problem is shown as it came.
        browser.signIn(LIEN_MINH, "sai-mat-khau");
        browser.waitUntil(() -> browser.present(By.cssSelector("#signin-error .problem[data-status='401']")));
        browser.signInAs(LIEN_MINH);
        browser.year(YEAR);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void editsTheDraftPlanIssuesItAndPrintsIt() {
        browser.nav("ke-hoach");
        browser.waitUntil(() -> browser.present(By.cssSelector(".plan-head[data-status='DRAFT']")));
        // The commune plans 2 website articles a quarter instead of 3 and drops the postal target.
        for (int q = 1; q <= 4; q++) {
            browser.type(By.cssSelector("input[data-target='CT-1'][data-quarter='" + q + "']"), "2");
        }
        assertThat(browser.attr(By.cssSelector("input[data-target='CT-1'][data-yearly]"), "value")).isEqualTo("8");
        browser.click(By.cssSelector("tr[data-code='CT-3'] input[type=checkbox]"));
        browser.screenshot("app-commune-plan-draft");
        browser.clickAndWaitForRender(By.id("plan-save"));
        assertThat(browser.present(By.cssSelector("tr[data-code='CT-3']"))).isFalse();
        assertThat(browser.attr(By.cssSelector("input[data-target='CT-1'][data-yearly]"), "value")).isEqualTo("8");

        browser.setValue(By.cssSelector("#plan-issue-form input[name=issuedOn]"), YEAR + "-01-20");
        browser.clickAndWaitForRender(By.id("plan-issue"));
        browser.waitUntil(() -> browser.present(By.cssSelector(".plan-head[data-status='ISSUED']")));
        assertThat(browser.text(By.cssSelector(".plan-head"))).contains("Đã ban hành", "/KH-UBND", "20/1/" + YEAR);

        browser.click(By.cssSelector("button[data-export='pdf']"));
        browser.waitUntil(() -> String.valueOf(browser.chrome.executeScript("return document.body.dataset.lastDownload"))
                .matches(".+\\.pdf [1-9][0-9]{3,}"));
        browser.screenshot("app-commune-plan");
    }

    @Test
    @Order(2)
    void schedulesStartsAndCompletesAnActivityThenFindsIt() {
        WebAppWorld.lienMinhPlanIssued();
        browser.nav("hoat-dong");
        browser.waitUntil(() -> browser.present(By.id("activity-count")));
        browser.click(By.id("activity-new"));
        browser.type(By.cssSelector("#activity-form input[name=title]"), "Chuyên mục CCHC trên Đài truyền thanh xã, tháng 5");
        browser.select(By.cssSelector("#activity-form select[name=channel]"), "RADIO");
        browser.select(By.cssSelector("#activity-form select[name=unit]"), "van-hoa-thong-tin");
        browser.setValue(By.cssSelector("#activity-form input[name=dueDate]"), YEAR + "-05-31");
        browser.type(By.cssSelector("#activity-form input[name=plannedQuantity]"), "2");
        browser.click(By.id("targetCodes-CT-2"));
        browser.click(By.id("topics-a"));
        browser.click(By.id("coordinatingUnits-buu-dien-xa"));
        browser.clickAndWaitForRender(By.id("activity-create"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#activity[data-status='PLANNED']")));
        String id = browser.chrome.getCurrentUrl().replaceAll(".*#/hoat-dong/", "");

        browser.clickAndWaitForRender(By.id("activity-start"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#activity[data-status='IN_PROGRESS']")));

        browser.expand("complete");
        browser.setValue(By.cssSelector("#complete-form input[name=completedOn]"), YEAR + "-05-20");
        browser.type(By.cssSelector("#complete-form input[name=quantity]"), "2");
        browser.type(By.cssSelector("#complete-form input[name=reach]"), "350");
        browser.type(By.cssSelector("#complete-form input[name=costVnd]"), "150000");
        browser.type(By.cssSelector("#complete-form input[name=evidenceUrl]"), "https://lienminh.ductho.hatinh.gov.vn/tin-tuc/chuyen-muc-cchc-thang-5");
        browser.clickAndWaitForRender(By.id("activity-complete"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#activity[data-status='COMPLETED']")));
        assertThat(browser.text(By.id("activity"))).contains("Hoàn thành", "350", "150.000 đ", YEAR + "-Q2");
        completedActivity = id;
        browser.screenshot("app-commune-activity");

        // The list: text search without diacritics, and the status filter.
        browser.nav("hoat-dong");
        browser.type(By.id("filter-q"), "truyen thanh xa, thang 5");
        browser.waitUntil(() -> browser.all(By.cssSelector("#activity-list li")).size() == 1);
        browser.select(By.id("filter-status"), "COMPLETED");
        browser.waitUntil(() -> browser.present(By.cssSelector("#activity-list li[data-id='" + id + "'][data-status='COMPLETED']")));
        browser.type(By.id("filter-q"), "");
        browser.select(By.id("filter-status"), "");
        browser.waitUntil(() -> browser.present(By.cssSelector("#activity-list li[data-id='" + id + "']")));
        browser.screenshot("app-commune-activities");
    }

    @Test
    @Order(3)
    void aChangeOnAStalePageIsRefusedWithAReload() {
        String id = WebAppWorld.schedule("Pa-nô tuyên truyền CCHC tại nhà văn hóa thôn", "RADIO", "CT-2", YEAR + "-06-10");
        browser.go("#/hoat-dong/" + id);
        browser.waitUntil(() -> browser.present(By.cssSelector("#activity[data-status='PLANNED']")));
        // Meanwhile someone else starts it (another officer, another tab).
        ok(WebAppWorld.change("POST", "/api/activities/" + id + "/start", LIEN_MINH, null));

        browser.click(By.id("activity-start"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#activity-problem .problem[data-status='412']")));
        assertThat(browser.text(By.id("activity-problem"))).contains("Người khác vừa thay đổi mục này — hãy tải lại");
        browser.clickAndWaitForRender(By.cssSelector("#activity-problem .problem button"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#activity[data-status='IN_PROGRESS']")));
    }

    @Test
    @Order(4)
    void aFileOverTheLimitIsRefusedBeforeItIsSent() throws IOException {
        browser.size(WebAppBrowser.PHONE);
        try {
            browser.go("#/hoat-dong/" + completed());
            assertThat(browser.text(By.id("evidence-limits"))).contains("20 MiB");
            Path big = Files.createTempFile("anh-qua-lon-", ".jpg");
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(21L * 1024 * 1024);
            }
            browser.chrome.findElement(By.id("evidence-file")).sendKeys(big.toString());
            browser.waitUntil(() -> browser.present(By.cssSelector("#evidence-problem .problem[data-status='413']")));
            assertThat(browser.text(By.id("evidence-problem"))).contains("Tệp quá lớn", "vượt giới hạn 20 MiB");
            Files.delete(big);
        } finally {
            browser.size(WebAppBrowser.DESKTOP);
        }
    }

    /** POST /api/activities/{id}/evidence (413/415 problems), download, DELETE with If-Match. */
    @Test
    @Order(5)
    void uploadsAPhotoFromAPhoneAndIsToldWhyAFileIsRefused() throws IOException {
        browser.size(WebAppBrowser.PHONE);
        try {
            browser.go("#/hoat-dong/" + completed());
            assertThat((Long) browser.chrome.executeScript("return document.documentElement.scrollWidth"))
                    .isLessThanOrEqualTo((Long) browser.chrome.executeScript("return window.innerWidth"));
            assertThat(browser.attr(By.id("evidence-camera"), "capture")).isEqualTo("environment");
            Path photo = photo();
            browser.chrome.findElement(By.id("evidence-camera")).sendKeys(photo.toString());
            browser.waitUntil(() -> browser.present(By.cssSelector("#evidence-list li[data-name='" + photo.getFileName() + "'] img.thumb")));
            assertThat(browser.text(By.id("evidence-list"))).contains(photo.getFileName().toString(), "SHA-256");

            // A text file named .pdf: the type is sniffed from the bytes, and the server's problem is shown as it came.
            Path fake = Files.createTempFile("bien-ban-", ".pdf");
            Files.writeString(fake, "Đây không phải là tệp PDF.", StandardCharsets.UTF_8);
            browser.chrome.findElement(By.id("evidence-file")).sendKeys(fake.toString());
            browser.waitUntil(() -> browser.present(By.cssSelector("#evidence-problem .problem[data-status='415']")));
            assertThat(browser.text(By.cssSelector("#evidence-problem .problem-title"))).isNotBlank();
            browser.chrome.executeScript("document.getElementById('evidence').scrollIntoView()");
            browser.screenshot("app-commune-evidence-phone");

            browser.click(By.cssSelector("#evidence-list li[data-name='" + photo.getFileName() + "'] button"));
            browser.waitUntil(() -> String.valueOf(browser.chrome.executeScript("return document.body.dataset.lastDownload"))
                    .startsWith(photo.getFileName().toString()));

            // Deleted again (If-Match: the file's "<sha256>"), after the officer confirms.
            browser.click(By.cssSelector("#evidence-list li[data-name='" + photo.getFileName() + "'] button[data-delete]"));
            browser.chrome.switchTo().alert().accept();
            browser.waitUntil(() -> !browser.present(By.cssSelector("#evidence-list li[data-name='" + photo.getFileName() + "']")));
            assertThat(ok(api().get("/api/activities/" + completed() + "/evidence", token(LIEN_MINH))).get("total").asInt()).isZero();
            Files.delete(fake);
            Files.delete(photo);
        } finally {
            browser.size(WebAppBrowser.DESKTOP);
        }
    }

    /** PATCH /api/activities/{id} with If-Match and GET …/history. */
    @Test
    @Order(6)
    void correctsACompletedActivityWithAReasonAndSeesTheHistory() {
        browser.go("#/hoat-dong/" + completed());
        String version = browser.attr(By.id("activity"), "data-version");
        browser.expand("correct");
        browser.type(By.cssSelector("#correct-form input[name=quantity]"), "3");
        browser.type(By.cssSelector("#correct-form textarea[name=reason]"), "Bổ sung một buổi phát lại ngày 21/5");
        browser.clickAndWaitForRender(By.id("activity-correct"));
        browser.waitUntil(() -> !version.equals(browser.attr(By.id("activity"), "data-version")));
        assertThat(browser.text(By.cssSelector("[data-fact='Số lượng đạt']"))).isEqualTo("3");
        assertThat(browser.text(By.id("history"))).contains("Bổ sung một buổi phát lại ngày 21/5", LIEN_MINH);
    }

    /** POST /api/activities/import?dryRun=true keeps nothing. */
    @Test
    @Order(7)
    void importsActivitiesAfterAPreviewOfTheRefusedRows() throws IOException {
        String plan = WebAppWorld.lienMinhPlanIssued();
        Path csv = Files.createTempFile("hoat-dong-", ".csv");
        Files.writeString(csv, String.join("\n",
                "planId,title,channel,topics,targetCodes,unit,coordinatingUnits,dueDate,plannedQuantity",
                plan + ",Tin bài CCHC tháng 7 trên trang thông tin điện tử xã,WEBSITE,a,CT-1,van-hoa-thong-tin,,2023-07-31,1",
                plan + ",Loa phát thanh lưu động,LOA_KEO,a,CT-2,van-hoa-thong-tin,,2023-07-31,1",
                plan + ",Chuyên mục CCHC tháng 8 trên Đài truyền thanh xã,RADIO,a,CT-2,van-hoa-thong-tin,buu-dien-xa,2023-08-31,1") + "\n",
                StandardCharsets.UTF_8);
        browser.nav("nhap-hoat-dong");
        browser.chrome.findElement(By.id("import-file")).sendKeys(csv.toString());
        browser.click(By.id("import-check"));
        browser.waitUntil(() -> browser.present(By.id("import-summary")));
        assertThat(browser.text(By.id("import-summary"))).isEqualTo("2 dòng hợp lệ sẽ được ghi; 1 dòng bị từ chối.");
        assertThat(browser.text(By.cssSelector("#import-refused tr[data-row='3']"))).contains("channel");
        assertThat(titles()).doesNotContain("Tin bài CCHC tháng 7 trên trang thông tin điện tử xã"); // the preview kept nothing
        browser.screenshot("app-commune-import");

        browser.click(By.id("import-commit"));
        browser.waitUntil(() -> browser.present(By.id("import-done")));
        assertThat(browser.text(By.id("import-done"))).contains("Đã ghi 2 hoạt động");
        assertThat(titles()).contains("Tin bài CCHC tháng 7 trên trang thông tin điện tử xã",
                "Chuyên mục CCHC tháng 8 trên Đài truyền thanh xã");
        Files.delete(csv);
    }

    @Test
    @Order(8)
    void writesAndSubmitsTheQuarterlyReport() {
        completed();
        browser.nav("bao-cao");
        // Decree 09's regime: a commune reports for Q1, the first six months, Q3 and the year; May's work is in H1.
        browser.select(By.cssSelector("select[name=period]"), "H1");
        browser.waitUntil(() -> browser.present(By.cssSelector("#report[data-period='" + YEAR + "-H1']")));
        // The figures are drafted from the logged work (reporting-service learns it through Kafka).
        browser.waitUntil(() -> {
            String achieved = browser.text(By.cssSelector("#report-targets tr[data-code='CT-2'] td:nth-child(4)"));
            if (achieved.equals("0") || achieved.equals("–")) {
                browser.go("#/bao-cao?" + System.nanoTime());
                return false;
            }
            return true;
        });
        browser.type(By.cssSelector("#narrative textarea[name=results]"), "Phát sóng 2 chuyên mục CCHC trên Đài truyền thanh xã, 350 lượt người nghe.");
        browser.type(By.cssSelector("#narrative textarea[name=shortcomings]"), "Chưa đăng đủ tin bài trên trang thông tin điện tử do thiếu cộng tác viên.");
        browser.type(By.cssSelector("#narrative textarea[name=nextSteps]"), "Quý III đăng đủ 2 tin bài mỗi quý; phối hợp Bưu điện xã hỗ trợ dịch vụ công trực tuyến.");
        browser.screenshot("app-commune-report");
        browser.clickAndWaitForRender(By.id("report-submit"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#report[data-status='SUBMITTED']")));
        assertThat(browser.attr(By.cssSelector("#narrative textarea[name=results]"), "value")).startsWith("Phát sóng 2 chuyên mục");
        browser.click(By.cssSelector("button[data-export='docx']"));
        browser.waitUntil(() -> String.valueOf(browser.chrome.executeScript("return document.body.dataset.lastDownload"))
                .matches(".+\\.docx [1-9][0-9]{3,}"));
        // The quarter's evidence as one ZIP (a folder per completed activity and manifest.csv), one click.
        browser.click(By.id("evidence-zip"));
        browser.waitUntil(() -> String.valueOf(browser.chrome.executeScript("return document.body.dataset.lastDownload"))
                .matches(".+\\.zip [1-9][0-9]{2,}"));
    }

    /** A submitted report carries its document number NN/BC-UBND (Decree 09 regime). */
    @Test
    @Order(9)
    void aSubmittedReportShowsItsDocumentNumber() {
        browser.nav("bao-cao");
        browser.waitUntil(() -> browser.present(By.cssSelector("#report[data-status='SUBMITTED']")));
        assertThat(browser.text(By.id("report-status"))).matches(".*Số \\d+/BC-UBND.*");
    }

    @Test
    @Order(10)
    void readsTheInboxAndMarksANotificationRead() {
        // An activity due long ago is overdue at once: activity-service announces it, the inbox receives it. Due in Q2,
        // not Q1: DistrictOfficerWebAppE2EIT closes Q1 of Đức Thọ's communes, and the classes may run in either order.
        WebAppWorld.schedule("Hội nghị tuyên truyền CCHC ở thôn Đông Thịnh", "RADIO", "CT-2", YEAR + "-04-20");
        browser.nav("thong-bao");
        browser.waitUntil(() -> {
            if (!browser.present(By.cssSelector("#inbox-list li[data-type='activity-overdue']"))) {
                browser.go("#/thong-bao?" + System.nanoTime());
                return false;
            }
            return true;
        });
        browser.screenshot("app-commune-inbox");
        // Marked read, it leaves the list of unread ones (by its id: other notices may arrive meanwhile).
        String id = browser.attr(By.cssSelector("#inbox-list li[data-type='activity-overdue']"), "data-id");
        browser.click(By.cssSelector("#inbox-list li[data-id='" + id + "'] button"));
        browser.waitUntil(() -> !browser.present(By.cssSelector("#inbox-list li[data-id='" + id + "']")));
    }

    private static String completed() {
        if (completedActivity == null) {
            String id = WebAppWorld.schedule("Chuyên mục CCHC trên Đài truyền thanh xã, tháng 5", "RADIO", "CT-2", YEAR + "-05-31");
            WebAppWorld.complete(id, YEAR + "-05-20", 2);
            completedActivity = id;
        }
        return completedActivity;
    }

    private static List<String> titles() {
        JsonNode page = ok(api().get("/api/activities?planId=" + WebAppWorld.lienMinhPlanIssued() + "&size=200", token(LIEN_MINH)));
        return page.get("items").valueStream().map(a -> a.get("title").asString()).toList();
    }

    private static Path photo() throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1a56a0));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.YELLOW);
        g.fillOval(200, 120, 240, 240);
        g.dispose();
        Path file = Files.createTempFile("anh-buoi-phat-thanh-", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    static {
        // javax.imageio in a headless test JVM
        System.setProperty("java.awt.headless", "true");
    }
}
