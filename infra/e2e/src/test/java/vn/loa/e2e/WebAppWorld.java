package vn.loa.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.E2E.array;
import static vn.loa.e2e.E2E.eventually;
import static vn.loa.e2e.E2E.object;

/**
 * The world of the web app's browser tests, made through the API where a test needs it ready: Đức Thọ's
 * plan of {@value #YEAR} (a past year, so completion dates are never in the future, and a year no other
 * test plays: these classes own Đức Thọ's {@value #YEAR}), Liên Minh's plan derived from it, activities,
 * reports. Runs on the shared {@link LoaStack}, or with {@code -Dloa.webapp.url=http://localhost:8080}
 * against a stack that is already running (e.g. {@code ./loa up}, or {@code WebAppStackHold}).
 */
final class WebAppWorld {

    static final int YEAR = 2023;
    static final String LIEN_MINH = "lienminh.vhtt";
    static final String DUC_THO = "ductho.vhtt";
    static final String OPERATOR = "operator";

    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private record Token(String value, long fetchedAtNanos) {
    }
    private static String districtPlan;
    private static final Map<String, String> PLANS = new ConcurrentHashMap<>();

    private WebAppWorld() {
    }

    static boolean external() {
        String url = System.getProperty("loa.webapp.url");
        return url != null && !url.isBlank();
    }

    static String baseUrl() {
        return external() ? System.getProperty("loa.webapp.url") : LoaStack.get().gatewayUrl();
    }

    static Api api() {
        return external() ? new Api(baseUrl()) : LoaStack.get().gateway();
    }

    static String token(String user) {
        if (!external()) {
            return LoaStack.get().token(user);
        }
        // Access tokens live 10 minutes: a cached one is fetched again after 4 (a run against a held stack is longer).
        Token cached = TOKENS.get(user);
        if (cached != null && System.nanoTime() - cached.fetchedAtNanos() < TimeUnit.MINUTES.toNanos(4)) {
            return cached.value();
        }
        String fresh = api().post("/auth/token", null, object().put("username", user).put("password", "demo"))
                .json().get("access_token").asString();
        TOKENS.put(user, new Token(fresh, System.nanoTime()));
        return fresh;
    }

    static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        return response.json();
    }

    static Api.Response change(String method, String path, String user, Object body) {
        Api.Response read = api().get(path.replaceAll("/(issue|start|complete|cancel|submit|approve|return|narrative|close|reopen)$", ""), token(user));
        return api().send(method, path, token(user), body, Map.of("If-Match", read.header("ETag")));
    }

    /** Đức Thọ's plan of {@value #YEAR}, issued on 10 January. */
    static synchronized String districtPlan() {
        if (districtPlan != null) {
            return districtPlan;
        }
        JsonNode existing = ok(api().get("/api/plans?orgUnit=duc-tho&year=" + YEAR + "&status=ISSUED", token(DUC_THO)));
        if (existing.get("total").asInt() > 0) {
            return districtPlan = existing.get("items").get(0).get("id").asString();
        }
        ObjectNode plan = object().put("orgUnit", "duc-tho").put("year", YEAR)
                .put("title", "Tuyên truyền cải cách hành chính huyện Đức Thọ năm " + YEAR);
        plan.putArray("legalBases").addObject().put("documentNumber", "76/NQ-CP").put("issuedOn", "2021-07-15")
                .put("issuer", "Chính phủ").put("title", "về Chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030");
        plan.putArray("purposes").add("Nâng cao nhận thức của cán bộ, công chức và Nhân dân về cải cách hành chính.");
        plan.putArray("requirements").add("Tuyên truyền thường xuyên, đúng tiến độ.");
        ArrayNode targets = plan.putArray("targets");
        target(targets, "CT-1", "Tin bài CCHC trên trang thông tin điện tử", "WEBSITE", "phong-vhtt", 3);
        target(targets, "CT-2", "Chuyên mục CCHC trên truyền thanh cơ sở", "RADIO", "phong-vhtt", 3);
        target(targets, "CT-3", "Hỗ trợ tra cứu tài liệu tại bưu điện", "POSTAL_SERVICE", "buu-dien-huyen", 1);
        ArrayNode topics = plan.putArray("topics");
        topics.addObject().put("code", "a").put("title", "Chủ trương, chính sách về CCHC").putArray("items").add("Chương trình tổng thể CCHC 2021-2030");
        topics.addObject().put("code", "b").put("title", "Dịch vụ công trực tuyến").putArray("items").add("Nộp hồ sơ trực tuyến");
        plan.set("channels", array("WEBSITE", "RADIO", "POSTAL_SERVICE"));
        plan.putArray("budget").addObject().put("source", "DISTRICT").put("amountVnd", 20_000_000L);
        ArrayNode assignments = plan.putArray("assignments");
        assignments.addObject().put("unit", "phong-vhtt").put("role", "LEAD").put("duties", "Chủ trì, hướng dẫn các xã");
        assignments.addObject().put("unit", "buu-dien-huyen").put("role", "COORDINATE").put("duties", "Phối hợp");
        plan.putArray("recipients").addObject().put("name", "UBND các xã").put("purpose", "thực hiện");
        Api.Response created = api().post("/api/plans", token(DUC_THO), plan);
        String id = ok(created).get("id").asString();
        ok(api().send("POST", "/api/plans/" + id + "/issue", token(DUC_THO), object().put("issuedOn", YEAR + "-01-10"),
                Map.of("If-Match", created.header("ETag"))));
        return districtPlan = id;
    }

    private static void target(ArrayNode targets, String code, String description, String channel, String unit, int quarterly) {
        ObjectNode t = targets.addObject().put("code", code).put("description", description).put("indicator", "COUNT")
                .put("yearlyValue", quarterly * 4).put("channel", channel).put("unit", unit);
        t.putArray("quarterlyValues").add(quarterly).add(quarterly).add(quarterly).add(quarterly);
    }

    /** Liên Minh's draft of {@value #YEAR}, derived from the district's by the district (a commune cannot read it). */
    static String lienMinhPlan() {
        return communePlan("lien-minh", LIEN_MINH);
    }

    /** Liên Minh's plan, issued (by the browser test of the commune when it ran first, else here). */
    static String lienMinhPlanIssued() {
        return communePlanIssued("lien-minh", LIEN_MINH);
    }

    static synchronized String communePlan(String commune, String user) {
        String known = PLANS.get(commune);
        if (known != null) {
            return known;
        }
        String parent = districtPlan();
        JsonNode existing = ok(api().get("/api/plans?orgUnit=" + commune + "&year=" + YEAR, token(user)));
        String id = existing.get("total").asInt() > 0 ? existing.get("items").get(0).get("id").asString()
                : ok(api().post("/api/plans/" + parent + "/derive", token(DUC_THO), object().put("orgUnit", commune))).get("id").asString();
        PLANS.put(commune, id);
        return id;
    }

    static String communePlanIssued(String commune, String user) {
        String id = communePlan(commune, user);
        JsonNode plan = ok(api().get("/api/plans/" + id, token(user)));
        if ("DRAFT".equals(plan.get("status").asString())) {
            ok(change("POST", "/api/plans/" + id + "/issue", user, object().put("issuedOn", YEAR + "-01-20")));
        }
        return id;
    }

    /** Schedules an activity of Liên Minh; retried while activity-service has not yet got the plan from Kafka. */
    static String schedule(String title, String channel, String target, String dueDate) {
        String plan = lienMinhPlanIssued();
        ObjectNode body = object().put("planId", plan).put("title", title).put("channel", channel)
                .put("unit", "van-hoa-thong-tin").put("dueDate", dueDate).put("plannedQuantity", 1);
        body.set("targetCodes", array(target));
        String[] id = new String[1];
        eventually().untilAsserted(() -> {
            Api.Response r = api().post("/api/activities", token(LIEN_MINH), body);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            id[0] = r.json().get("id").asString();
        });
        return id[0];
    }

    static void complete(String activity, String on, int quantity) {
        ok(change("POST", "/api/activities/" + activity + "/complete", LIEN_MINH,
                object().put("completedOn", on).put("quantity", quantity).put("reach", 100).set("evidence", Api.JSON.createArrayNode())));
    }

    /** A commune's report of a period, with a narrative, submitted by its officer. */
    static void submitReport(String commune, String user, String period, String results) {
        String path = "/api/reports/" + commune + "/" + period;
        communePlanIssued(commune, user);
        eventually().untilAsserted(() -> ok(change("PUT", path + "/narrative", user, object().put("results", results)
                .put("shortcomings", "Chưa tổ chức được hội nghị ở thôn.").put("nextSteps", "Tăng chuyên mục truyền thanh."))));
        ok(change("POST", path + "/submit", user, null));
    }
}
