package vn.loa.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.E2E.eventually;

/**
 * Issue 15 item 7: the access matrix. Every operation of the four services' OpenAPI documents (fetched through the
 * gateway, {@code /api-docs/<service>}) × {no token, forged token, owner commune, its district, another commune,
 * another district, province viewer, operator} → the status {@code access-matrix.txt} expects, run through the
 * gateway on the real services. An operation of a document that has no line in the matrix fails the build (so does
 * a line whose operation is gone); a failure names the operation, the caller, what was expected and what came.
 *
 * <p>The objects are Liên Minh's ({@link AccessWorld}, shared with {@link GatewaySecurityE2EIT}). Changes carry a
 * stale If-Match (412 for a caller let in), so nothing other tests read changes; creations make objects of their own.
 */
@ExtendWith(StackLogsOnFailure.class)
class AccessMatrixE2EIT {

    private static final String LM_PLAN = AccessWorld.LM_PLAN;
    private static final List<String> SERVICES = List.of("plan", "activity", "reporting", "notification");
    /** The columns of access-matrix.txt, in order. */
    private static final List<String> ROLES = List.of("owner", "district", "other-commune", "other-district", "viewer",
            "operator");
    private static final Map<String, String> USERS = Map.of("owner", "lienminh.vhtt", "district", "ductho.vhtt",
            "other-commune", "tungchau.vhtt", "other-district", LoaStack.OTHER_DISTRICT_OFFICER,
            "viewer", "hatinh.viewer", "operator", "operator");
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LoaStack stack;
    private static Api api;
    private static AccessWorld world;
    private static final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    static void liênMinhsObjects() {
        stack = LoaStack.get();
        api = stack.gateway();
        world = AccessWorld.get(stack);
        ROLES.forEach(role -> tokens.put(role, stack.token(USERS.get(role))));
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
                check(failures, line, "forged token", "401", send(line.method(), path, world.forged(), line.body(), line.stream()));
            }
            StringBuilder answers = new StringBuilder();
            for (int i = 0; i < ROLES.size(); i++) {
                String role = ROLES.get(i);
                checks++;
                Answer answer = send(line.method(), path, tokens.get(role), line.body(), line.stream());
                answers.append(' ').append(answer.status());
                check(failures, line, role, line.expected().get(i), answer);
            }
            System.out.printf("access matrix: %-70s |%s%n", line.key(), answers);
        }
        // The operator's line started a rebuild of reporting's read models: the tests after this one read them.
        eventually().untilAsserted(() -> {
            Api.Response latest = api.get("/ops/reporting/projections/rebuild", tokens.get("operator"));
            assertThat(latest.status()).as(latest.toString()).isEqualTo(200);
            assertThat(latest.json().path("status").asString()).as(latest.toString()).isNotEqualTo("RUNNING");
        });
        System.out.printf("FIGURE access matrix: %d operations x %d callers = %d checks, %d failed%n", lines.size(),
                ROLES.size() + 2, checks, failures.size());
        assertThat(failures).as("operations answering a caller other than the matrix says").isEmpty();
    }

    private String value(String name, Line line) {
        return switch (name) {
            case "code", "orgUnit", "commune" -> "lien-minh";
            case "period" -> "2022-Q2";
            case "version" -> "1";
            case "activityId" -> world.activity();
            case "evidenceId" -> world.evidence();
            case "id" -> {
                String p = line.path();
                // Plans are derived from the district's: 169/KH-UBND, for Liên Minh (a child of its unit).
                if (p.equals("/api/plans/{id}/derive")) yield AccessWorld.DISTRICT_PLAN;
                if (p.startsWith("/api/plans/")) yield LM_PLAN;
                if (p.startsWith("/api/activities/")) yield world.activity();
                if (p.startsWith("/api/subscriptions/")) yield world.subscription();
                if (p.startsWith("/api/notifications/")) yield world.notification();
                yield UUID.randomUUID().toString(); // a record of the operations endpoints that does not exist
            }
            default -> throw new IllegalArgumentException("no value for {" + name + "} in " + line.key());
        };
    }

    private static void check(List<String> failures, Line line, String role, String expected, Answer answer) {
        int status = answer.status();
        boolean good = switch (expected) {
            // 400 is not "let in": the matrix's request was malformed and the caller's access never came into it.
            case "ok" -> status < 500 && status != 400 && status != 401 && status != 403 && status != 404;
            case "in", "public" -> status < 500 && status != 400 && status != 401 && status != 403;
            default -> status == Integer.parseInt(expected);
        };
        if (good && (status == 401 || status == 403 || status == 404)) {
            // A refusal is a problem (RFC 9457), never a stack trace.
            good = Objects.toString(answer.contentType(), "").contains("application/problem+json")
                    && !answer.body().contains("Exception") && !answer.body().contains("at vn.loa");
        }
        if (!good) {
            failures.add(String.format("%s as %s: expected %s, got %s", line.key(), role, expected, answer));
        }
    }

    /**
     * One request through the gateway; a stream's answer is its status and headers only. A request that times out
     * (30 s here) or that the gateway answers 503 (the service did not answer within the gateway's 3 s: a cold
     * replica's first DOCX on a busy machine) is sent once more and said so: neither is an answer about access, and
     * a second one is kept as the answer (and fails the line).
     */
    private static Answer send(String method, String path, String token, String body, boolean stream) {
        Answer answer = sendOnce(method, path, token, body, stream);
        if (answer.status() == 599 || answer.status() == 503) {
            System.out.printf("access matrix: %s %s answered %d, sent again%n", method, path, answer.status());
            answer = sendOnce(method, path, token, body, stream);
        }
        return answer;
    }

    private static Answer sendOnce(String method, String path, String token, String body, boolean stream) {
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
            byte[] all = AccessWorld.multipart(boundary);
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
                    expected = java.util.Collections.nCopies(ROLES.size(), "public");
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
