package vn.loa.planning;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.loa.testsupport.LoaIntegrationTest;
import vn.loa.testsupport.TestTokens;
import vn.loa.testsupport.TopicRecorder;
import vn.loa.testsupport.TopicRecorder.Received;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Base of plan-service's ITs: the whole application on a real PostgreSQL and a real Kafka broker
 * (infra/test-support), demo data on, requests through MockMvc with real JWTs.
 */
@LoaIntegrationTest
@AutoConfigureMockMvc
// The token settings are given here too: test-support registers them lazily, after the
// resource-server auto-configuration has chosen its JWT decoder from the properties it saw.
@TestPropertySource(properties = {
        "loa.demo-data.enabled=true",
        // the entities against the migrated schema: checked here, once per build, not at every start of the service
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:" + TestTokens.PUBLIC_KEY_RESOURCE,
        "loa.security.issuer=loa-test"})
public abstract class PlanServiceITBase {

    public static final String LIEN_MINH_PLAN = "a0000000-2022-4000-8000-000000000001";
    public static final String DISTRICT_PLAN = "a0000000-2022-4000-8000-000000000169";

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected Environment environment;

    protected static String lienMinh() {
        return TestTokens.bearer("lienminh.vhtt", "COMMUNE_OFFICER", "lien-minh");
    }

    protected static String tungChau() {
        return TestTokens.bearer("tungchau.vhtt", "COMMUNE_OFFICER", "tung-chau");
    }

    protected static String district() {
        return TestTokens.bearer("ductho.vhtt", "DISTRICT_OFFICER", "duc-tho");
    }

    protected static String viewer() {
        return TestTokens.bearer("hatinh.viewer", "PROVINCE_VIEWER", "ha-tinh");
    }

    protected static String operator() {
        return TestTokens.bearer("operator", "OPERATOR", "ha-tinh");
    }

    /** An HTTP answer: status, headers and the JSON body (null when empty). */
    protected record Answer(int status, Map<String, String> headers, JsonNode body, String raw) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String code() {
            return body == null || body.get("code") == null ? null : body.get("code").asString();
        }

        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            if (body != null && body.get("errors") != null) {
                body.get("errors").forEach(e -> fields.add(e.get("field").asString()));
            }
            return fields;
        }
    }

    protected Answer call(HttpMethod method, String path, String authorization, Object body, String... headers) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path).accept(MediaType.APPLICATION_JSON,
                MediaType.APPLICATION_PROBLEM_JSON, MediaType.APPLICATION_PDF);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            String text = body instanceof String s ? s : json.writeValueAsString(body);
            request.contentType(MediaType.APPLICATION_JSON).content(text.getBytes(StandardCharsets.UTF_8));
        }
        MvcResult result = mvc.perform(request).andReturn();
        var response = result.getResponse();
        String raw = response.getContentAsString(StandardCharsets.UTF_8);
        Map<String, String> hs = new java.util.HashMap<>();
        response.getHeaderNames().forEach(h -> hs.put(h.toLowerCase(), response.getHeader(h)));
        String type = response.getContentType();
        JsonNode node = raw.isBlank() || type == null || !type.contains("json") ? null : json.readTree(raw);
        return new Answer(response.getStatus(), hs, node, raw);
    }

    protected Answer get(String path, String token) throws Exception {
        return call(HttpMethod.GET, path, token, null);
    }

    protected Answer post(String path, String token, Object body, String... headers) throws Exception {
        return call(HttpMethod.POST, path, token, body, headers);
    }

    protected Answer put(String path, String token, Object body, String... headers) throws Exception {
        return call(HttpMethod.PUT, path, token, body, headers);
    }

    /** A complete draft body for a commune (Vietnamese text included). */
    protected ObjectNode communePlan(String orgUnit, int year) {
        ObjectNode p = json.createObjectNode();
        p.put("orgUnit", orgUnit);
        p.put("year", year);
        p.put("title", "Tuyên truyền cải cách hành chính năm " + year);
        p.putArray("legalBases").addObject()
                .put("documentNumber", "76/NQ-CP").put("issuedOn", "2021-07-15").put("issuer", "Chính phủ")
                .put("title", "về Chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030");
        p.putArray("purposes").add("Tiếp tục nâng cao nhận thức, trách nhiệm của các cấp, các ngành.");
        p.putArray("requirements").add("Thực hiện công tác tuyên truyền đạt hiệu quả, đảm bảo đúng tiến độ đề ra.");
        var targets = p.putArray("targets");
        ObjectNode radio = targets.addObject().put("code", "CT-2")
                .put("description", "Truyền thanh cơ sở có chuyên mục tuyên truyền về CCHC")
                .put("indicator", "COUNT").put("yearlyValue", 12).put("channel", "RADIO").put("unit", "van-hoa-thong-tin");
        radio.putArray("quarterlyValues").add(3).add(3).add(3).add(3);
        var topic = p.putArray("topics").addObject().put("code", "đ")
                .put("title", "Tuyên truyền kết quả thực hiện phong trào thi đua “Cán bộ, công chức, viên chức Hà Tĩnh thi đua thực hiện văn hoá công sở”");
        topic.putArray("items").add("Ủy ban MTTQ và các tổ chức đoàn thể; Bưu điện xã");
        p.putArray("channels").add("RADIO").add("WEBSITE");
        p.putArray("budget").addObject().put("source", "COMMUNE").put("amountVnd", 5_000_000L).put("note", "ngân sách xã");
        p.putArray("assignments").addObject().put("unit", "van-hoa-thong-tin").put("role", "LEAD")
                .put("duties", "Hướng dẫn đôn đốc, kiểm tra; định kỳ 3 tháng/lần tổng hợp báo cáo lên phòng.").put("reportsEveryMonths", 3);
        p.putArray("recipients").addObject().put("name", "Phòng tư pháp,Nội vụ").put("purpose", "b/c");
        return p;
    }

    protected String create(ObjectNode body, String token) throws Exception {
        Answer a = post("/api/plans", token, body);
        if (a.status() != 201) {
            throw new AssertionError("create failed: " + a.status() + " " + a.raw());
        }
        return a.body().get("id").asString();
    }

    /** The plan's current ETag, as the caller reads it (what a change sends back in If-Match). */
    protected String etag(String id, String token) throws Exception {
        Answer a = get("/api/plans/" + id, token);
        return a.status() == 200 ? a.header("ETag") : "\"0\"";
    }

    /** Issues the plan with If-Match: the ETag the caller has just read. */
    protected Answer issue(String id, String token, String date, String number) throws Exception {
        ObjectNode body = json.createObjectNode().put("issuedOn", date);
        if (number != null) {
            body.put("documentNumber", number);
        }
        return post("/api/plans/" + id + "/issue", token, body, "If-Match", etag(id, token));
    }

    protected Answer amend(String id, String token, ObjectNode amendment) throws Exception {
        return post("/api/plans/" + id + "/amendments", token, amendment, "If-Match", etag(id, token));
    }

    protected Answer close(String id, String token) throws Exception {
        return post("/api/plans/" + id + "/close", token, null, "If-Match", etag(id, token));
    }

    protected Answer edit(String id, String token, ObjectNode body) throws Exception {
        return put("/api/plans/" + id, token, body, "If-Match", etag(id, token));
    }

    // --- org units (operators change the tree) ---

    protected String orgEtag(String code) throws Exception {
        return get("/api/org-units/" + code, operator()).header("ETag");
    }

    /** A unit to register (Vietnamese names), with a culture–information office and a post office. */
    protected ObjectNode orgUnit(String name, String level, String parent, String issuer) {
        ObjectNode u = json.createObjectNode().put("name", name).put("level", level).put("abbreviation", "UBND")
                .put("issuerName", issuer);
        if (parent != null) {
            u.put("parentCode", parent);
        }
        var units = u.putArray("units");
        units.addObject().put("code", "van-hoa-thong-tin").put("name", "Văn hóa – Thông tin").put("kind", "CULTURE_INFORMATION");
        units.addObject().put("code", "buu-dien-xa").put("name", "Bưu điện xã").put("kind", "POST");
        return u;
    }

    protected void register(String code, ObjectNode unit) throws Exception {
        Answer a = put("/api/org-units/" + code, operator(), unit);
        if (a.status() != 201) {
            throw new AssertionError("registering " + code + " failed: " + a.status() + " " + a.raw());
        }
    }

    // --- Kafka ---

    /** Every record of the plan-service topics since the test JVM started (test-support's recorder, one per JVM). */
    protected TopicRecorder topics() {
        return TopicRecorder.of(environment.getProperty("spring.kafka.bootstrap-servers"), "loa\\.(plan|orgunit)\\.events");
    }

    protected List<Received> records() {
        return topics().records();
    }

    /** The latest record matching, once it has arrived. */
    protected Received awaitRecord(Predicate<Received> match) {
        return topics().await(match);
    }

    protected JsonNode envelope(Received record) {
        return record.envelope();
    }

    protected static Predicate<Received> event(String type, String subject) {
        return TopicRecorder.event(type, subject);
    }
}
