package vn.loa.e2e.faults;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a fixed port that can go down (port closed: connection refused) and come
 * back. It counts each {@code X-Loa-Delivery-Id} it receives, so a doubled delivery shows.
 */
final class WebhookReceiver {

    record Receipt(String deliveryId, String eventId, String eventType) {
    }

    private final int port;
    private final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> perDelivery = new ConcurrentHashMap<>();
    private HttpServer server;
    private int outages;

    WebhookReceiver(int port) {
        this.port = port;
    }

    String url() {
        return "http://localhost:" + port + "/hooks/loa";
    }

    synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer created = HttpServer.create(new InetSocketAddress("localhost", port), 50);
        created.createContext("/hooks/loa", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            String deliveryId = exchange.getRequestHeaders().getFirst("X-Loa-Delivery-Id");
            receipts.add(new Receipt(deliveryId, exchange.getRequestHeaders().getFirst("X-Loa-Event-Id"),
                    exchange.getRequestHeaders().getFirst("X-Loa-Event-Type")));
            perDelivery.computeIfAbsent(String.valueOf(deliveryId), k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        created.setExecutor(Executors.newFixedThreadPool(4));
        created.start();
        server = created;
    }

    /** Down: the port refuses connections until {@link #start()}. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
            outages++;
        }
    }

    int outages() {
        return outages;
    }

    List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    /** Delivery ids received more than once. */
    Map<String, Integer> doubled() {
        Map<String, Integer> doubled = new java.util.TreeMap<>();
        perDelivery.forEach((id, count) -> {
            if (count.get() > 1) {
                doubled.put(id, count.get());
            }
        });
        return doubled;
    }
}
