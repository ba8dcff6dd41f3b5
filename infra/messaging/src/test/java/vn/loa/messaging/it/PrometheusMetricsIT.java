package vn.loa.messaging.it;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import vn.loa.messaging.Topics;
import vn.loa.messaging.outbox.MessagingProducer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations metrics as Prometheus (and the Grafana dashboard of infra/compose) reads them from
 * {@code /actuator/prometheus}: outbox backlog and publish latency, consumer lag, dead letters.
 */
class PrometheusMetricsIT extends MessagingIntegrationTest {

    @Autowired
    MessagingProducer producer;
    @LocalServerPort
    int port;

    @Test
    void exposesOutboxBacklogPublishLatencyAndConsumerLag() {
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(things.create(UUID.randomUUID().toString(), "Sự kiện đo lường " + i));
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> events.stream().allMatch(id -> effectsOf(id) == 1));

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String text = scrape();
            // Backlog: the relay has published everything, so the gauge reads 0 once refreshed.
            assertThat(value(text, "loa_outbox_pending", "")).hasValue(0.0);
            // Publish latency (row written -> Kafka ack) and send latency, as histograms for quantiles.
            assertThat(value(text, "loa_outbox_delay_seconds_count", "").orElseThrow()).isGreaterThanOrEqualTo(5);
            assertThat(text).contains("loa_outbox_delay_seconds_bucket{", "loa_outbox_send_latency_seconds_bucket{");
            assertThat(value(text, "loa_outbox_published_total", "topic=\"" + Topics.PLAN_EVENTS + "\"").orElseThrow())
                    .isGreaterThanOrEqualTo(5);
            // Consumer lag: the Kafka client's fetch-manager metrics, registered by Spring Boot for the
            // listener containers.
            assertThat(value(text, "kafka_consumer_fetch_manager_records_lag_max", "")).isPresent();
        });
        // Per topic and partition once Micrometer's Kafka binder has picked up the assigned partitions (it looks for
        // new client metrics every loa.messaging.metrics.kafka-refresh, 1 s here): the consumer has caught up.
        String topic = "topic=\"" + Topics.PLAN_EVENTS + "\"";
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String text = scrape();
            assertThat(value(text, "kafka_consumer_fetch_manager_records_lag", topic)).isPresent();
            assertThat(maxOf(text, "kafka_consumer_fetch_manager_records_lag", topic)).isZero();
            assertThat(value(text, "kafka_consumer_fetch_manager_records_lag_max", topic)).isPresent();
            assertThat(value(text, "kafka_consumer_fetch_manager_records_consumed_total", topic).orElseThrow())
                    .isGreaterThanOrEqualTo(5);
        });
    }

    @Test
    void countsDeadLettersNotReplayed() throws Exception {
        long before = jdbc.queryForObject("select count(*) from dead_letter where replayed_at is null", Long.class);
        String poison = "không phải một sự kiện " + UUID.randomUUID();
        producer.template().send(new ProducerRecord<>(Topics.PLAN_EVENTS, UUID.randomUUID().toString(), poison)).get();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("select count(*) from dead_letter where payload = ?", Long.class, poison) == 1);

        // The gauge is refreshed at most every 10 s.
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String text = scrape();
            assertThat(value(text, "loa_messaging_dead_letters_pending", "").orElseThrow()).isGreaterThanOrEqualTo(before + 1);
            assertThat(value(text, "loa_messaging_dead_letters_total", "topic=\"" + Topics.PLAN_EVENTS + "\"").orElseThrow())
                    .isGreaterThanOrEqualTo(1);
        });
    }

    private String scrape() {
        return RestClient.create("http://localhost:" + port).get().uri("/actuator/prometheus")
                .retrieve().body(String.class);
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code labelPart}. */
    static OptionalDouble value(String text, String metric, String labelPart) {
        Matcher m = sample(metric).matcher(text);
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (labels.contains(labelPart)) {
                return OptionalDouble.of(Double.parseDouble(m.group(2)));
            }
        }
        return OptionalDouble.empty();
    }

    static double maxOf(String text, String metric, String labelPart) {
        Matcher m = sample(metric).matcher(text);
        double max = Double.NEGATIVE_INFINITY;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (labels.contains(labelPart)) {
                max = Math.max(max, Double.parseDouble(m.group(2)));
            }
        }
        return max;
    }

    private static Pattern sample(String metric) {
        return Pattern.compile("(?m)^" + Pattern.quote(metric) + "(?:\\{([^}]*)\\})? ([-+0-9.eE]+|NaN)$");
    }
}
