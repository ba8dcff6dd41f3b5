package vn.loa.activity.it;

import org.junit.jupiter.api.Test;
import vn.loa.activity.Http;
import vn.loa.activity.IntegrationTestSupport;
import vn.loa.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import vn.loa.activity.access.AccessPolicy;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;

import java.util.Set;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Org scope by the plan's org-unit path; roles; tokens. Directly on the service. */
class AccessIT extends IntegrationTestSupport {

    static final String TUNG_CHAU_OFFICER = TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau");
    static final String OPERATOR = TestTokens.bearer("operator", "OPERATOR", "ha-tinh");

    @Autowired
    AccessPolicy access;

    @Test
    void withoutAValidTokenTheAnswerIs401() {
        assertThat(http.get("/api/activities", null).status()).isEqualTo(401);
        assertThat(http.get("/api/activities", TestTokens.expired("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh")).status())
                .isEqualTo(401);
        assertThat(http.get("/api/activities", TestTokens.signedByAnotherKey("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh"))
                .status()).isEqualTo(401);
    }

    @Test
    void anotherCommunesOfficerSeesNothingOfLienMinh() {
        UUID plan = issuedPlan("lien-minh");
        UUID id = schedule(LIEN_MINH_OFFICER, plan, "Chuyên mục", LocalDate.of(2022, 6, 30));
        assertProblem(http.get("/api/activities/" + id, TUNG_CHAU_OFFICER), 404, "not-found");
        assertProblem(act(TUNG_CHAU_OFFICER, id, "start", null), 404, "not-found");
        assertThat(http.get("/api/activities?planId=" + plan, TUNG_CHAU_OFFICER).json().get("total").asLong()).isZero();
        assertProblem(http.post("/api/activities", TUNG_CHAU_OFFICER, newActivity(plan, "x", LocalDate.of(2022, 6, 30))),
                422, "plan-not-issued");
    }

    @Test
    void theDistrictOfficerReadsAndWorksOnItsCommunes() {
        UUID plan = issuedPlan("lien-minh");
        UUID id = schedule(DISTRICT_OFFICER, plan, "Tập huấn do huyện hỗ trợ", LocalDate.of(2022, 6, 30));
        assertThat(http.get("/api/activities/" + id, DISTRICT_OFFICER).status()).isEqualTo(200);
        assertThat(act(DISTRICT_OFFICER, id, "start", null).status()).isEqualTo(200);
        assertThat(http.get("/api/activities?planId=" + plan, DISTRICT_OFFICER).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void theProvinceViewerReadsButMayNotChange() {
        UUID plan = issuedPlan("lien-minh");
        UUID id = schedule(LIEN_MINH_OFFICER, plan, "Chuyên mục", LocalDate.of(2022, 6, 30));
        Http.Response read = http.get("/api/activities/" + id, PROVINCE_VIEWER);
        assertThat(read.status()).isEqualTo(200);
        assertThat(http.get("/api/activities?planId=" + plan, PROVINCE_VIEWER).json().get("total").asLong()).isEqualTo(1);
        assertProblem(act(PROVINCE_VIEWER, id, "start", null), 403, "forbidden");
        assertProblem(act(PROVINCE_VIEWER, id, "complete", completion(LocalDate.of(2022, 6, 1), 1)),
                403, "forbidden");
        assertProblem(http.post("/api/activities", PROVINCE_VIEWER, newActivity(plan, "x", LocalDate.of(2022, 6, 30))),
                403, "forbidden");
        assertThat(http.get("/api/activities/" + id, LIEN_MINH_OFFICER).json().get("status").asString()).isEqualTo("PLANNED");
    }

    @Test
    void theOperatorRoleHasNoBusinessWithActivities() {
        UUID id = schedule(LIEN_MINH_OFFICER, issuedPlan("lien-minh"), "Chuyên mục", LocalDate.of(2022, 6, 30));
        assertProblem(http.get("/api/activities", OPERATOR), 403, "forbidden");
        assertProblem(http.get("/api/activities/" + id, OPERATOR), 403, "forbidden");
        assertProblem(http.get("/api/activities/" + id + "/history", OPERATOR), 403, "forbidden");
        assertProblem(act(OPERATOR, id, "start", null), 403, "forbidden");
        assertProblem(http.get("/api/activities/import/template", OPERATOR), 403, "forbidden");
    }

    @Test
    void everyChangeNeedsTheVersionReadInIfMatch() {
        UUID id = schedule(LIEN_MINH_OFFICER, issuedPlan("lien-minh"), "Chuyên mục", LocalDate.of(2022, 6, 30));
        assertProblem(http.post("/api/activities/" + id + "/start", LIEN_MINH_OFFICER, null), 428, "precondition-required");
        assertProblem(http.post("/api/activities/" + id + "/complete", LIEN_MINH_OFFICER, completion(LocalDate.of(2022, 6, 1), 1)),
                428, "precondition-required");
        assertProblem(http.post("/api/activities/" + id + "/cancel", LIEN_MINH_OFFICER, java.util.Map.of("reason", "x")),
                428, "precondition-required");
        // Out of scope is 404 before any precondition: the caller learns nothing of the activity.
        assertProblem(http.post("/api/activities/" + id + "/start", TUNG_CHAU_OFFICER, null), 404, "not-found");
        assertThat(http.post("/api/activities/" + id + "/start", LIEN_MINH_OFFICER, null,
                java.util.Map.of("If-Match", "\"1\"")).status()).isEqualTo(200);
    }

    /**
     * Every endpoint of the service, including those added with corrections, imports and evidence files (issue 16,
     * 18): 401 without a token, 403 for an operator (business data is not theirs), and for another commune's officer
     * 404 on every object of Liên Minh, as if it did not exist. The gateway's security tests check the same at the edge.
     */
    @Test
    void everyEndpointAnswers401WithoutToken403ToAnOperatorAnd404ForAnotherCommunesObject() throws Exception {
        UUID id = schedule(LIEN_MINH_OFFICER, issuedPlan("lien-minh"), "Chuyên mục", LocalDate.of(2022, 6, 30));
        UUID file = UUID.randomUUID();
        String a = "/api/activities/" + id;
        java.util.List<String[]> endpoints = java.util.List.of(
                new String[] {"GET", "/api/activities"}, new String[] {"POST", "/api/activities"},
                new String[] {"GET", a}, new String[] {"PATCH", a}, new String[] {"GET", a + "/history"},
                new String[] {"POST", a + "/start"}, new String[] {"POST", a + "/complete"},
                new String[] {"POST", a + "/cancel"}, new String[] {"POST", "/api/activities/import"},
                new String[] {"GET", "/api/activities/import/template"}, new String[] {"GET", a + "/evidence"},
                new String[] {"POST", a + "/evidence"}, new String[] {"GET", a + "/evidence/" + file},
                new String[] {"GET", a + "/evidence/" + file + "/thumbnail"}, new String[] {"DELETE", a + "/evidence/" + file},
                new String[] {"GET", "/api/evidence/lien-minh/2022-Q2.zip"});
        for (String[] e : endpoints) {
            assertThat(call(e[0], e[1], null)).as("%s %s without a token", e[0], e[1]).isEqualTo(401);
            assertThat(call(e[0], e[1], OPERATOR)).as("%s %s as an operator", e[0], e[1]).isEqualTo(403);
        }
        for (String[] e : endpoints) {
            if (e[1].startsWith(a) || e[1].startsWith("/api/evidence/")) {
                assertThat(call(e[0], e[1], TUNG_CHAU_OFFICER)).as("%s %s by another commune's officer", e[0], e[1])
                        .isEqualTo(404);
            }
        }
        assertThat(http.get(a, LIEN_MINH_OFFICER).json().get("version").asLong()).isEqualTo(1);
    }

    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

    @Autowired
    org.springframework.core.env.Environment environment;

    private int port() {
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }

    /** The status of a request with a small valid-looking body of the endpoint's kind (If-Match where changes need it). */
    private int call(String method, String path, String bearer) throws Exception {
        String contentType = path.endsWith("/import") ? "text/csv"
                : path.endsWith("/evidence") ? "multipart/form-data; boundary=b" : "application/json";
        String body = path.endsWith("/import") ? "planId,title,channel,unit,dueDate\n"
                : path.endsWith("/evidence") ? "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--b--\r\n"
                : path.endsWith("/complete") ? Http.json(completion(LocalDate.of(2022, 6, 1), 1))
                : path.endsWith("/cancel") ? "{\"reason\":\"Lý do\"}"
                : method.equals("PATCH") ? "{\"reason\":\"Lý do\",\"title\":\"Tiêu đề\"}" : "{}";
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port() + path))
                .header("Content-Type", contentType).header("If-Match", "\"1\"")
                .method(method, method.equals("GET") || method.equals("DELETE") ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return CLIENT.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void thePolicyAnswersForOtherFeaturesWhetherACallerMayReadOrChangeAnActivity() {
        UUID id = schedule(LIEN_MINH_OFFICER, issuedPlan("lien-minh"), "Chuyên mục", LocalDate.of(2022, 6, 30));
        CurrentUser lienMinh = new CurrentUser("lienminh.vhtt", Set.of(Roles.COMMUNE_OFFICER), "lien-minh");
        CurrentUser tungChau = new CurrentUser("tungchau.vhtt", Set.of(Roles.COMMUNE_OFFICER), "tung-chau");
        CurrentUser viewer = new CurrentUser("hatinh.viewer", Set.of(Roles.PROVINCE_VIEWER), "ha-tinh");
        access.requireActivity(lienMinh, id, AccessPolicy.Access.WRITE);
        access.requireActivity(viewer, id, AccessPolicy.Access.READ);
        assertThatThrownBy(() -> access.requireActivity(viewer, id, AccessPolicy.Access.WRITE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> access.requireActivity(tungChau, id, AccessPolicy.Access.READ))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() -> access.requireActivity(lienMinh, UUID.randomUUID(), AccessPolicy.Access.READ))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
    }

    @Test
    void theParkedOutboxRowsAreForOperatorsOnly() {
        assertThat(http.get("/api/ops/outbox/parked", null).status()).isEqualTo(401);
        assertProblem(http.get("/api/ops/outbox/parked", LIEN_MINH_OFFICER), 403, "forbidden");
        assertProblem(http.post("/api/ops/outbox/parked/" + UUID.randomUUID() + "/replay", DISTRICT_OFFICER, null),
                403, "forbidden");
        Http.Response list = http.get("/api/ops/outbox/parked", OPERATOR);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().has("items")).isTrue();
        assertThat(http.post("/api/ops/outbox/parked/" + UUID.randomUUID() + "/replay", OPERATOR, null).status()).isEqualTo(404);
    }
}
