package vn.loa.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.E2E.array;
import static vn.loa.e2e.E2E.eventually;
import static vn.loa.e2e.E2E.object;

/**
 * What the access tests ({@link AccessMatrixE2EIT}, {@link GatewaySecurityE2EIT}) share on the stack of this JVM,
 * made once by the first of them:
 * <ul>
 *   <li>Liên Minh's objects: the demo plan 01/KH-UBND of 2022 (plan-service's demo data), an activity scheduled
 *       under it, a PNG uploaded to that activity, an e-mail subscription and a notification of Liên Minh's inbox
 *       (the activity's activity-scheduled notice);</li>
 *   <li>a second district, Nghi Xuân with its commune Xuân Hồng, registered by the operator through the org-unit
 *       API (the demo tree has one district), whose officer ({@link LoaStack#OTHER_DISTRICT_OFFICER}, from the
 *       stack's users file) has made a plan of Xuân Hồng: proof that the caller is let in where it belongs, so
 *       that its 404s on Liên Minh's objects are the scope's doing;</li>
 *   <li>a forged token: Liên Minh's with its org unit changed to the province, the signature no longer matching.</li>
 * </ul>
 */
record AccessWorld(String activity, String evidence, String subscription, String notification, String forged,
                   String otherDistrictPlan) {

    static final String LM_PLAN = "a0000000-2022-4000-8000-000000000001";
    /** Đức Thọ's demo plan 169/KH-UBND of 2022, from which the communes' plans derive. */
    static final String DISTRICT_PLAN = "a0000000-2022-4000-8000-000000000169";
    static final String OTHER_DISTRICT = "nghi-xuan";
    static final String OTHER_DISTRICT_COMMUNE = "xuan-hong";
    /** The title of the activity; Liên Minh's notification is the one whose subject names it. */
    static final String ACTIVITY_TITLE = "Phát thanh chuyên mục CCHC quý II (kiểm tra phân quyền)";
    /** The smallest PNG (1×1, grey). */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==");

    private static AccessWorld instance;

    static synchronized AccessWorld get(LoaStack stack) {
        if (instance == null) {
            instance = make(stack);
        }
        return instance;
    }

    private static AccessWorld make(LoaStack stack) {
        Api api = stack.gateway();
        String owner = stack.token("lienminh.vhtt");
        String[] parts = owner.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"lien-minh\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace("\"lien-minh\"", "\"ha-tinh\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        ObjectNode body = object().put("planId", LM_PLAN).put("title", ACTIVITY_TITLE).put("channel", "RADIO")
                .put("unit", "van-hoa-thong-tin").put("dueDate", "2022-06-30");
        body.set("targetCodes", array("CT-2"));
        body.set("topics", array());
        body.set("coordinatingUnits", array());
        String activity = created(api, "/api/activities", owner, body);
        String evidence = uploaded(stack, "/api/activities/" + activity + "/evidence", owner);
        String subscription = created(api, "/api/subscriptions", owner, object().put("orgUnit", "lien-minh")
                .put("channel", "EMAIL").put("target", "phan-quyen@lien-minh.example.vn")
                .set("events", array("report-approved")));
        String[] found = new String[1];
        eventually().untilAsserted(() -> {
            found[0] = null;
            for (JsonNode n : api.get("/api/notifications?size=200", owner).json().get("items")) {
                if (n.get("subject").asString().contains(ACTIVITY_TITLE)) {
                    found[0] = n.get("id").asString();
                }
            }
            assertThat(found[0]).as("Liên Minh's activity-scheduled notification").isNotNull();
        });

        String operator = stack.token("operator");
        register(api, operator, object().put("code", OTHER_DISTRICT).put("name", "Huyện Nghi Xuân")
                .put("level", "DISTRICT").put("parentCode", "ha-tinh").put("abbreviation", "UBND")
                .put("issuerName", "UBND huyện Nghi Xuân").put("parentBodyName", "UBND tỉnh Hà Tĩnh")
                .put("placeName", "Nghi Xuân"));
        register(api, operator, object().put("code", OTHER_DISTRICT_COMMUNE).put("name", "Xã Xuân Hồng")
                .put("level", "COMMUNE").put("parentCode", OTHER_DISTRICT).put("abbreviation", "UBND")
                .put("issuerName", "UBND xã Xuân Hồng").put("parentBodyName", "UBND huyện Nghi Xuân")
                .put("placeName", "Xuân Hồng"));
        String otherDistrict = stack.token(LoaStack.OTHER_DISTRICT_OFFICER);
        Api.Response commune = api.get("/api/org-units/" + OTHER_DISTRICT_COMMUNE, otherDistrict);
        assertThat(commune.status()).as(commune.toString()).isEqualTo(200);
        assertThat(commune.json().get("path").toString()).contains(OTHER_DISTRICT);
        String plan = created(api, "/api/plans", otherDistrict, object().put("orgUnit", OTHER_DISTRICT_COMMUNE)
                .put("year", 2022).put("title", "Kế hoạch tuyên truyền cải cách hành chính năm 2022 của xã Xuân Hồng"));
        return new AccessWorld(activity, evidence, subscription, found[0], forged, plan);
    }

    /** The operator registers a unit (201), waiting out a plan-service that is not yet ready. */
    private static void register(Api api, String operator, ObjectNode unit) {
        unit.set("units", array());
        eventually().untilAsserted(() -> {
            Api.Response registered = api.post("/api/org-units", operator, unit);
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        });
    }

    private static String created(Api api, String path, String token, Object body) {
        String[] id = new String[1];
        eventually().untilAsserted(() -> {
            Api.Response created = api.post(path, token, body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            id[0] = created.json().get("id").asString();
        });
        return id[0];
    }

    /** A PNG as multipart part "file" (Api sends JSON only). */
    private static String uploaded(LoaStack stack, String path, String token) {
        String boundary = "loa-" + UUID.randomUUID();
        byte[] all = multipart(boundary);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(all)).build();
        String[] id = new String[1];
        eventually().untilAsserted(() -> {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(201);
            id[0] = Api.JSON.readTree(response.body()).get("id").asString();
        });
        return id[0];
    }

    /** One part "file": anh.png, image/png. */
    static byte[] multipart(String boundary) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anh.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + PNG.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(PNG, 0, all, head.length, PNG.length);
        System.arraycopy(tail, 0, all, head.length + PNG.length, tail.length);
        return all;
    }
}
