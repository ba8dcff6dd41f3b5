package vn.loa.notification.delivery;

import org.springframework.stereotype.Component;
import vn.loa.notification.subscription.Subscriptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** POSTs the JSON body, signed, with connect and request timeouts. Any non-2xx answer is a failure. */
@Component
class WebhookSender implements DeliverySender {

    private final HttpClient http;
    private final DeliveryProperties properties;
    private final Subscriptions subscriptions;

    WebhookSender(DeliveryProperties properties, Subscriptions subscriptions) {
        this.properties = properties;
        this.subscriptions = subscriptions;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String channel() {
        return "WEBHOOK";
    }

    @Override
    public String guardKey(Delivery d) {
        return d.target();
    }

    @Override
    public void send(Delivery d) throws Exception {
        String secret = subscriptions.secretOf(d.subscriptionId())
                .orElseThrow(() -> new IllegalStateException("subscription " + d.subscriptionId() + " was deleted"));
        byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.target()))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "loa-notification/1")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
                .header("X-Loa-Delivery-Id", d.id().toString())
                .header("X-Loa-Event-Id", d.eventId().toString())
                .header("X-Loa-Event-Type", d.eventType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("webhook answered HTTP " + response.statusCode());
        }
    }
}
