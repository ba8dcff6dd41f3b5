package vn.loa.notification.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
import vn.loa.testsupport.Figures;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.loa.notification.TestEvents.activity;

/**
 * Real deliveries verified by a client no one here wrote: the Standard Webhooks reference
 * implementation (npm {@code standardwebhooks}, the version in the pom), in a Node.js receiver that
 * runs as a process of its own on loopback ({@code src/test/resources/standardwebhooks/receiver.js}).
 * The package is installed into {@code target/standardwebhooks-receiver} with npm on the first run;
 * without npm and node the test is skipped, saying so.
 */
class StandardWebhooksReceiverIT extends NotificationIT {

    static final Path DIR = Path.of("target", "standardwebhooks-receiver");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Process receiver;
    static int port;

    @BeforeAll
    static void startReceiver() throws Exception {
        String version = System.getProperty("standardwebhooks.version", "1.3.0");
        Assumptions.assumeTrue(runs("node", "--version") && runs("npm", "--version"),
                "SKIPPED: node and npm are needed to run the Standard Webhooks reference receiver (npm package "
                        + "standardwebhooks " + version + "); install Node.js 18 or later with npm");
        Files.createDirectories(DIR);
        install(version);
        try (InputStream script = StandardWebhooksReceiverIT.class.getResourceAsStream("/standardwebhooks/receiver.js")) {
            Files.copy(Objects.requireNonNull(script), DIR.resolve("receiver.js"), StandardCopyOption.REPLACE_EXISTING);
        }
        receiver = new ProcessBuilder("node", "receiver.js").directory(DIR.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
        String first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(first).as("the receiver's first line").startsWith("LISTENING ");
        port = Integer.parseInt(first.substring("LISTENING ".length()).trim());
        Thread drain = new Thread(() -> out.lines().forEach(line -> System.out.println("[receiver.js] " + line)),
                "receiver.js-output");
        drain.setDaemon(true);
        drain.start();
    }

    /** npm install of the pinned version into target/, unless that version is there already. */
    static void install(String version) throws Exception {
        Path installed = DIR.resolve("node_modules/standardwebhooks/package.json");
        if (Files.exists(installed) && Files.readString(installed).contains("\"version\": \"" + version + "\"")) {
            return;
        }
        Files.writeString(DIR.resolve("package.json"), """
                {"name": "loa-standardwebhooks-receiver", "private": true,
                 "dependencies": {"standardwebhooks": "%s"}}
                """.formatted(version));
        // Up to three tries: a registry hiccup should not fail the build; a real error shows in the last output.
        String output = "";
        for (int attempt = 1; attempt <= 3; attempt++) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-package-lock",
                    "--loglevel=error").directory(DIR.toFile()).redirectErrorStream(true).start();
            output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0 && Files.exists(installed)) {
                return;
            }
        }
        throw new AssertionError("npm install standardwebhooks@" + version + " failed three times:\n" + output);
    }

    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @AfterAll
    static void stopReceiver() throws InterruptedException {
        if (receiver != null) {
            receiver.destroy();
            if (!receiver.waitFor(10, TimeUnit.SECONDS)) {
                receiver.destroyForcibly();
            }
        }
    }

    @Test
    void theReferenceImplementationVerifiesRealDeliveries() throws Exception {
        String commune = unique("duc-lam");
        String own = "/hooks/" + commune + "/own-secret";
        String generated = "/hooks/" + commune + "/generated-secret";
        String ownSecret = "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString()
                .substring(0, 32).getBytes(StandardCharsets.US_ASCII));
        subscribe(commune, own, ownSecret);
        registerSecret(own, ownSecret);
        String generatedSecret = subscribe(commune, generated, null);
        assertThat(generatedSecret).startsWith("whsec_");
        registerSecret(generated, generatedSecret);

        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID activityId = UUID.randomUUID();
            events.add(publish(Topics.ACTIVITY_EVENTS, commune, "activity-scheduled", activityId.toString(),
                    activity(activityId, UUID.randomUUID(), "15/KH-UBND", commune,
                            List.of("ha-tinh", "duc-tho", commune), "tu-phap", List.of("noi-vu"),
                            LocalDate.of(2022, 3, 31))));
        }

        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> resultsFor(commune).size() >= 6);
        List<JsonNode> results = resultsFor(commune);
        assertThat(results).hasSize(6).allSatisfy(r -> {
            assertThat(r.get("verified").asBoolean()).as(r.toString()).isTrue();
            assertThat(r.get("id").asString()).isEqualTo(r.get("deliveryId").asString());
            assertThat(r.get("eventType").asString()).isEqualTo("activity-scheduled");
            assertThat(r.get("subject").asString()).startsWith("Hoạt động mới theo Kế hoạch số 15/KH-UBND");
        });
        assertThat(results.stream().map(r -> r.get("path").asString()).distinct()).containsExactlyInAnyOrder(own, generated);
        assertThat(jdbc.sql("select count(*) from delivery where event_id in (:e) and status = 'SENT'")
                .param("e", events).query(Long.class).single()).isEqualTo(6);
        Figures.print("standardwebhooks %s verified %d of %d real deliveries",
                System.getProperty("standardwebhooks.version", "1.3.0"),
                results.stream().filter(r -> r.get("verified").asBoolean()).count(), results.size());
    }

    @Test
    void theReceiverRefusesATamperedBodyAndAReplayedOldDelivery() throws Exception {
        String path = "/hooks/" + unique("control");
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        registerSecret(path, secret);
        String id = UUID.randomUUID().toString();
        String body = "{\"subject\":\"Báo cáo quý 1\"}";
        long now = Instant.now().getEpochSecond();

        assertThat(postSigned(path, secret, id, now, body, body)).isEqualTo(204);
        assertThat(postSigned(path, secret, id, now, body, body.replace("quý 1", "quý 2"))).isEqualTo(400);
        assertThat(postSigned(path, secret, id, now - 600, body, body)).isEqualTo(400);

        List<JsonNode> results = results().stream().filter(r -> r.get("path").asString().equals(path)).toList();
        assertThat(results).extracting(r -> r.get("verified").asBoolean()).containsExactly(true, false, false);
        assertThat(results.get(1).get("error").asString()).contains("No matching signature");
        assertThat(results.get(2).get("error").asString()).contains("too old");
    }

    /** A request signed as Standard Webhooks says, with {@code sent} as the body actually sent. */
    private int postSigned(String path, String secret, String id, long timestamp, String signed, String sent)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signature = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + signed).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", signature).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(sent, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String subscribe(String commune, String path, String secret) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("orgUnit", commune, "channel", "WEBHOOK",
                "target", "http://127.0.0.1:" + port + path, "events", List.of("activity-scheduled")));
        if (secret != null) {
            body.put("secret", secret);
        }
        String created = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/subscriptions")
                        .header("Authorization", officerOf(commune)).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(body)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        JsonNode view = json.readTree(created);
        return view.has("secret") && !view.get("secret").isNull() ? view.get("secret").asString() : null;
    }

    private void registerSecret(String path, String secret) throws Exception {
        int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_secrets" + path))
                .PUT(HttpRequest.BodyPublishers.ofString(secret)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        assertThat(status).isEqualTo(204);
    }

    private List<JsonNode> resultsFor(String commune) throws Exception {
        return results().stream().filter(r -> r.get("path").asString().startsWith("/hooks/" + commune + "/")).toList();
    }

    private List<JsonNode> results() throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_results")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<JsonNode> out = new ArrayList<>();
        json.readTree(text).forEach(out::add);
        return out;
    }
}
