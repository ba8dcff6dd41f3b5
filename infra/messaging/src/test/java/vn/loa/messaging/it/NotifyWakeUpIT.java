package vn.loa.messaging.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import vn.loa.messaging.outbox.MessagingProducer;
import vn.loa.messaging.outbox.OutboxMonitor;
import vn.loa.messaging.outbox.OutboxRelay;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * With polling as good as off (one look an hour), committed events are still relayed at once:
 * the relay is woken by PostgreSQL LISTEN/NOTIFY. The application's relay is stopped meanwhile and a relay
 * polling once an hour runs in its place (in the shared context: no Spring context of its own).
 */
class NotifyWakeUpIT extends MessagingIntegrationTest {

    @Autowired
    OutboxRelay relay;
    @Autowired
    DataSource dataSource;
    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    OutboxMonitor monitor;

    @Test
    void aCommitWakesTheRelayWithoutPolling() {
        relay.stop();
        MessagingProducer producer = new MessagingProducer(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getProducer().getBootstrapServers()), Duration.ofSeconds(10));
        OutboxRelay hourly = new OutboxRelay(dataSource, producer.template(), "/messaging-it",
                new OutboxRelay.Settings(100, Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(1),
                        true, Duration.ofDays(7), Duration.ofHours(1)), new SimpleMeterRegistry(), "hourly-relay");
        hourly.start();
        try {
            // Its first pass runs at once and finds the outbox empty: from then on only a notification wakes it.
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                monitor.refresh();
                return monitor.stats().pending() == 0;
            });
            for (int i = 0; i < 3; i++) {
                UUID eventId = things.create(UUID.randomUUID().toString(), "woken " + i);
                await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> published(eventId));
            }
        } finally {
            hourly.stop();
            producer.destroy();
            relay.start();
        }
    }
}
