package vn.loa.messaging.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import vn.loa.messaging.outbox.MessagingProducer;
import vn.loa.messaging.outbox.OutboxRelay;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConcurrentRelaysIT extends MessagingIntegrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    KafkaConnectionDetails kafka;

    @Test
    void twoRelaysRunningAtOncePublishEachRowOnce() throws Exception {
        // A second instance's relay, beside the application's own, on the same database.
        MessagingProducer secondProducer = new MessagingProducer(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getProducer().getBootstrapServers()),
                Duration.ofSeconds(10));
        OutboxRelay second = new OutboxRelay(dataSource, secondProducer.template(), "/messaging-it",
                new OutboxRelay.Settings(20, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(1),
                        true, Duration.ofDays(7), Duration.ofHours(1)),
                new SimpleMeterRegistry(), "second-relay");
        second.start();
        try {
            List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String key = UUID.randomUUID().toString();
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        ids.add(things.create(key, "concurrent " + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();

            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(this::published));
            await().ignoreExceptions().atMost(Duration.ofSeconds(60))
                    .until(() -> ids.stream().allMatch(id -> !observer.withEventId(id).isEmpty()));

            Map<String, Long> copies = observer.records.stream()
                    .map(r -> TopicObserver.header(r, "ce_id"))
                    .filter(id -> ids.contains(UUID.fromString(id)))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies).hasSize(200);
            assertThat(copies.values()).allMatch(n -> n == 1);
        } finally {
            second.stop();
            secondProducer.destroy();
        }
    }
}
