package vn.loa.notification.it;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.loa.notification.TestEvents.COMMUNE_UNITS;
import static vn.loa.notification.TestEvents.orgUnit;

/** Subscriptions are scoped to the caller's org units; the API answers problems, never stack traces. */
class SubscriptionApiIT extends NotificationIT {

    @Test
    void officersSubscribeWithinTheirScopeAndSeeOnlyWhatTheyMay() throws Exception {
        String district = unique("duc-tho");
        String commune = unique("lien-minh");
        List<String> path = List.of("ha-tinh", district, commune);
        publish(Topics.ORG_UNIT_EVENTS, commune, "org-unit-registered", commune,
                orgUnit(commune, "Xã Liên Minh", "COMMUNE", district, path, COMMUNE_UNITS));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from org_unit where code = :c")
                .param("c", commune).query(Long.class).single() == 1);
        String officer = TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", commune);
        HOSTS.answer("chatbot.example.vn", "127.0.0.1"); // allow-listed in these tests; nothing is sent to it

        String created = mvc.perform(post("/api/subscriptions").header("Authorization", officer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "unit", "van-hoa-thong-tin",
                                "channel", "WEBHOOK", "target", "https://chatbot.example.vn/loa",
                                "events", List.of("report-returned", "report-due-soon")))))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.language").value("vi"))
                .andExpect(header().exists("ETag"))
                .andExpect(jsonPath("$.secret", startsWith("whsec_"))) // generated (Standard Webhooks), shown once
                .andReturn().getResponse().getContentAsString();
        String id = json.readTree(created).get("id").asString();

        String etag = mvc.perform(get("/api/subscriptions/" + id).header("Authorization", officer))
                .andExpect(status().isOk())
                .andExpect(header().exists("ETag"))
                .andExpect(jsonPath("$.secret").doesNotExist())
                .andExpect(jsonPath("$.signed").value(true))
                .andReturn().getResponse().getHeader("ETag");
        mvc.perform(get("/api/subscriptions?size=200")
                        .header("Authorization", TestTokens.bearer("ductho.vhtt", "DISTRICT_OFFICER", district)))
                .andExpect(jsonPath("$.items[*].id", hasItem(id)));
        mvc.perform(get("/api/subscriptions?size=200")
                        .header("Authorization", TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau")))
                .andExpect(jsonPath("$.items[*].id", not(hasItem(id))));
        mvc.perform(get("/api/subscriptions/" + id)
                        .header("Authorization", TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Không tìm thấy"))
                .andExpect(jsonPath("$.detail").value("Không tìm thấy đăng ký nhận thông báo " + id + "."));
        mvc.perform(get("/api/subscriptions/" + id).header("Accept-Language", "en")
                        .header("Authorization", TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau")))
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("Subscription " + id + " was not found."));

        // Outside the caller's scope: 404, as if the org unit did not exist.
        mvc.perform(post("/api/subscriptions")
                        .header("Authorization", TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "EMAIL",
                                "target", "a@b.vn", "events", List.of("report-returned")))))
                .andExpect(status().isNotFound());
        // A province viewer reads but does not subscribe.
        mvc.perform(post("/api/subscriptions")
                        .header("Authorization", TestTokens.bearer("hatinh.viewer", "PROVINCE_VIEWER", "ha-tinh"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "EMAIL",
                                "target", "a@b.vn", "events", List.of("report-returned")))))
                .andExpect(status().isForbidden());

        String nonsense = json.writeValueAsString(Map.of("orgUnit", commune, "channel", "PIGEON",
                "target", "not a url", "events", List.of("plan-eaten"), "language", "fr"));
        mvc.perform(post("/api/subscriptions").header("Authorization", officer)
                        .contentType(MediaType.APPLICATION_JSON).content(nonsense))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.title").value("Dữ liệu không hợp lệ"))
                .andExpect(jsonPath("$.errors[?(@.field == 'channel')].message").value(hasItem("phải là EMAIL hoặc WEBHOOK")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("events")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("language")));
        mvc.perform(post("/api/subscriptions").header("Authorization", officer).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(nonsense))
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.title").value("Validation failed"))
                .andExpect(jsonPath("$.errors[?(@.field == 'channel')].message").value(hasItem("must be EMAIL or WEBHOOK")));

        // An operator reads and makes no subscription (least privilege): 403, whether it exists or not.
        String operator = TestTokens.bearer("operator", "OPERATOR", "ha-tinh");
        mvc.perform(get("/api/subscriptions/" + id).header("Authorization", operator))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        mvc.perform(get("/api/subscriptions/" + java.util.UUID.randomUUID()).header("Authorization", operator))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/subscriptions").header("Authorization", operator)).andExpect(status().isForbidden());
        mvc.perform(post("/api/subscriptions").header("Authorization", operator)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "EMAIL",
                                "target", "a@b.vn", "events", List.of("report-returned")))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/notifications").header("Authorization", operator)).andExpect(status().isForbidden());
        // and officers do not run the deliveries
        mvc.perform(get("/api/deliveries").header("Authorization", officer).header("Accept-Language", "en"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("Deliveries are listed and retried by an operator."));

        mvc.perform(delete("/api/subscriptions/" + id)
                        .header("Authorization", TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau")))
                .andExpect(status().isNotFound());
        // Deleting is a change: without If-Match 428, with another version 412.
        mvc.perform(delete("/api/subscriptions/" + id).header("Authorization", officer))
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.code").value("precondition-required"));
        mvc.perform(delete("/api/subscriptions/" + id).header("Authorization", officer).header("If-Match", "\"7\""))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.code").value("version-conflict"));
        mvc.perform(delete("/api/subscriptions/" + id).header("Authorization", officer).header("If-Match", etag))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/subscriptions/" + id).header("Authorization", officer))
                .andExpect(status().isNotFound());
    }

    @Test
    void webhooksToPrivateLoopbackAndMetadataAddressesAreRefusedWhenSubscribing() throws Exception {
        String commune = unique("lien-minh");
        String officer = TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", commune);
        HOSTS.answer("metadata.loa.test", "169.254.169.254");
        HOSTS.answer("intranet.loa.test", "93.184.215.14", "192.168.10.20");
        // The targets of issue 15, and their disguises. Loopback is allow-listed in these tests (the
        // receivers listen there), so the loopback case is the stack's own port; the default is tested
        // in WebhookTargetsTests.
        for (String target : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/x",
                "http://localhost:8081/api/plans", "http://127.0.0.1:15432/", "http://metadata.loa.test/latest/",
                "https://intranet.loa.test/hook", "http://[fd00::1]/x", "http://100.64.1.1/", "http://224.0.0.251/",
                "http://0.0.0.0/", "https://no-such-host.loa.test/hook", "ftp://example.vn/x",
                "http://user:pass@example.vn/x")) {
            mvc.perform(post("/api/subscriptions").header("Authorization", officer)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "WEBHOOK",
                                    "target", target, "events", List.of("report-returned")))))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("validation-failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("target"));
        }
        mvc.perform(post("/api/subscriptions").header("Authorization", officer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "WEBHOOK",
                                "target", "http://169.254.169.254/latest/meta-data/", "events", List.of("report-returned")))))
                .andExpect(jsonPath("$.errors[0].message", containsString("link-local")));
        assertThat(jdbc.sql("select count(*) from subscription where org_unit = :c").param("c", commune)
                .query(Long.class).single()).isZero();
    }

    @Test
    void emailAddressesAreParsedStrictlyAndSecretsAreStandardWebhooksSecrets() throws Exception {
        String commune = unique("lien-minh");
        String officer = TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", commune);
        for (String address : List.of("a@b,c.d", "vhtt@lien-minh.example.vn, ct@lien-minh.example.vn",
                "Văn thư <vt@lien-minh.example.vn>", "vt@lien-minh.example.vn\r\nBcc: x@y.vn")) {
            mvc.perform(post("/api/subscriptions").header("Authorization", officer)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "EMAIL",
                                    "target", address, "events", List.of("report-returned")))))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("target"));
        }
        HOSTS.answer("hooks.lien-minh.loa.test", "127.0.0.1");
        mvc.perform(post("/api/subscriptions").header("Authorization", officer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "WEBHOOK",
                                "target", "https://hooks.lien-minh.loa.test/loa", "events", List.of("report-returned"),
                                "secret", "bí-mật-của-xã-liên-minh-2022"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("secret"))
                .andExpect(jsonPath("$.errors[0].message", containsString("whsec_")));
    }

    @Test
    void everyRequestFieldHasAMaximumThatTheAnswerNames() throws Exception {
        String officer = TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("orgUnit", "x".repeat(101));
        body.put("unit", "u".repeat(101));
        body.put("channel", "C".repeat(21));
        body.put("target", "https://example.vn/" + "p".repeat(2048));
        body.put("events", java.util.Collections.nCopies(21, "report-returned"));
        body.put("secret", "whsec_" + "A".repeat(100));
        body.put("language", "vi-VN-x");
        mvc.perform(post("/api/subscriptions").header("Authorization", officer).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors.length()").value(7))
                .andExpect(jsonPath("$.errors[?(@.field == 'orgUnit')].message")
                        .value(hasItem("must be at most 100 characters long (it has 101)")))
                .andExpect(jsonPath("$.errors[?(@.field == 'target')].message")
                        .value(hasItem("must be at most 2,048 characters long (it has 2,067)")))
                .andExpect(jsonPath("$.errors[?(@.field == 'events')].message").value(hasItem("must have at most 20 items (it has 21)")));
        // The same limits in Vietnamese, the default language.
        mvc.perform(post("/api/subscriptions").header("Authorization", officer)
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)))
                .andExpect(jsonPath("$.title").value("Dữ liệu không hợp lệ"))
                .andExpect(jsonPath("$.errors[?(@.field == 'orgUnit')].message").value(hasItem("phải có tối đa 100 ký tự (hiện có 101)")))
                .andExpect(jsonPath("$.errors[?(@.field == 'events')].message").value(hasItem("phải có tối đa 20 mục (hiện có 21)")));
        body.put("orgUnit", "lien-minh");
        body.put("unit", null);
        body.put("channel", "EMAIL");
        body.put("target", "vt@lien-minh.example.vn");
        body.put("secret", null);
        body.put("language", "vi");
        body.put("events", List.of("report-returned", "r".repeat(41)));
        mvc.perform(post("/api/subscriptions").header("Authorization", officer).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field", startsWith("events")))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most 40 characters long (it has 41)"));
    }

    @Test
    void everyEndpointNeedsAToken() throws Exception {
        mvc.perform(get("/api/notifications")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/subscriptions")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/deliveries")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/notifications?size=500")
                        .header("Authorization", TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh")))
                .andExpect(status().isBadRequest());
    }
}
