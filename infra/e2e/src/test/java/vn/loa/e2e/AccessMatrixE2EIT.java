package vn.loa.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.E2E.array;
import static vn.loa.e2e.E2E.eventually;
import static vn.loa.e2e.E2E.object;

/**
 * Issue 15 item 7: the access matrix. Every operation of the four services' OpenAPI documents (fetched through the
 * gateway, {@code /api-docs/<service>}) × {no token, forged token, owner commune, its district, another commune,
 * province viewer, operator} → the status {@code access-matrix.txt} expects, run through the gateway on the real
 * services. An operation of a document that has no line in the matrix fails the build (so does a line whose
 * operation is gone); a failure names the operation, the role, what was expected and what came.
 *
 * <p>Liên Minh's objects: the demo plan 01/KH-UBND of 2022, an activity scheduled here, a PNG uploaded to it, a
 * subscription made here and a notification of the inbox. Changes carry a stale If-Match (412 for a role let in),
 * so nothing other tests read changes; creations make objects of their own.
 *
 * <p>Opt-in for now ({@code -Dloa.e2e.access-matrix=true}): written in a session whose stack never came up (load
 * average 90–125 on 2 cores), so the matrix's expectations have not yet been run against the services once. Run it,
 * settle each failure (the matrix or the service is wrong), then drop the condition so that every build runs it.
 */
@ExtendWith(StackLogsOnFailure.class)
@EnabledIfSystemProperty(named = "loa.e2e.access-matrix", matches = "true")
class AccessMatrixE2EIT {

    private static final String LM_PLAN = "a0000000-2022-4000-8000-000000000001";
    private static final List<String> SERVICES = List.of("plan", "activity", "reporting", "notification");
    private static final List<String> ROLES = List.of("owner", "district", "other-commune", "viewer", "operator");
    private static final Map<String, String> USERS = Map.of("owner", "lienminh.vhtt", "district", "ductho.vhtt",
            "other-commune", "tungchau.vhtt", "viewer", "hatinh.viewer", "operator", "operator");
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");
    /** The smallest PNG (1×1, grey). */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LoaStack stack;
    private static Api api;
    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static String forged;
    private static String activity;
    private static String evidence;
    private static String subscription;
    private static String notification;

    @BeforeAll
    static void liênMinhsObjects() {
        stack = LoaStack.get();
        api = stack.gateway();
        USERS.forEach((role, user) -> tokens.put(role, stack.token(user)));
        String owner = tokens.get("owner");
        // Liên Minh's token with its org unit changed to the province: the signature no longer matches.
        String[] parts = owner.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"lien-minh\"", "\"ha-tinh\"");
        forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        String title = "Phát thanh chuyên mục CCHC (ma trận phân quyền)";
        ObjectNode body = object().put("planId", LM_PLAN).put("title", title).put("channel", "RADIO")
                .put("unit", "van-hoa-thong-tin").put("dueDate", "2022-06-30");
        body.set("targetCodes", array("CT-2"));
        body.set("topics", array());
        body.set("coordinatingUnits", array());
        String[] id = new String[1];
        eventually().untilAsserted(() -> {
            Api.Response created = api.post("/api/activities", owner, body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            id[0] = created.json().get("id").asString();
        });
        activity = id[0];
        Answer uploaded = send("POST", "/api/activities/" + activity + "/evidence", owner, "multipart", false);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        evidence = Api.JSON.readTree(uploaded.body()).get("id").asString();
        eventually().untilAsserted(() -> {
            Api.Response created = api.post("/api/subscriptions", owner, object().put("orgUnit", "lien-minh")
                    .put("channel", "EMAIL").put("target", "ma-tran@lien-minh.example.vn")
                    .set("events", array("report-approved")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            id[0] = created.json().get("id").asString();
        });
        subscription = id[0];
        eventually().untilAsserted(() -> {
            String found = null;
            for (JsonNode n : api.get("/api/notifications?size=200", owner).json().get("items")) {
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
    void everyOperationOfTheDocumentsIsInTheMatrix() {
        TreeSet<String> documented = new TreeSet<>();
        for (String service : SERVICES) {
            Api.Response doc = api.get("/api-docs/" + service, null);
            assertThat(doc.status()).as(doc.toString()).isEqualTo(200);
            doc.json().get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    documented.add(service + " " + op.getKey().toUpperCase() + " " + path.getKey());
                }
            }));
        }
        TreeSet<String> inMatrix = new TreeSet<>();
        matrix().forEach(line -> inMatrix.add(line.key()));
        TreeSet<String> missing = new TreeSet<>(documented);
        missing.removeAll(inMatrix);
        TreeSet<String> gone = new TreeSet<>(inMatrix);
        gone.removeAll(documented);
        System.out.printf("access matrix: %d operations documented, %d in the matrix%n", documented.size(), inMatrix.size());
        assertThat(missing).as("operations of the OpenAPI documents without a line in access-matrix.txt").isEmpty();
        assertThat(gone).as("lines of access-matrix.txt whose operation no document has").isEmpty();
    }

    @Test
    void everyOperationAnswersEveryRoleAsTheMatrixSays() {
        List<String> failures = new ArrayList<>();
        int checks = 0;
        List<Line> lines = new ArrayList<>(matrix());
        // Deletions last: the objects they remove are the other lines' objects.
        lines.sort((a, b) -> Boolean.compare(a.method().equals("DELETE"), b.method().equals("DELETE")));
        for (Line line : lines) {
            String path = line.gatewayPath(this::value);
            if (!line.isPublic()) {
                checks += 2;
                check(failures, line, "no token", "401", send(line.method(), path, null, line.body(), line.stream()));
                check(failures, line, "forged token", "401", send(line.method(), path, forged, line.body(), line.stream()));
            }
            for (int i = 0; i < ROLES.size(); i++) {
                String role = ROLES.get(i);
                checks++;
                check(failures, line, role, line.expected().get(i),
                        send(line.method(), path, tokens.get(role), line.body(), line.stream()));
            }
        }
        System.out.printf("FIGURE access matrix: %d operations x 7 callers = %d checks, %d failed%n", lines.size(), checks, failures.size());
        assertThat(failures).as("operations answering a caller other than the matrix says").isEmpty();
    }

    private String value(String name, Line line) {
        return switch (name) {
            case "code", "orgUnit", "commune" -> "lien-minh";
            case "period" -> "2022-Q2";
            case "version" -> "1";
            case "activityId" -> activity;
            case "evidenceId" -> evidence;
            case "id" -> {
                String p = line.path();
                if (p.startsWith("/api/plans/")) yield LM_PLAN;
                if (p.startsWith("/api/activities/")) yield activity;
                if (p.startsWith("/api/subscriptions/")) yield subscription;
                if (p.startsWith("/api/notifications/")) yield notification;
                yield UUID.randomUUID().toString(); // a record of the operations endpoints that does not exist
            }
            default -> throw new IllegalArgumentException("no value for {" + name + "} in " + line.key());
        };
    }

    private static void check(List<String> failures, Line line, String role, String expected, Answer answer) {
        int status = answer.status();
        boolean good = switch (expected) {
            case "ok" -> status < 500 && status != 401 && status != 403 && status != 404;
            case "in", "public" -> status < 500 && status != 401 && status != 403;
            default -> status == Integer.parseInt(expected);
        };
        if (good && (status == 401 || status == 403 || status == 404)) {
            // A refusal is a problem (RFC 9457), never a stack trace.
            good = Objects.toString(answer.contentType(), "").contains("application/problem+json")
                    && !answer.body().contains("Exception");
        }
        if (!good) {
            failures.add(String.format("%s as %s: expected %s, got %s", line.key(), role, expected, answer));
        }
    }

    /** One request through the gateway; a stream's answer is its status and headers only. */
    private static Answer send(String method, String path, String token, String body, boolean stream) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json, */*");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!method.equals("GET")) {
            request.header("If-Match", "\"stale\"");
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (body.equals("csv")) {
            request.header("Content-Type", "text/csv");
            request.method(method, HttpRequest.BodyPublishers.ofString(
                    "planId,title,channel,unit,dueDate,targetCodes\n" + LM_PLAN
                            + ",Phát thanh nhập từ tệp,RADIO,van-hoa-thong-tin,2022-06-30,CT-2\n", StandardCharsets.UTF_8));
        } else if (body.equals("multipart")) {
            String boundary = "loa-" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anh.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + PNG.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(PNG, 0, all, head.length, PNG.length);
            System.arraycopy(tail, 0, all, head.length + PNG.length, tail.length);
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(all));
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body.substring("json ".length()), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                // A stream let in never ends: its status and headers are the answer.
                text = stream && response.statusCode() == 200 ? "(stream)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(method + " " + path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), text);
        } catch (HttpTimeoutException e) {
            return new Answer(method + " " + path, 599, null, "timed out");
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<Line> matrix() {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = AccessMatrixE2EIT.class.getResourceAsStream("/access-matrix.txt")) {
            for (String raw : new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String text = raw.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] columns = text.split("\\|", 3);
                String[] op = columns[0].trim().split("\\s+");
                List<String> expected = List.of(columns[1].trim().split("\\s+"));
                if (expected.equals(List.of("public"))) {
                    expected = List.of("public", "public", "public", "public", "public");
                }
                if (op.length != 3 || expected.size() != ROLES.size()) {
                    throw new IllegalStateException("access-matrix.txt: cannot read " + raw);
                }
                String request = columns.length > 2 ? columns[2].trim() : "";
                String query = "";
                if (request.startsWith("?")) {
                    int space = request.indexOf(' ');
                    query = space < 0 ? request : request.substring(0, space);
                    request = space < 0 ? "" : request.substring(space + 1).trim();
                }
                lines.add(new Line(op[0], op[1], op[2], expected, query, request.isEmpty() ? null : request));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    interface Values {
        String of(String name, Line line);
    }

    record Line(String service, String method, String path, List<String> expected, String query, String body) {

        String key() {
            return service + " " + method + " " + path;
        }

        boolean isPublic() {
            return expected.get(0).equals("public");
        }

        boolean stream() {
            return path.endsWith("/events");
        }

        /** The path at the gateway: a service's /api/ops/** is /ops/<service>/** there; a CSV import is a preview. */
        String gatewayPath(Values values) {
            Matcher m = PARAM.matcher(path);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(filled, Matcher.quoteReplacement(values.of(m.group(1), this)));
            }
            m.appendTail(filled);
            String at = filled.toString();
            if (at.startsWith("/api/ops/")) {
                at = "/ops/" + service + "/" + at.substring("/api/ops/".length());
            }
            String q = "csv".equals(body) ? (query.isEmpty() ? "?dryRun=true" : query + "&dryRun=true") : query;
            return at + q;
        }
    }

    record Answer(String request, int status, String contentType, String body) {
        @Override
        public String toString() {
            return request + " -> " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }
}
