package vn.loa.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.E2E.array;
import static vn.loa.e2e.E2E.eventually;
import static vn.loa.e2e.E2E.object;

/**
 * Issue 15: Loa with an external OpenID Connect provider, a real Keycloak (its server distribution from
 * Maven Central, {@code org.keycloak:keycloak-quarkus-dist}), started with the realm export
 * {@code keycloak/loa-realm.json}: Loa's four roles, a client scope that puts {@code roles},
 * {@code org_unit} and the audience {@code loa} into access tokens, and a few users. The gateway runs with
 * its built-in issuer off and no demo mode; gateway and services trust Keycloak's keys alone.
 *
 * <p>Officers sign in by password grant at Keycloak and walk through the gateway to the real services:
 * no token 401, the gateway's own (built-in) tokens 401, a wrong role 403, another commune's object 404,
 * the right user 200/201, refresh by Keycloak's refresh token.
 *
 * <p>Run with {@code -Pkeycloak} (infra/e2e/README.md, "Keycloak"): Keycloak 26 needs Java 21 or newer,
 * found under /usr/lib/jvm (or {@code -Dloa.keycloak.java-home}); its start-up takes one to two minutes
 * here, which is why this class is not part of {@code ./mvnw verify} (the gateway's ExternalIssuerIT, an
 * independent issuer, is).
 */
@ExtendWith(StackLogsOnFailure.class)
class KeycloakE2EIT {

    private static final String LM_PLAN = "a0000000-2022-4000-8000-000000000001";
    private static final Map<String, String> PASSWORDS = Map.of(
            "lienminh.vhtt", "Liên-Minh-2022-kc!",
            "tungchau.vhtt", "Tùng-Châu-2022-kc!",
            "ductho.vhtt", "Đức-Thọ-2022-kc!",
            "hatinh.viewer", "Hà-Tĩnh-2022-kc!",
            "vanhanh.loa", "Vận-hành-Loa-2022-kc!");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process keycloak;
    private static String realm;
    private static LoaStack stack;
    private static Api api;

    @BeforeAll
    static void keycloakThenTheStack() throws Exception {
        Path work = Path.of(System.getProperty("user.dir"), "target", "keycloak").toAbsolutePath();
        int[] ports = freePorts(2);
        realm = "http://localhost:" + ports[0] + "/realms/loa";
        // Beside the distribution: the stack empties its own log directory when it starts.
        keycloak = startKeycloak(unpack(work), ports[0], ports[1], work.resolve("keycloak.log"));

        // The stack's gateway and services trust Keycloak instead of the gateway's built-in issuer.
        for (Service service : Service.values()) {
            String prefix = "loa.e2e.env." + service.moduleName() + ".";
            // Every process gets Keycloak's key set (the stack would point them at the gateway's).
            System.setProperty(prefix + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                    realm + "/protocol/openid-connect/certs");
            if (service == Service.GATEWAY) {
                System.setProperty(prefix + "LOA_AUTH_ISSUER_ENABLED", "false");
                System.setProperty(prefix + "LOA_DEMODATA_ENABLED", "false");
                System.setProperty(prefix + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", realm);
            } else {
                System.setProperty(prefix + "LOA_SECURITY_ISSUER", realm);
            }
        }
        stack = LoaStack.get();
        api = stack.gateway();
    }

    @AfterAll
    static void stopKeycloak() throws InterruptedException {
        if (keycloak != null) {
            keycloak.destroy();
            if (!keycloak.waitFor(30, TimeUnit.SECONDS)) {
                keycloak.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void keycloaksAccessTokenCarriesLoasClaims() {
        JsonNode claims = claims(signIn("lienminh.vhtt").get("access_token").asString());
        assertThat(claims.get("iss").asString()).isEqualTo(realm);
        assertThat(claims.get("aud").toString()).contains("\"loa\"");
        assertThat(claims.get("roles").toString()).isEqualTo("[\"COMMUNE_OFFICER\"]");
        assertThat(claims.get("org_unit").asString()).isEqualTo("lien-minh");
        assertThat(claims.get("sub").asString()).isNotBlank();
    }

    @Test
    void officersWalkThroughTheGatewayToTheServicesWithTheObjectRulesHolding() {
        String lienMinh = token("lienminh.vhtt");
        String tungChau = token("tungchau.vhtt");
        String viewer = token("hatinh.viewer");

        // plan-service, through the gateway: own commune 200, another commune 404, no token 401.
        assertThat(api.get("/api/plans/" + LM_PLAN, lienMinh).status()).isEqualTo(200);
        assertProblem(api.get("/api/plans/" + LM_PLAN, tungChau), 404);
        assertProblem(api.get("/api/plans/" + LM_PLAN, null), 401);
        assertThat(api.get("/api/plans/" + LM_PLAN, viewer).status()).isEqualTo(200);
        // A viewer reads but does not change: 403.
        assertProblem(api.post("/api/plans/" + LM_PLAN + "/close", viewer, null), 403);

        // activity-service: Liên Minh schedules an activity under its plan; Tùng Châu can neither see nor cancel it.
        ObjectNode body = object().put("planId", LM_PLAN).put("title", "Phát thanh CCHC (đăng nhập qua Keycloak)")
                .put("channel", "RADIO").put("unit", "van-hoa-thong-tin").put("dueDate", "2022-06-30");
        body.set("targetCodes", array("CT-2"));
        body.set("topics", array());
        body.set("coordinatingUnits", array());
        String[] id = new String[1];
        eventually().untilAsserted(() -> {
            Api.Response created = api.post("/api/activities", lienMinh, body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            id[0] = created.json().get("id").asString();
        });
        assertThat(api.get("/api/activities/" + id[0], lienMinh).status()).isEqualTo(200);
        assertProblem(api.get("/api/activities/" + id[0], tungChau), 404);
        assertProblem(api.post("/api/activities/" + id[0] + "/cancel", tungChau, object().put("reason", "thử")), 404);
        // The district office sees the communes under it.
        assertThat(api.get("/api/activities/" + id[0], token("ductho.vhtt")).status()).isEqualTo(200);
    }

    @Test
    void operationsEndpointsNeedKeycloaksOperatorRole() {
        assertThat(api.get("/ops/plan/dead-letters", token("vanhanh.loa")).status()).isEqualTo(200);
        assertProblem(api.get("/ops/plan/dead-letters", token("lienminh.vhtt")), 403);
    }

    @Test
    void theGatewaysBuiltInIssuerIsOffAndItsDemoUsersDoNotExist() {
        assertThat(api.post("/auth/token", null, Map.of("username", "operator", "password", "demo")).status())
                .isEqualTo(404);
        // A token that does not come from Keycloak: a Keycloak token with its claims changed.
        String[] parts = token("tungchau.vhtt").split("\\.");
        String forgedClaims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"tung-chau\"", "\"lien-minh\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forgedClaims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertProblem(api.get("/api/plans/" + LM_PLAN, forged), 401);
        assertProblem(stack.direct(Service.PLAN).get("/api/plans/" + LM_PLAN, forged), 401);
    }

    @Test
    void keycloaksRefreshTokenGetsANewAccessTokenThatWorks() {
        JsonNode first = signIn("ductho.vhtt");
        JsonNode refreshed = form(Map.of("grant_type", "refresh_token", "client_id", "loa-app",
                "refresh_token", first.get("refresh_token").asString()));
        String renewed = refreshed.get("access_token").asString();
        assertThat(renewed).isNotEqualTo(first.get("access_token").asString());
        assertThat(api.get("/api/plans?orgUnit=duc-tho", renewed).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ Keycloak

    private static String token(String username) {
        return signIn(username).get("access_token").asString();
    }

    /** Resource owner password grant of the public client {@code loa-app}. */
    private static JsonNode signIn(String username) {
        return form(Map.of("grant_type", "password", "client_id", "loa-app", "username", username,
                "password", PASSWORDS.get(username)));
    }

    private static JsonNode form(Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Api.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode claims(String jwt) {
        return Api.JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                StandardCharsets.UTF_8));
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).contains("application/problem+json");
    }

    /** The distribution unpacked once into target/keycloak, with the realm export to import at start. */
    private static Path unpack(Path work) throws Exception {
        String version = System.getProperty("loa.keycloak.version", "26.5.6");
        Path home = work.resolve("keycloak-" + version);
        if (!Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
            Path dist = distribution(version);
            Files.createDirectories(work);
            run(List.of("tar", "xzf", dist.toString(), "-C", work.toString()), work);
        }
        Path data = home.resolve("data");
        deleteRecursively(data); // a fresh H2 database: the realm is imported at every run
        Files.createDirectories(data.resolve("import"));
        try (var realmExport = KeycloakE2EIT.class.getResourceAsStream("/keycloak/loa-realm.json")) {
            Files.copy(realmExport, data.resolve("import").resolve("loa-realm.json"));
        }
        return home;
    }

    private static Path distribution(String version) {
        String configured = System.getProperty("loa.keycloak.dist");
        if (configured != null && !configured.isBlank() && !configured.startsWith("${") && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        Path inRepository = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "keycloak",
                "keycloak-quarkus-dist", version, "keycloak-quarkus-dist-" + version + ".tar.gz");
        if (Files.isRegularFile(inRepository)) {
            return inRepository;
        }
        throw new IllegalStateException("No Keycloak distribution: run with -Pkeycloak, which fetches "
                + "org.keycloak:keycloak-quarkus-dist:" + version + ":tar.gz from Maven Central");
    }

    private static Process startKeycloak(Path home, int httpPort, int managementPort, Path log) throws Exception {
        Path javaHome = javaHome21();
        List<String> command = List.of(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-port=" + httpPort, "--http-management-port=" + managementPort, "--import-realm",
                "--hostname-strict=false", "--log-level=WARN,org.keycloak.exportimport:INFO,io.quarkus:INFO");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectInput(Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("JAVA_OPTS_APPEND", "-Xmx512m -XX:TieredStopAtLevel=1");
        long began = System.nanoTime();
        Process process = builder.start();
        String discovery = "http://localhost:" + httpPort + "/realms/loa/.well-known/openid-configuration";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Long.getLong("loa.keycloak.ready-minutes", 6));
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped during start-up (exit " + process.exitValue() + "):"
                        + System.lineSeparator() + vn.loa.localstack.ManagedProcess.tail(log, 40));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(discovery))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Keycloak not ready, see " + log);
            }
            Thread.sleep(1000); // polling a process's start-up, not awaiting a test's effect
        }
        System.out.printf("[loa-e2e] Keycloak %s ready on %d after %.1f s (Java %s)%n", home.getFileName(), httpPort,
                (System.nanoTime() - began) / 1e9, javaHome);
        return process;
    }

    /** Keycloak 26 runs on Java 21 or newer; the build's JDK is 17 here. */
    static Path javaHome21() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("loa.keycloak.java-home")).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.sorted(Comparator.reverseOrder()).forEach(candidates::add);
            }
        }
        for (Path candidate : candidates) {
            if (featureVersion(candidate) >= 21 && Files.isExecutable(candidate.resolve("bin").resolve("java"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Keycloak 26 needs Java 21 or newer and none was found (looked at "
                + candidates + "); give one with -Dloa.keycloak.java-home=/path/to/jdk");
    }

    private static int featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
        try {
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void run(List<String> command, Path directory) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
