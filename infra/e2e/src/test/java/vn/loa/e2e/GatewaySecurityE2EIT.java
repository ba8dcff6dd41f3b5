package vn.loa.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.E2E.array;
import static vn.loa.e2e.E2E.eventually;
import static vn.loa.e2e.E2E.object;

/**
 * Issue 3's acceptance through the gateway with the real services, for each of plan, activity, reporting
 * and notification: no token 401, a forged token 401, wrong role 403, another commune's object 404 for
 * reading and for changing (tungchau.vhtt on Liên Minh's objects), the right user succeeds.
 *
 * <p>Liên Minh's objects: the demo plan 01/KH-UBND of 2022 (plan-service's demo data), an activity
 * scheduled under it here, its 2022-Q2 report, an email subscription made here and a notification of its
 * inbox (the activity's activity-scheduled notice).
 */
@ExtendWith(StackLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaySecurityE2EIT {

    private static final String LM_PLAN = "a0000000-2022-4000-8000-000000000001";
    private static final String LM_REPORT = "/api/reports/lien-minh/2022-Q2";

    private static LoaStack stack;
    private static Api api;
    private static String lienMinh;
    private static String tungChau;
    private static String viewer;
    private static String activity;
    private static String subscription;
    private static String notification;

    @BeforeAll
    static void liênMinhsObjects() {
        stack = LoaStack.get();
        api = stack.gateway();
        lienMinh = stack.token("lienminh.vhtt");
        tungChau = stack.token("tungchau.vhtt");
        viewer = stack.token("hatinh.viewer");
        String title = "Phát thanh chuyên mục CCHC quý II (kiểm tra phân quyền)";
        ObjectNode body = object().put("planId", LM_PLAN).put("title", title).put("channel", "RADIO")
                .put("unit", "van-hoa-thong-tin").put("dueDate", "2022-06-30");
        body.set("targetCodes", array("CT-2"));
        body.set("topics", array());
        body.set("coordinatingUnits", array());
        String[] id = new String[1];
        eventually().untilAsserted(() -> {
            Api.Response created = api.post("/api/activities", lienMinh, body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            id[0] = created.json().get("id").asString();
        });
        activity = id[0];
        eventually().untilAsserted(() -> {
            Api.Response created = api.post("/api/subscriptions", lienMinh, object().put("orgUnit", "lien-minh")
                    .put("channel", "EMAIL").put("target", "phan-quyen@lien-minh.example.vn")
                    .set("events", array("report-approved")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            id[0] = created.json().get("id").asString();
        });
        subscription = id[0];
        eventually().untilAsserted(() -> {
            JsonNode inbox = api.get("/api/notifications?size=200", lienMinh).json();
            String found = null;
            for (JsonNode n : inbox.get("items")) {
                if (n.get("subject").asString().contains(title)) {
                    found = n.get("id").asString();
                }
            }
            assertThat(found).isNotNull();
            id[0] = found;
        });
        notification = id[0];
    }

    @Test
    void noTokenIs401ForEveryService() {
        for (String path : new String[] {"/api/plans/" + LM_PLAN, "/api/activities/" + activity, LM_REPORT,
                "/api/notifications", "/api/subscriptions/" + subscription}) {
            assertProblem(api.get(path, null), 401);
        }
        assertProblem(api.post("/api/plans/" + LM_PLAN + "/close", null, null), 401);
        assertProblem(api.post("/api/activities/" + activity + "/cancel", null, object().put("reason", "x")), 401);
        assertProblem(api.post(LM_REPORT + "/submit", null, null), 401);
        assertProblem(api.post("/api/notifications/" + notification + "/read", null, null), 401);
    }

    @Test
    void aForgedTokenIs401ForEveryService() {
        // Liên Minh's token with its org unit changed to the province: the signature no longer matches.
        String[] parts = lienMinh.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"lien-minh\"", "\"ha-tinh\"");
        assertThat(claims).contains("\"ha-tinh\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        for (String path : new String[] {"/api/plans/" + LM_PLAN, "/api/activities/" + activity, LM_REPORT,
                "/api/notifications", "/api/subscriptions/" + subscription}) {
            assertProblem(api.get(path, forged), 401);
        }
    }

    @Test
    void theWrongRoleIs403ForEveryService() {
        // The province viewer reads everything below Hà Tĩnh but changes nothing.
        assertProblem(api.post("/api/plans/" + LM_PLAN + "/close", viewer, null), 403);
        assertProblem(api.post("/api/activities/" + activity + "/cancel", viewer, object().put("reason", "thử")), 403);
        // A commune officer does not approve its own report.
        assertProblem(api.post(LM_REPORT + "/approve", lienMinh, null), 403);
        // Deliveries are for operators; a viewer does not subscribe.
        assertProblem(api.get("/api/deliveries?status=DEAD", lienMinh), 403);
        assertProblem(api.post("/api/subscriptions", viewer, object().put("orgUnit", "ha-tinh").put("channel", "EMAIL")
                .put("target", "viewer@ha-tinh.example.vn").set("events", array("report-approved"))), 403);
    }

    @Test
    void anotherCommunesObjectIs404ForReadingAndForChanging() {
        // plan-service
        assertProblem(api.get("/api/plans/" + LM_PLAN, tungChau), 404);
        assertProblem(api.post("/api/plans/" + LM_PLAN + "/amendments", tungChau,
                object().put("reason", "Tùng Châu sửa kế hoạch của Liên Minh")), 404);
        // activity-service
        assertProblem(api.get("/api/activities/" + activity, tungChau), 404);
        assertProblem(api.post("/api/activities/" + activity + "/cancel", tungChau, object().put("reason", "thử")), 404);
        // reporting-service
        assertProblem(api.get(LM_REPORT, tungChau), 404);
        assertProblem(api.put(LM_REPORT + "/narrative", tungChau, object().put("results", "x")
                .put("shortcomings", "y").put("nextSteps", "z")), 404);
        // notification-service: Liên Minh's subscription and a notification of its inbox
        assertProblem(api.get("/api/subscriptions/" + subscription, tungChau), 404);
        assertProblem(api.delete("/api/subscriptions/" + subscription, tungChau), 404);
        assertProblem(api.post("/api/notifications/" + notification + "/read", tungChau, null), 404);
        assertThat(ids(api.get("/api/notifications?size=200", tungChau))).doesNotContain(notification);
    }

    @Test
    @Order(Integer.MAX_VALUE) // changes the objects the other tests read
    void theRightUserSucceeds() {
        assertThat(api.get("/api/plans/" + LM_PLAN, lienMinh).status()).isEqualTo(200);
        assertThat(api.get("/api/plans/" + LM_PLAN, viewer).status()).isEqualTo(200);
        assertThat(api.get("/api/activities/" + activity, lienMinh).status()).isEqualTo(200);
        String etag = api.get(LM_REPORT, lienMinh).header("ETag"); // a report change needs If-Match (428 without)
        Api.Response narrative = api.send("PUT", LM_REPORT + "/narrative", lienMinh, object()
                .put("results", "Đã phát 3 chuyên mục CCHC.").put("shortcomings", "Không có.").put("nextSteps", "Duy trì."),
                java.util.Map.of("If-Match", etag));
        assertThat(narrative.status()).as(narrative.toString()).isEqualTo(200);
        assertThat(api.get(LM_REPORT, lienMinh).json().get("narrative").get("results").asString())
                .isEqualTo("Đã phát 3 chuyên mục CCHC.");
        Api.Response read = api.post("/api/notifications/" + notification + "/read", lienMinh, null);
        assertThat(read.status()).as(read.toString()).isBetween(200, 204);
        assertThat(api.get("/api/subscriptions/" + subscription, lienMinh).status()).isEqualTo(200);
        // Changing last: the other tests of this class read these objects.
        String activityEtag = api.get("/api/activities/" + activity, stack.token("ductho.vhtt")).header("ETag");
        Api.Response cancelled = api.send("POST", "/api/activities/" + activity + "/cancel", stack.token("ductho.vhtt"),
                object().put("reason", "Huyện điều chỉnh lịch phát thanh"), java.util.Map.of("If-Match", activityEtag));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).contains("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "at vn.loa");
    }

    private static java.util.Set<String> ids(Api.Response page) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        page.json().get("items").forEach(n -> ids.add(n.get("id").asString()));
        return ids;
    }

}
