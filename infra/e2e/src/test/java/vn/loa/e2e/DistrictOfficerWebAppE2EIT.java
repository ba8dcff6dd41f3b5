package vn.loa.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.WebAppWorld.DUC_THO;
import static vn.loa.e2e.WebAppWorld.YEAR;

/**
 * Huyện Đức Thọ's culture–information office in the web app, through the real gateway and its sign-in
 * form: which communes adopted the district plan of {@value WebAppWorld#YEAR} (and a draft prepared for one
 * that has none), Xã Tùng Châu's Q1 report returned with a comment and, resubmitted, approved, the quarter
 * closed and reopened for one commune until a date, and the existing dashboard page opened from the app,
 * signed in. (Tùng Châu, not Liên Minh: the commune officer's class plays Liên Minh's plan from its draft.)
 */
@ExtendWith(StackLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistrictOfficerWebAppE2EIT {

    private static final String TUNG_CHAU = "tungchau.vhtt";
    private static final String PERIOD = YEAR + "-Q1";
    private static WebAppBrowser browser;

    @BeforeAll
    static void signIn() {
        WebAppWorld.communePlanIssued("tung-chau", TUNG_CHAU);
        WebAppWorld.submitReport("tung-chau", TUNG_CHAU, PERIOD, "Đăng 3 tin bài CCHC trên trang thông tin điện tử xã.");
        browser = WebAppBrowser.open(WebAppWorld.baseUrl());
        browser.signInAs(DUC_THO);
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
    void seesWhichCommunesAdoptedThePlanAndPreparesADraftForOne() {
        browser.nav("tiep-nhan");
        browser.waitUntil(() -> browser.present(By.cssSelector("#adoption-table tr[data-code='tung-chau'][data-status='ISSUED']")));
        assertThat(browser.all(By.cssSelector("#adoption-table tbody tr"))).hasSize(7);
        assertThat(browser.text(By.cssSelector("#adoption-table tr[data-code='tung-chau']"))).contains("CT-1", "CT-2", "CT-3");
        browser.clickAndWaitForRender(By.cssSelector("button[data-derive='tung-anh']"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#adoption-table tr[data-code='tung-anh'][data-status='DRAFT']")));
        assertThat(browser.text(By.id("adoption-summary"))).matches("\\d/7 xã đã ban hành kế hoạch thực hiện\\.");
        browser.screenshot("app-district-adoption");
    }

    @Test
    @Order(2)
    void returnsAReportWithACommentThenApprovesTheResubmission() {
        browser.nav("duyet-bao-cao");
        browser.select(By.cssSelector("select[name=period]"), "Q1");
        // The list reads the dashboard's read model, which learns of the submission through Kafka.
        browser.waitUntil(() -> {
            if (!browser.present(By.cssSelector("#reports-table tr[data-code='tung-chau'][data-status='SUBMITTED']"))) {
                browser.go("#/duyet-bao-cao?" + System.nanoTime());
                return false;
            }
            return true;
        });
        browser.screenshot("app-district-reports");
        browser.clickAndWaitForRender(By.cssSelector("#reports-table tr[data-code='tung-chau'] a"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#report[data-status='SUBMITTED']")));
        assertThat(browser.text(By.id("report"))).contains("Đăng 3 tin bài CCHC trên trang thông tin điện tử xã.");
        browser.type(By.id("return-reason-input"), "Đề nghị bổ sung số lượt người nghe của các chuyên mục truyền thanh.");
        browser.screenshot("app-district-report-review");
        browser.clickAndWaitForRender(By.id("report-return"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#report[data-status='RETURNED']")));
        assertThat(browser.text(By.id("return-reason"))).contains("Đề nghị bổ sung số lượt người nghe");

        WebAppWorld.submitReport("tung-chau", TUNG_CHAU, PERIOD, "Đăng 3 tin bài; 2 chuyên mục truyền thanh, 420 lượt người nghe.");
        browser.chrome.navigate().refresh();
        browser.waitUntil(() -> browser.present(By.cssSelector("#report[data-status='SUBMITTED']")));
        browser.clickAndWaitForRender(By.id("report-approve"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#report[data-status='APPROVED']")));
    }

    @Test
    @Order(3)
    void closesTheQuarterAndReopensItForOneCommuneUntilADate() {
        browser.nav("ky-bao-cao");
        browser.select(By.cssSelector("select[name=period]"), "Q1");
        browser.waitUntil(() -> browser.present(By.cssSelector("#period[data-status='OPEN']")));
        browser.clickAndWaitForRender(By.id("period-close"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#period[data-status='CLOSED']")));
        assertThat(browser.text(By.id("period"))).contains("Đã khóa", DUC_THO);

        browser.select(By.id("reopen-scope"), "tung-chau");
        browser.waitUntil(() -> !browser.text(By.id("reopen-scope-state")).isBlank());
        browser.type(By.id("reopen-reason"), "Xã Tùng Châu bổ sung kết quả buổi tuyên truyền tại Bưu điện xã.");
        browser.setValue(By.id("reopen-until"), LocalDate.now(E2E.VIETNAM).plusDays(3) + "T17:00");
        browser.clickAndWaitForRender(By.id("period-reopen"));
        browser.waitUntil(() -> browser.text(By.id("period-audit")).contains("Xã Tùng Châu bổ sung kết quả"));
        assertThat(browser.text(By.id("period-audit"))).contains("tung-chau");
        browser.screenshot("app-district-periods");
    }

    @Test
    @Order(4)
    void opensTheDashboardFromTheAppSignedIn() {
        browser.click(By.cssSelector("#nav a[data-nav='dashboard']"));
        browser.waitUntil(() -> browser.chrome.getCurrentUrl().contains("/dashboards/duc-tho")
                && browser.all(By.cssSelector("#children tbody tr")).size() == 7);
        assertThat(browser.chrome.findElement(By.id("signin")).isDisplayed()).isFalse();
        browser.chrome.navigate().back();
        browser.waitUntil(() -> browser.present(By.id("nav")) && browser.chrome.findElement(By.id("nav")).isDisplayed());
    }
}
