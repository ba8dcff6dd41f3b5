package vn.loa.e2e;

import com.sun.net.httpserver.HttpServer;
import vn.loa.localstack.FreePorts;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A webhook receiver (JDK HttpServer) on a fixed loopback port: keeps every call with its headers and raw body and
 * answers 204. It can go down ({@link #stop()}: connection refused) and come back on the same port ({@link #start()}),
 * and tells which delivery ids it received more than once.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One call as received. */
    public record Call(Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String deliveryId() {
            return header("X-Loa-Delivery-Id");
        }

        public String eventId() {
            return header("X-Loa-Event-Id");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * Checks the Standard Webhooks signature as a receiver must: {@code webhook-signature} holds
         * {@code v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">} keyed with the base64-decoded
         * part of the {@code whsec_} secret, compared in constant time; the timestamp within 5 minutes of now.
         */
        public boolean signedWith(String secret) {
            String id = header("webhook-id");
            String timestamp = header("webhook-timestamp");
            String signatures = header("webhook-signature");
            if (id == null || timestamp == null || signatures == null || !secret.startsWith("whsec_")) {
                return false;
            }
            try {
                if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
                    return false;
                }
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
                byte[] expected = mac.doFinal(body);
                // the header may list several signatures (key rotation), separated by spaces
                for (String signature : signatures.split(" ")) {
                    if (signature.startsWith("v1,")
                            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                        return true;
                    }
                }
                return false;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    private final int port;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** Started, on a free port. */
    public WebhookReceiver() {
        this(FreePorts.next());
    }

    /** Started, on {@code port}. */
    public WebhookReceiver(int port) {
        this.port = port;
        start();
    }

    public String url() {
        return "http://localhost:" + port + "/hooks/loa";
    }

    /** Up again (no-op when up). */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("localhost", port), 50);
            created.createContext("/hooks/loa", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    calls.add(new Call(Map.copyOf(exchange.getRequestHeaders()), in.readAllBytes()));
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            created.setExecutor(Executors.newFixedThreadPool(4));
            created.start();
            server = created;
        } catch (IOException e) {
            throw new UncheckedIOException("webhook receiver on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Down: the port refuses connections until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Delivery ids received more than once, with their counts. */
    public Map<String, Long> doubled() {
        return calls.stream().collect(Collectors.groupingBy(c -> String.valueOf(c.deliveryId()), TreeMap::new,
                        Collectors.counting())).entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }
}
