package vn.loa.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.E2E.array;
import static vn.loa.e2e.E2E.eventually;
import static vn.loa.e2e.E2E.object;

/**
 * A district's year (one quarter of it) played through the gateway over the real stack.
 *
 * <p>Huyện Đức Thọ issues its plan; Xã Liên Minh (LM) and Xã Tùng Châu (TC) derive theirs, set their own
 * values and issue them; activities are scheduled, completed with evidence or missed; the district closes
 * the quarter; a late completion is refused, a reopening lets it through; the reports are submitted, Liên
 * Minh's returned, resubmitted and approved. Then the dashboard must show what was computed by hand below,
 * and the inboxes, the mailbox and a webhook receiver what they should have received.
 *
 * <p>The quarter is the current one (or the previous one on a quarter's first day, see {@link E2E.Quarter}):
 * "yesterday" is inside it, so a due date of yesterday has ended, and the reports' due date (5 working days
 * after the quarter) is ahead. This test owns the Đức Thọ dashboard of that quarter: no other test may
 * create plans of that year for Đức Thọ's communes.
 *
 * <pre>
 * Targets per quarter (Q = the quarter's quarterly value):
 *   LM: CT-1 website articles 2, CT-2 radio segments 3, CT-3 postal sessions 1
 *   TC: CT-1 website articles 2, CT-2 radio segments 3            (TC drops CT-3)
 *   All plain COUNT targets (no recurrence): achieved = sum of quantities. (A MONTHLY target would count
 *   distinct months with a completion, and every completion here is dated yesterday.)
 * Activities (the missed ones due yesterday, the others today, so that the overdue job, every 2 s here,
 * does not announce them between scheduling and completion; all completions dated yesterday):
 *   LM  A1 radio     CT-2 completed, quantity 1
 *       A2 radio     CT-2 completed, quantity 1
 *       A3 radio     CT-2 missed (overdue), refused after the close, completed during the reopening, quantity 1
 *       A4 website   CT-1 completed, quantity 2
 *       A5 postal    CT-3 missed, stays overdue
 *   TC  B1 website   CT-1 completed, quantity 1
 *       B2 radio     CT-2 completed, quantity 1
 *       B3 radio     CT-2 missed, stays overdue
 * Ratios (achieved / planned, 4 decimals) and achievement (mean of ratios capped at 1, 4 decimals HALF_UP):
 *   LM: CT-1 2/2 = 1.0000, CT-2 3/3 = 1.0000, CT-3 0/1 = 0.0000 -> (1 + 1 + 0) / 3 = 0.6667
 *   TC: CT-1 1/2 = 0.5000, CT-2 1/3 = 0.3333                    -> (0.5 + 0.3333) / 2 = 0.41665 -> 0.4167
 *   Đức Thọ: mean over the communes that have a plan of the year = (0.6667 + 0.4167) / 2 = 0.5417
 *   (the five other communes have no plan of that year: no achievement, not in the mean)
 * Activities: LM 4 completed, 1 overdue (A5); TC 2 completed, 1 overdue (B3); Đức Thọ 6 and 2.
 * Reports: expected from the communes with an issued plan of the year, as DHIS2 counts them (issue 19): LM and TC;
 *   the five others are listed as not expected (NO_PLAN). LM APPROVED (its second submission on time), TC SUBMITTED
 *   on time. Completeness = 2/2 = 1.0; timeliness = 2 on time / 2 = 1.0.
 * Mail to vhtt@lien-minh.example.vn (LM subscribes to activity-overdue, report-returned, report-approved):
 *   overdue A3, overdue A5, returned, approved = 4 mails, one each.
 * Webhook of Đức Thọ (report-submitted): LM twice, TC once = 3 distinct deliveries, each signed.
 * </pre>
 */
@ExtendWith(StackLogsOnFailure.class)
class DistrictYearE2EIT {

    private static final String LM_MAIL = "vhtt@lien-minh.example.vn";
    /** A Standard Webhooks secret (whsec_ and the base64 of 32 bytes: here the UTF-8 of a Vietnamese phrase). */
    private static final String WEBHOOK_SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("bí mật của huyện Đức Thọ!".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final LoaStack stack = LoaStack.get();
    private final Api api = stack.gateway();
    private final E2E.Quarter q = E2E.Quarter.forToday();
    private final String district = stack.token("ductho.vhtt");
    private final String lienMinh = stack.token("lienminh.vhtt");
    private final String tungChau = stack.token("tungchau.vhtt");
    private final String operator = stack.token("operator");

    @Test
    void aDistrictPlaysItsQuarterFromPlanToDashboard() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribe(receiver);

            // 1. The district issues its plan; the two communes derive theirs, adapt them and issue them.
            String districtPlan = districtPlan();
            String lmPlan = derive(districtPlan, "lien-minh", lienMinh, true);
            String tcPlan = derive(districtPlan, "tung-chau", tungChau, false);
            JsonNode adoption = ok(api.get("/api/plans/" + districtPlan + "/adoption", district));
            assertThat(adoption.get("issuedCount").asInt()).isEqualTo(2);

            // 2. Activities are scheduled (activity-service learns of the plans from Kafka).
            String a1 = schedule(lmPlan, lienMinh, "Chuyên mục CCHC trên Đài truyền thanh xã, kỳ 1", "RADIO", "CT-2", "van-hoa-thong-tin", q.today());
            String a2 = schedule(lmPlan, lienMinh, "Chuyên mục CCHC trên Đài truyền thanh xã, kỳ 2", "RADIO", "CT-2", "van-hoa-thong-tin", q.today());
            String a3 = schedule(lmPlan, lienMinh, "Chuyên mục CCHC trên Đài truyền thanh xã, kỳ 3", "RADIO", "CT-2", "van-hoa-thong-tin", q.yesterday());
            String a4 = schedule(lmPlan, lienMinh, "Đăng tin bài CCHC lên trang thông tin điện tử xã", "WEBSITE", "CT-1", "van-hoa-thong-tin", q.today());
            String a5 = schedule(lmPlan, lienMinh, "Hỗ trợ doanh nghiệp tra cứu văn bản tại Bưu điện xã", "POSTAL_SERVICE", "CT-3", "buu-dien-xa", q.yesterday());
            String b1 = schedule(tcPlan, tungChau, "Tin bài CCHC trên trang thông tin điện tử xã Tùng Châu", "WEBSITE", "CT-1", "van-hoa-thong-tin", q.today());
            String b2 = schedule(tcPlan, tungChau, "Chuyên mục CCHC trên truyền thanh xã Tùng Châu, kỳ 1", "RADIO", "CT-2", "van-hoa-thong-tin", q.today());
            String b3 = schedule(tcPlan, tungChau, "Chuyên mục CCHC trên truyền thanh xã Tùng Châu, kỳ 2", "RADIO", "CT-2", "van-hoa-thong-tin", q.yesterday());

            // 3. Completed with evidence; A3, A5 and B3 are missed.
            complete(a1, lienMinh, 1);
            complete(a2, lienMinh, 1);
            complete(a4, lienMinh, 2);
            complete(b1, tungChau, 1);
            complete(b2, tungChau, 1);
            JsonNode completed = ok(api.get("/api/activities/" + a4, lienMinh));
            assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(completed.get("evidence").get(0).get("url").asString()).startsWith("https://lienminh.ductho.hatinh.gov.vn/");

            // The overdue job (every 2 s here) announces the missed ones; the API derives the flag at once.
            Set<String> overdueLm = ids(ok(api.get("/api/activities?planId=" + lmPlan + "&overdue=true", lienMinh)));
            assertThat(overdueLm).containsExactlyInAnyOrder(a3, a5);
            eventually().untilAsserted(() -> assertThat(E2E.queryOne(stack, Service.ACTIVITY,
                    "select count(*) from activity where id = any(?::uuid[]) and overdue_notified_at is not null",
                    "{" + a3 + "," + a5 + "," + b3 + "}")).isEqualTo("3"));
            assertThat(E2E.queryOne(stack, Service.ACTIVITY, "select count(*) from activity where plan_id = any(?::uuid[])"
                    + " and overdue_notified_at is not null", "{" + lmPlan + "," + tcPlan + "}")).isEqualTo("3");

            // 4. The district closes the quarter; activity-service gets the lock through Kafka.
            ok(api.post("/api/periods/duc-tho/" + q.period() + "/close", district, null));
            JsonNode period = ok(api.get("/api/periods/lien-minh/" + q.period(), lienMinh));
            assertThat(period.get("status").asString()).isEqualTo("CLOSED");
            assertThat(period.get("closedBy").asString()).isEqualTo("ductho.vhtt");
            awaitLock("lien-minh", "CLOSED");

            // 5. A late completion is refused ...
            Api.Response late = api.send("POST", "/api/activities/" + a3 + "/complete", lienMinh, completion(1),
                    java.util.Map.of("If-Match", api.get("/api/activities/" + a3, lienMinh).header("ETag")));
            assertThat(late.status()).as(late.toString()).isEqualTo(409);
            assertThat(late.json().get("code").asString()).isEqualTo("period-locked");
            assertThat(late.json().get("detail").asString()).contains(q.period(), "ductho.vhtt", "/reopen");

            // ... until the district reopens the quarter for Liên Minh.
            ok(api.post("/api/periods/lien-minh/" + q.period() + "/reopen", district,
                    object().put("reason", "Xã Liên Minh bổ sung kết quả chuyên mục truyền thanh kỳ 3")));
            awaitLock("lien-minh", "REOPENED");
            complete(a3, lienMinh, 1);

            // 6. Reports: figures from the projections, then submitted, one returned, resubmitted, approved.
            String report = "/api/reports/lien-minh/" + q.period();
            eventually().untilAsserted(() -> {
                JsonNode r = ok(api.get(report, lienMinh));
                assertTarget(r, "CT-1", "2", "2", "1");
                assertTarget(r, "CT-2", "3", "3", "1");
                assertTarget(r, "CT-3", "1", "0", "0");
                assertThat(unit(r, "buu-dien-xa", "LEAD").get("overdue").asInt()).isEqualTo(1);
            });
            eventually().untilAsserted(() -> {
                JsonNode r = ok(api.get("/api/reports/tung-chau/" + q.period(), tungChau));
                assertTarget(r, "CT-1", "2", "1", "0.5");
                assertTarget(r, "CT-2", "3", "1", "0.3333");
            });
            narrative("lien-minh", lienMinh, "Hoàn thành 3 chuyên mục truyền thanh và 2 tin bài CCHC.");
            ok(change("POST", report + "/submit", lienMinh, null));
            narrative("tung-chau", tungChau, "Hoàn thành 1 tin bài và 1 chuyên mục truyền thanh.");
            ok(change("POST", "/api/reports/tung-chau/" + q.period() + "/submit", tungChau, null));
            String reason = "Đề nghị bổ sung lý do chưa tổ chức buổi hỗ trợ tra cứu tại Bưu điện xã.";
            JsonNode returned = ok(change("POST", report + "/return", district, object().put("reason", reason)));
            assertThat(returned.get("status").asString()).isEqualTo("RETURNED");
            narrative("lien-minh", lienMinh, "Buổi hỗ trợ tra cứu tại Bưu điện xã lùi sang quý sau do trùng lịch tiếp công dân.");
            ok(change("POST", report + "/submit", lienMinh, null));
            JsonNode approved = ok(change("POST", report + "/approve", district, null));
            assertThat(approved.get("status").asString()).isEqualTo("APPROVED");

            // 7. The district dashboard equals the hand computation of the class comment.
            eventually().untilAsserted(() -> {
                JsonNode d = ok(api.get("/api/dashboards/duc-tho?period=" + q.period(), district));
                assertThat(d.get("reportsExpected").asLong()).isEqualTo(2);
                assertThat(d.get("reportsSubmitted").asLong()).isEqualTo(2);
                assertThat(d.get("reportsOnTime").asLong()).isEqualTo(2);
                assertThat(d.get("completeness").decimalValue()).isEqualByComparingTo("1.0");
                assertThat(d.get("timeliness").decimalValue()).isEqualByComparingTo("1.0");
                assertThat(d.get("achievement").decimalValue()).isEqualByComparingTo("0.5417");
                assertThat(d.get("activitiesCompleted").asLong()).isEqualTo(6);
                assertThat(d.get("activitiesOverdue").asLong()).isEqualTo(2);
                JsonNode lm = child(d, "lien-minh");
                assertThat(lm.get("achievement").decimalValue()).isEqualByComparingTo("0.6667");
                assertThat(lm.get("activitiesCompleted").asLong()).isEqualTo(4);
                assertThat(lm.get("activitiesOverdue").asLong()).isEqualTo(1);
                assertThat(lm.get("reportStatus").asString()).isEqualTo("APPROVED");
                assertThat(lm.get("onTime").asBoolean()).isTrue();
                assertThat(lm.get("rank").asInt()).isEqualTo(1);
                JsonNode tc = child(d, "tung-chau");
                assertThat(tc.get("achievement").decimalValue()).isEqualByComparingTo("0.4167");
                assertThat(tc.get("activitiesCompleted").asLong()).isEqualTo(2);
                assertThat(tc.get("activitiesOverdue").asLong()).isEqualTo(1);
                assertThat(tc.get("reportStatus").asString()).isEqualTo("SUBMITTED");
                assertThat(tc.get("onTime").asBoolean()).isTrue();
                assertThat(tc.get("rank").asInt()).isEqualTo(2);
                java.util.Map<String, String> notExpected = new java.util.HashMap<>();
                d.get("notExpected").forEach(n -> notExpected.put(n.get("code").asString(), n.get("reason").asString()));
                assertThat(notExpected).hasSize(5).containsEntry("yen-ho", "NO_PLAN");
            });

            // 8. Inboxes, mail and webhook.
            String lmPlanNumber = ok(api.get("/api/plans/" + lmPlan, lienMinh)).get("documentNumber").asString();
            eventually().untilAsserted(() -> assertThat(subjects(api.get("/api/notifications?size=200", lienMinh)))
                    .contains(
                            "Quá hạn: \"Chuyên mục CCHC trên Đài truyền thanh xã, kỳ 3\" (Kế hoạch số " + lmPlanNumber + ")",
                            "Quá hạn: \"Hỗ trợ doanh nghiệp tra cứu văn bản tại Bưu điện xã\" (Kế hoạch số " + lmPlanNumber + ")",
                            "Báo cáo " + q.period() + " bị trả lại",
                            "Báo cáo " + q.period() + " đã được phê duyệt")
                    .anyMatch(s -> s.startsWith("Khóa số liệu " + q.period()))
                    .anyMatch(s -> s.startsWith("Mở lại số liệu " + q.period())));
            eventually().untilAsserted(() -> assertThat(subjects(api.get("/api/notifications?size=200", district)))
                    .filteredOn(s -> s.equals("Xã Liên Minh đã nộp báo cáo " + q.period())).hasSize(2));
            // The inbox is per org unit: Tùng Châu sees its own overdue activity, none of Liên Minh's.
            List<String> tcInbox = subjects(api.get("/api/notifications?size=200", tungChau));
            assertThat(tcInbox).anyMatch(s -> s.contains("Chuyên mục CCHC trên truyền thanh xã Tùng Châu, kỳ 2"))
                    .noneMatch(s -> s.contains("Đài truyền thanh xã, kỳ 3"));

            eventually().untilAsserted(() -> {
                JsonNode mails = ok(api.get("/ops/notification/mailbox?to=" + LM_MAIL, operator));
                List<String> mailSubjects = new ArrayList<>();
                mails.forEach(m -> mailSubjects.add(m.get("subject").asString()));
                assertThat(mailSubjects).containsExactlyInAnyOrder(
                        "Quá hạn: \"Chuyên mục CCHC trên Đài truyền thanh xã, kỳ 3\" (Kế hoạch số " + lmPlanNumber + ")",
                        "Quá hạn: \"Hỗ trợ doanh nghiệp tra cứu văn bản tại Bưu điện xã\" (Kế hoạch số " + lmPlanNumber + ")",
                        "Báo cáo " + q.period() + " bị trả lại",
                        "Báo cáo " + q.period() + " đã được phê duyệt");
                mails.forEach(m -> {
                    if (m.get("subject").asString().endsWith("bị trả lại")) {
                        assertThat(m.get("text").asString()).contains(reason);
                    }
                });
            });

            eventually().untilAsserted(() -> {
                Map<String, WebhookReceiver.Call> byDelivery = receiver.calls().stream().collect(Collectors.toMap(
                        c -> c.header("X-Loa-Delivery-Id"), c -> c, (first, repeat) -> first));
                assertThat(byDelivery).hasSize(3);
                List<String> texts = new ArrayList<>();
                for (WebhookReceiver.Call call : byDelivery.values()) {
                    assertThat(call.signedWith(WEBHOOK_SECRET)).as(call.text()).isTrue();
                    JsonNode body = Api.JSON.readTree(call.body());
                    assertThat(body.get("eventType").asString()).isEqualTo("report-submitted");
                    texts.add(body.get("subject").asString());
                }
                assertThat(texts).containsExactlyInAnyOrder(
                        "Xã Liên Minh đã nộp báo cáo " + q.period(),
                        "Xã Liên Minh đã nộp báo cáo " + q.period(),
                        "Xã Tùng Châu đã nộp báo cáo " + q.period());
            });
        }
    }

    // ------------------------------------------------------------------ steps

    private void subscribe(WebhookReceiver receiver) {
        // notification-service learns the org units from Kafka: wait until it accepts them.
        eventually().untilAsserted(() -> assertThat(api.post("/api/subscriptions", lienMinh, object()
                .put("orgUnit", "lien-minh").put("channel", "EMAIL").put("target", LM_MAIL)
                .set("events", array("activity-overdue", "report-returned", "report-approved"))).status()).isEqualTo(201));
        eventually().untilAsserted(() -> assertThat(api.post("/api/subscriptions", district, object()
                .put("orgUnit", "duc-tho").put("channel", "WEBHOOK").put("target", receiver.url())
                .put("secret", WEBHOOK_SECRET).set("events", array("report-submitted"))).status()).isEqualTo(201));
    }

    private String districtPlan() {
        ObjectNode plan = object().put("orgUnit", "duc-tho").put("year", q.year())
                .put("title", "Tuyên truyền cải cách hành chính huyện Đức Thọ năm " + q.year());
        plan.putArray("legalBases").addObject().put("documentNumber", "76/NQ-CP").put("issuedOn", "2021-07-15")
                .put("issuer", "Chính phủ").put("title", "về Chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030");
        plan.putArray("purposes").add("Nâng cao nhận thức của cán bộ, công chức và Nhân dân về cải cách hành chính.");
        plan.putArray("requirements").add("Tuyên truyền thường xuyên, đúng tiến độ.");
        ArrayNode targets = plan.putArray("targets");
        target(targets, "CT-1", "Tin bài CCHC trên trang thông tin điện tử", "WEBSITE", "phong-vhtt", 48, 12);
        target(targets, "CT-2", "Chuyên mục CCHC trên truyền thanh cơ sở", "RADIO", "phong-vhtt", 12, 3);
        target(targets, "CT-3", "Hỗ trợ tra cứu tài liệu tại bưu điện", "POSTAL_SERVICE", "buu-dien-huyen", 8, 2);
        plan.putArray("topics").addObject().put("code", "a").put("title", "Chủ trương, chính sách về CCHC")
                .putArray("items").add("Chương trình tổng thể CCHC 2021-2030");
        plan.set("channels", array("WEBSITE", "RADIO", "POSTAL_SERVICE"));
        plan.putArray("budget").addObject().put("source", "DISTRICT").put("amountVnd", 20_000_000L);
        ArrayNode assignments = plan.putArray("assignments");
        assignments.addObject().put("unit", "phong-vhtt").put("role", "LEAD").put("duties", "Chủ trì, hướng dẫn các xã");
        assignments.addObject().put("unit", "buu-dien-huyen").put("role", "COORDINATE").put("duties", "Phối hợp");
        plan.putArray("recipients").addObject().put("name", "UBND các xã").put("purpose", "thực hiện");
        Api.Response created = api.post("/api/plans", district, plan);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        // a change of a plan needs If-Match with the ETag read (plan-service, issue 16)
        ok(api.send("POST", "/api/plans/" + id + "/issue", district, object().put("issuedOn", q.from().toString()),
                Map.of("If-Match", created.header("ETag"))));
        return id;
    }

    /** The district derives the commune's draft; the commune sets its quarterly values (and may drop CT-3) and issues it. */
    private String derive(String districtPlan, String commune, String communeToken, boolean keepPostal) {
        Api.Response derived = api.post("/api/plans/" + districtPlan + "/derive", district, object().put("orgUnit", commune));
        assertThat(derived.status()).as(derived.toString()).isEqualTo(201);
        String id = derived.json().get("id").asString();
        Api.Response draft = api.get("/api/plans/" + id, communeToken);
        JsonNode body = ok(draft);
        ObjectNode edit = object();
        for (String f : List.of("orgUnit", "year", "title", "implementsPlanId", "preamble", "legalBases", "purposes",
                "requirements", "topics", "channels", "forms", "budget", "budgetNote", "assignments",
                "assignmentsNote", "recipients", "closing")) {
            if (body.get(f) != null && !body.get(f).isNull()) {
                edit.set(f, body.get(f));
            }
        }
        ArrayNode targets = edit.putArray("targets");
        for (JsonNode t : body.get("targets")) {
            String code = t.get("code").asString();
            if (code.equals("CT-3") && !keepPostal) {
                continue;
            }
            ObjectNode copy = targets.addObject();
            for (String f : List.of("code", "description", "indicator", "channel", "unit", "parentTargetCode")) {
                copy.set(f, t.get(f));
            }
            int perQuarter = switch (code) {
                case "CT-1" -> 2;
                case "CT-2" -> 3;
                default -> 1;
            };
            copy.put("yearlyValue", perQuarter * 4);
            copy.putArray("quarterlyValues").add(perQuarter).add(perQuarter).add(perQuarter).add(perQuarter);
        }
        Api.Response edited = api.send("PUT", "/api/plans/" + id, communeToken, edit, Map.of("If-Match", draft.header("ETag")));
        ok(edited);
        JsonNode issued = ok(api.send("POST", "/api/plans/" + id + "/issue", communeToken, object().put("issuedOn", q.from().toString()),
                Map.of("If-Match", edited.header("ETag"))));
        assertThat(issued.get("status").asString()).isEqualTo("ISSUED");
        return id;
    }

    private static void target(ArrayNode targets, String code, String description, String channel, String unit,
                               int yearly, int quarterly) {
        ObjectNode t = targets.addObject().put("code", code).put("description", description).put("indicator", "COUNT")
                .put("yearlyValue", yearly).put("channel", channel).put("unit", unit);
        t.putArray("quarterlyValues").add(quarterly).add(quarterly).add(quarterly).add(quarterly);
    }

    /** Schedules an activity; retried while activity-service has not yet got the plan (422 plan-not-issued). */
    private String schedule(String planId, String token, String title, String channel, String target, String unit,
                            java.time.LocalDate due) {
        ObjectNode body = object().put("planId", planId).put("title", title).put("channel", channel)
                .put("unit", unit).put("dueDate", due.toString()).put("plannedQuantity", 1);
        body.set("topics", array());
        body.set("targetCodes", array(target));
        body.set("coordinatingUnits", array());
        String[] id = new String[1];
        eventually().untilAsserted(() -> {
            Api.Response created = api.post("/api/activities", token, body);
            if (created.status() == 422 && "plan-not-issued".equals(created.json().path("code").asString())) {
                throw new AssertionError("activity-service has not got the plan yet: " + created);
            }
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().get("status").asString()).isEqualTo("PLANNED");
            id[0] = created.json().get("id").asString();
        });
        return id[0];
    }

    private void complete(String activity, String token, int quantity) {
        ok(api.send("POST", "/api/activities/" + activity + "/complete", token, completion(quantity),
                java.util.Map.of("If-Match", api.get("/api/activities/" + activity, token).header("ETag"))));
    }

    private ObjectNode completion(int quantity) {
        ObjectNode body = object().put("completedOn", q.yesterday().toString()).put("quantity", quantity)
                .put("reach", 1200).put("costVnd", 500_000L);
        body.putArray("evidence").addObject().put("url", "https://lienminh.ductho.hatinh.gov.vn/tin-tuc/cchc")
                .put("note", "Ảnh chụp màn hình và biên bản phát sóng");
        return body;
    }

    private void awaitLock(String commune, String status) {
        eventually().untilAsserted(() -> assertThat(E2E.queryOne(stack, Service.ACTIVITY,
                "select status from period_lock where org_unit = ? and period = ?", commune, q.period())).isEqualTo(status));
    }

    private void narrative(String commune, String token, String results) {
        ok(change("PUT", "/api/reports/" + commune + "/" + q.period() + "/narrative", token, object()
                .put("results", results).put("shortcomings", "Chưa tổ chức đủ buổi hỗ trợ tra cứu.")
                .put("nextSteps", "Tiếp tục duy trì chuyên mục hằng tháng.")));
    }

    /** A report change as the web app makes it: read the report, send its ETag as If-Match (required: 428 without). */
    private Api.Response change(String method, String path, String token, Object body) {
        String etag = api.get(path.substring(0, path.lastIndexOf('/')), token).header("ETag");
        return api.send(method, path, token, body, etag == null ? java.util.Map.of() : java.util.Map.of("If-Match", etag));
    }

    // ------------------------------------------------------------------ reading answers

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        return response.json();
    }

    private static Set<String> ids(JsonNode page) {
        Set<String> ids = new java.util.HashSet<>();
        page.get("items").forEach(a -> ids.add(a.get("id").asString()));
        return ids;
    }

    private static List<String> subjects(Api.Response inbox) {
        List<String> subjects = new ArrayList<>();
        ok(inbox).get("items").forEach(n -> subjects.add(n.get("subject").asString()));
        return subjects;
    }

    private static void assertTarget(JsonNode report, String code, String planned, String achieved, String ratio) {
        for (JsonNode t : report.get("targets")) {
            if (t.get("code").asString().equals(code)) {
                assertThat(t.get("planned").decimalValue()).as(code + " planned").isEqualByComparingTo(planned);
                assertThat(t.get("achieved").decimalValue()).as(code + " achieved").isEqualByComparingTo(achieved);
                assertThat(t.get("ratio").decimalValue()).as(code + " ratio").isEqualByComparingTo(ratio);
                return;
            }
        }
        throw new AssertionError("no target " + code + " in " + report);
    }

    private static JsonNode unit(JsonNode report, String code, String role) {
        for (JsonNode u : report.get("units")) {
            if (u.get("unit").asString().equals(code) && u.get("role").asString().equals(role)) {
                return u;
            }
        }
        throw new AssertionError("no unit " + code + " (" + role + ") in " + report);
    }

    private static JsonNode child(JsonNode dashboard, String code) {
        for (JsonNode c : dashboard.get("children")) {
            if (c.get("code").asString().equals(code)) {
                return c;
            }
        }
        throw new AssertionError("no child " + code + " in " + dashboard);
    }
}
