package vn.loa.notification.delivery;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import vn.loa.notification.egress.RefusedTargetException;
import vn.loa.notification.egress.WebhookTargets;
import vn.loa.notification.subscription.Subscription;
import vn.loa.notification.subscription.SubscriptionRepository;
import vn.loa.notification.subscription.WebhookSecrets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * POSTs the JSON body, signed the Standard Webhooks way, through the SSRF guard: the target is
 * checked before every send, and the client's DNS hook checks again the very addresses it connects
 * to (no second lookup between check and connect). No redirects, no retries inside the client (the
 * schedule does that), no proxy, no cookies. Any non-2xx answer is a failure.
 */
@Component
class WebhookSender implements DeliverySender, DisposableBean {

    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;
    private final DeliveryProperties properties;
    private final SubscriptionRepository subscriptions;
    private final WebhookTargets targets;
    /** The timestamp receivers compare with their own clock: always the real time, never a test clock. */
    private final Clock wallClock = Clock.systemUTC();

    WebhookSender(DeliveryProperties properties, SubscriptionRepository subscriptions, WebhookTargets targets) {
        this.properties = properties;
        this.subscriptions = subscriptions;
        this.targets = targets;
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(targets))
                .setMaxConnTotal(properties.threads())
                .setMaxConnPerRoute(properties.threadsPerTarget())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.requestTimeout()))
                        // a pooled connection was checked when it was opened; do not keep it for long
                        .setTimeToLive(TimeValue.ofMinutes(1))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("loa-notification/1")
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.requestTimeout()))
                        .setResponseTimeout(Timeout.of(properties.requestTimeout()))
                        .build())
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loa-webhook-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String channel() {
        return "WEBHOOK";
    }

    /** The target's scheme, host and port: the calls that can hang together. */
    @Override
    public String lane(ClaimedDelivery d) {
        try {
            URI uri = URI.create(d.target());
            return (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }

    @Override
    public void send(ClaimedDelivery d) throws Exception {
        Subscription s = d.subscriptionId() == null ? null : subscriptions.findById(d.subscriptionId()).orElse(null);
        if (s == null) {
            throw new PermanentDeliveryFailure("subscription " + d.subscriptionId() + " was deleted");
        }
        if (s.secret() == null || WebhookSecrets.problem(s.secret()).isPresent()) {
            throw new PermanentDeliveryFailure("subscription " + s.id() + " has no Standard Webhooks secret");
        }
        targets.check(d.target()); // the SSRF guard before every send (and again at connect)
        byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = wallClock.instant().getEpochSecond();
        HttpPost post = new HttpPost(d.target());
        post.setHeader(WebhookSignature.ID, d.id().toString());
        post.setHeader(WebhookSignature.TIMESTAMP, Long.toString(timestamp));
        post.setHeader(WebhookSignature.SIGNATURE,
                WebhookSignature.sign(WebhookSecrets.key(s.secret()), d.id().toString(), timestamp, body));
        // Kept for receivers written against the earlier headers: the same id as webhook-id.
        post.setHeader("X-Loa-Delivery-Id", d.id().toString());
        post.setHeader("X-Loa-Event-Id", d.eventId().toString());
        post.setHeader("X-Loa-Event-Type", d.eventType());
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        // The response timeout bounds each read; this bounds the whole call, a trickled answer included.
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, properties.requestTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        int status;
        try {
            status = http.execute(post, response -> response.getCode());
        } catch (IOException e) {
            if (post.isCancelled()) {
                throw new IOException("no complete answer within " + properties.requestTimeout().toMillis() + " ms", e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
        if (status / 100 != 2) {
            throw new IllegalStateException("webhook answered HTTP " + status);
        }
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    /** The client's DNS hook: every address it will connect to passes the SSRF guard, with the port. */
    private static final class GuardedDnsResolver implements DnsResolver {

        private final WebhookTargets targets;

        GuardedDnsResolver(WebhookTargets targets) {
            this.targets = targets;
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return targets.resolveForConnect(host, port);
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new RefusedTargetException(vn.loa.common.problem.Text.of("field.webhook.no-port", host));
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
