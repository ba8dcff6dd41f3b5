package vn.loa.notification.it;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
import vn.loa.notification.notice.Notice;
import vn.loa.notification.dispatch.Notifier;
import vn.loa.notification.recipients.Recipient;
import vn.loa.testsupport.TestTokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.loa.notification.TestEvents.COMMUNE_UNITS;
import static vn.loa.notification.TestEvents.activity;
import static vn.loa.notification.TestEvents.orgUnit;

/** Webhooks a receiver can verify, email over real SMTP, languages, and no doubles. */
class DeliveryIT extends NotificationIT {

    /** A Standard Webhooks secret (whsec_ and the base64 of 24 bytes): the specification's example. */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String TITLE = "Phát thanh chuyên mục cải cách hành chính";

    @Autowired
    Notifier notifier;
    @Autowired
    MeterRegistry meters;

    String commune;
    List<String> path;
    String hookVi;
    String hookEn;
    String email;

    @BeforeEach
    void subscriptions() throws Exception {
        commune = unique("lien-minh");
        path = List.of("ha-tinh", "duc-tho", commune);
        publish(Topics.ORG_UNIT_EVENTS, commune, "org-unit-registered", commune,
                orgUnit(commune, "Xã Liên Minh", "COMMUNE", "duc-tho", path, COMMUNE_UNITS));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from org_unit where code = :c")
                .param("c", commune).query(Long.class).single() == 1);
        hookVi = "/hooks/" + commune + "/vi";
        hookEn = "/hooks/" + commune + "/en";
        email = "tu-phap@" + commune + ".loa.test";
        RECEIVER.stubFor(post(urlEqualTo(hookVi)).willReturn(aResponse().withStatus(204)));
        RECEIVER.stubFor(post(urlEqualTo(hookEn)).willReturn(aResponse().withStatus(200)));
        subscribe(Map.of("orgUnit", commune, "channel", "WEBHOOK", "target", RECEIVER.baseUrl() + hookVi,
                "events", List.of("activity-scheduled"), "secret", SECRET));
        subscribe(Map.of("orgUnit", commune, "channel", "WEBHOOK", "target", RECEIVER.baseUrl() + hookEn,
                "events", List.of("activity-scheduled"), "secret", SECRET, "language", "en"));
        subscribe(Map.of("orgUnit", commune, "unit", "tu-phap", "channel", "EMAIL", "target", email,
                "events", List.of("activity-scheduled")));
    }

    @Test
    void aWebhookIsSignedSoTheReceiverCanVerifyItAndCarriesVietnameseIntact() throws Exception {
        UUID event = scheduleActivity(UUID.randomUUID());

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> delivered(hookVi).size() == 1);
        LoggedRequest request = delivered(hookVi).get(0);
        byte[] body = request.getBody();
        // What a Standard Webhooks receiver does: HMAC-SHA256, keyed with the secret's decoded bytes, of
        // "<webhook-id>.<webhook-timestamp>.<raw body>", base64, "v1," prefix; and a timestamp near now.
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(java.util.Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(request.getHeader("webhook-signature"))
                .isEqualTo("v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(body)));
        assertThat(Math.abs(java.time.Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
        assertThat(request.getHeader("X-Loa-Signature")).as("Loa's own scheme is gone").isNull();
        assertThat(request.getHeader("X-Loa-Event-Type")).isEqualTo("activity-scheduled");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");

        var json = this.json.readTree(new String(body, StandardCharsets.UTF_8));
        assertThat(id).isEqualTo(json.get("deliveryId").asString());
        assertThat(request.getHeader("X-Loa-Delivery-Id")).isEqualTo(id);
        assertThat(json.get("eventId").asString()).isEqualTo(event.toString());
        assertThat(json.get("subject").asString())
                .isEqualTo("Hoạt động mới theo Kế hoạch số 15/KH-UBND: " + TITLE);
        assertThat(json.get("text").asString()).contains("Xã Liên Minh đã lên lịch hoạt động \"" + TITLE + "\"")
                .contains("Đơn vị chủ trì: Tư pháp").contains("Đơn vị phối hợp: Nội vụ");
        assertThat(json.get("data").get("documentNumber").asString()).isEqualTo("15/KH-UBND");

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> delivered(hookEn).size() == 1);
        var en = this.json.readTree(new String(delivered(hookEn).get(0).getBody(), StandardCharsets.UTF_8));
        assertThat(en.get("subject").asString()).isEqualTo("New activity under plan 15/KH-UBND: " + TITLE);
        assertThat(en.get("text").asString()).contains("Unit in charge: Tư pháp");
    }

    @Test
    void anEmailArrivesOverSmtpWithVietnameseIntact() throws Exception {
        scheduleActivity(UUID.randomUUID());

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
        MimeMessage mail = mailsTo(email).get(0);
        assertThat(mail.getSubject()).isEqualTo("Hoạt động mới theo Kế hoạch số 15/KH-UBND: " + TITLE);
        assertThat(((String) mail.getContent()).strip()).contains("Đơn vị chủ trì: Tư pháp")
                .contains("Hạn hoàn thành: 31/03/2022");
        assertThat(mail.getHeader("X-Loa-Delivery-Id")).hasSize(1);
        // What the operators' dashboard counts (infra/compose/grafana): deliveries by channel and outcome.
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.find("loa.notification.deliveries")
                .tags("channel", "EMAIL", "outcome", "sent").counter() != null);
        assertThat(meters.get("loa.notification.deliveries").tags("channel", "EMAIL", "outcome", "sent").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void noMetricCarriesATargetUrlOrAnAddress() {
        scheduleActivity(UUID.randomUUID());
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> delivered(hookVi).size() == 1
                && mailsTo(email).size() == 1);
        List<String> tagValues = meters.getMeters().stream()
                .flatMap(m -> m.getId().getTags().stream().map(t -> m.getId().getName() + "{" + t.getKey() + "=" + t.getValue() + "}"))
                .toList();
        assertThat(tagValues).isNotEmpty()
                .noneMatch(t -> t.contains("://") || t.contains("@") || t.contains(commune)
                        || t.contains(String.valueOf(RECEIVER.port())));
        assertThat(meters.find("loa.notification.delivery.threads.active").gauge()).isNotNull();
        assertThat(meters.find("loa.notification.delivery.breakers.open").gauge()).isNotNull();
    }

    @Test
    void aDuplicatedEventSendsOneMessagePerRecipientAndChannel() {
        UUID activityId = UUID.randomUUID();
        UUID event = scheduleActivity(activityId);
        // The broker redelivers the very same event (same id) ...
        publish(event, Topics.ACTIVITY_EVENTS, "p", "activity-scheduled", activityId.toString(),
                activity(activityId, UUID.randomUUID(), "15/KH-UBND", commune, path, "tu-phap", List.of("noi-vu"),
                        LocalDate.of(2022, 3, 31)));
        // ... and the notifier is handed it again directly, past the consumer's inbox.
        notifier.notify(new Notice(event, "activity-scheduled", OffsetDateTime.now(), List.of(new Notice.Addressee(
                new Recipient(commune, "tu-phap", path), Map.of("documentNumber", "15/KH-UBND")))));
        // A later event is the marker that everything before it was consumed.
        scheduleActivity(UUID.randomUUID());

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> delivered(hookVi).size() == 2 && mailsTo(email).size() == 2
                && delivered(hookEn).size() == 2);
        assertThat(jdbc.sql("select count(*) from delivery where event_id = :id").param("id", event)
                .query(Long.class).single()).isEqualTo(3); // vi hook, en hook, email: one each
        assertThat(recipientsOf(event)).containsExactlyInAnyOrder(commune + "/tu-phap", commune + "/noi-vu");
        assertThat(jdbc.sql("select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id "
                + "where d.event_id = :id and a.outcome = 'SENT'").param("id", event).query(Long.class).single())
                .isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from delivery where event_id = :id and status = 'SENT'")
                .param("id", event).query(Long.class).single()).isEqualTo(3);
    }

    private UUID scheduleActivity(UUID activityId) {
        // Unit in charge and a coordinating unit of the same commune: the org-wide webhooks still get one message.
        return publish(Topics.ACTIVITY_EVENTS, "p", "activity-scheduled", activityId.toString(),
                activity(activityId, UUID.randomUUID(), "15/KH-UBND", commune, path, "tu-phap", List.of("noi-vu"),
                        LocalDate.of(2022, 3, 31)));
    }

    private void subscribe(Map<String, Object> body) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/subscriptions")
                        .header("Authorization", TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", commune))
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").exists());
    }

    static List<LoggedRequest> requests(String path) {
        return RECEIVER.findAll(postRequestedFor(urlEqualTo(path)));
    }

    /**
     * One request per delivery id (the last one): a request that timed out on a busy machine is
     * retried with the same delivery id, which is what the receiver deduplicates on.
     */
    static List<LoggedRequest> delivered(String path) {
        Map<String, LoggedRequest> byDelivery = new java.util.LinkedHashMap<>();
        requests(path).forEach(r -> byDelivery.put(r.getHeader("X-Loa-Delivery-Id"), r));
        return List.copyOf(byDelivery.values());
    }

    static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
