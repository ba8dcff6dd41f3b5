package vn.loa.notification.it;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
import vn.loa.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasLength;
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

        String created = mvc.perform(post("/api/subscriptions").header("Authorization", officer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "unit", "van-hoa-thong-tin",
                                "channel", "WEBHOOK", "target", "https://chatbot.example.vn/loa",
                                "events", List.of("report-returned", "report-due-soon")))))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.language").value("vi"))
                .andExpect(jsonPath("$.secret", hasLength(64))) // generated, shown once
                .andReturn().getResponse().getContentAsString();
        String id = json.readTree(created).get("id").asString();

        mvc.perform(get("/api/subscriptions/" + id).header("Authorization", officer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.secret").doesNotExist())
                .andExpect(jsonPath("$.signed").value(true));
        mvc.perform(get("/api/subscriptions?size=200")
                        .header("Authorization", TestTokens.bearer("ductho.vhtt", "DISTRICT_OFFICER", district)))
                .andExpect(jsonPath("$.items[*].id", hasItem(id)));
        mvc.perform(get("/api/subscriptions?size=200")
                        .header("Authorization", TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau")))
                .andExpect(jsonPath("$.items[*].id", not(hasItem(id))));
        mvc.perform(get("/api/subscriptions/" + id)
                        .header("Authorization", TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau")))
                .andExpect(status().isNotFound());

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

        mvc.perform(post("/api/subscriptions").header("Authorization", officer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("orgUnit", commune, "channel", "PIGEON",
                                "target", "not a url", "events", List.of("plan-eaten"), "language", "fr"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("channel")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("events")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("language")));

        mvc.perform(delete("/api/subscriptions/" + id)
                        .header("Authorization", TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau")))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/subscriptions/" + id).header("Authorization", officer))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/subscriptions/" + id).header("Authorization", officer))
                .andExpect(status().isNotFound());
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
