package vn.loa.e2e;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static vn.loa.e2e.E2E.array;
import static vn.loa.e2e.E2E.eventually;
import static vn.loa.e2e.E2E.object;
import static vn.loa.e2e.WebAppWorld.LIEN_MINH;
import static vn.loa.e2e.WebAppWorld.OPERATOR;
import static vn.loa.e2e.WebAppWorld.YEAR;
import static vn.loa.e2e.WebAppWorld.api;
import static vn.loa.e2e.WebAppWorld.token;

/**
 * The operator in the web app, through the real gateway and its sign-in form: a dead letter (an
 * unreadable record on {@code loa.period.events}, which reporting-service does not consume, so the
 * rebuild below stays clean) listed and replayed (in place: it fails again, and the 409 {@code replay-failed} problem
 * says why), the parked outbox rows, a rebuild of reporting-service's
 * read models followed to its end, and a failed webhook delivery retried.
 */
@ExtendWith(StackLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorWebAppE2EIT {

    private static WebAppBrowser browser;

    @BeforeAll
    static void signIn() throws Exception {
        String kafka = WebAppWorld.external() ? System.getProperty("loa.webapp.kafka") : LoaStack.get().kafkaBootstrap();
        assumeFalse(kafka == null || kafka.isBlank(), "the operator's test writes to Kafka: -Dloa.webapp.kafka=host:port");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("loa.period.events", "duc-tho", "{không phải JSON")).get();
        }
        browser = WebAppBrowser.open(WebAppWorld.baseUrl());
        browser.signInAs(OPERATOR);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void replaysADeadLetterThatFailsAgainAndRebuildsTheReadModels() {
        browser.waitUntil(() -> browser.present(By.id("ops-service")));
        browser.select(By.id("ops-service"), "activity");
        browser.waitUntil(() -> {
            if (!browser.present(By.cssSelector("#dead-letters tbody tr"))) {
                browser.go("#/van-hanh?" + System.nanoTime());
                return false;
            }
            return true;
        });
        assertThat(browser.text(By.cssSelector("#dead-letters tbody tr"))).contains("loa.period.events");
        assertThat(browser.text(By.id("parked"))).contains("Không có sự kiện nào bị giữ lại.");
        // Replay is in place (infra/messaging): the service's own listener gets the stored record again. This one is
        // not JSON, so it fails again and stays: 409 replay-failed, its detail shown in Vietnamese as it came.
        browser.click(By.cssSelector("#dead-letters tbody tr button"));
        browser.waitUntil(() -> browser.present(By.cssSelector("#dead-letters .problem[data-code='replay-failed']")));
        assertThat(browser.text(By.cssSelector("#dead-letters .problem-title"))).isNotBlank();
        assertThat(browser.text(By.cssSelector("#dead-letters tbody tr td:nth-child(5)"))).isEqualTo("–");

        browser.click(By.id("rebuild-start"));
        browser.waitUntil(() -> "DONE".equals(browser.attr(By.id("rebuild-progress"), "data-status")));
        assertThat(browser.text(By.id("rebuild-progress"))).contains("bản ghi");
        browser.screenshot("app-operator");
    }

    /**
     * A method of its own, after the rebuild: the stack's notification-service takes loopback webhooks (the launcher
     * allow-lists 127.0.0.0/8), and the secret is left to the service (a given one must be {@code whsec_} + Base64 of
     * 24–64 bytes).
     */
    @Test
    @Order(2)
    void retriesAFailedDelivery() throws Exception {
        // A webhook whose receiver is gone: its deliveries fail and wait to be retried.
        String target;
        try (WebhookReceiver gone = new WebhookReceiver()) {
            target = gone.url();
        }
        // Subscribed where the activity is (Liên Minh): notification-service matches a subscription to the event's own
        // org unit, not to its district (a Đức Thọ subscription queued no delivery for it).
        eventually().untilAsserted(() -> assertThat(api().post("/api/subscriptions", token(LIEN_MINH), object()
                .put("orgUnit", "lien-minh").put("channel", "WEBHOOK").put("target", target)
                .set("events", array("activity-scheduled"))).status()).isEqualTo(201)); // secret: generated
        WebAppWorld.schedule("Tuyên truyền CCHC tại phiên chợ xã", "RADIO", "CT-2", YEAR + "-09-30");
        browser.go("#/van-hanh?" + System.nanoTime());
        browser.select(By.id("delivery-status"), "FAILED");
        browser.waitUntil(() -> {
            if (!browser.present(By.cssSelector("#deliveries-table tr[data-status='FAILED'] button"))) {
                browser.go("#/van-hanh?" + System.nanoTime());
                return false;
            }
            return true;
        });
        browser.chrome.executeScript("document.getElementById('deliveries').scrollIntoView()");
        browser.screenshot("app-operator-deliveries");
        browser.click(By.cssSelector("#deliveries-table tr[data-status='FAILED'] button"));
        browser.waitUntil(() -> browser.text(By.id("status")).contains("Đã xếp lịch gửi lại"));
    }
}
